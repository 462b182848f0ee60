/**
 * Builds the storage backends a scenario declares, in the order the file lists them (that
 * order numbers the placement groups, so it is part of the run's identity).
 */
import type { Scenario } from "../../scenario/schema.js";
import { FilerBackend } from "./FilerBackend.js";
import type { StorageBackend } from "./StorageBackend.js";

export function buildBackends(scenario: Scenario): StorageBackend[] {
  return Object.entries(scenario.backends).map(([name, spec]) => {
    return new FilerBackend({
      name,
      version: spec.version,
      nodes: spec.nodes,
      volumesPerNode: spec.volumesPerNode,
      ...(spec.nodeCrash ? { nodeCrash: spec.nodeCrash } : {}),
    });
  });
}
