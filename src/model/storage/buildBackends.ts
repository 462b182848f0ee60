/**
 * Builds the storage backends a scenario declares, in the order the file lists them (that
 * order numbers the slots, so it is part of the run's identity).
 */
import type { Scenario } from "../../scenario/schema.js";
import { FilerBackend } from "./FilerBackend.js";
import type { CrashSpec, LossSpec } from "./NodeFaults.js";
import { ScaleOutBackend } from "./ScaleOutBackend.js";
import type { StorageBackend } from "./StorageBackend.js";

type BackendSpec = Scenario["backends"][string];

export function buildBackends(scenario: Scenario): StorageBackend[] {
  return Object.entries(scenario.backends).map(([name, spec]) => buildBackend(name, spec));
}

function buildBackend(name: string, spec: BackendSpec): StorageBackend {
  const common = {
    name,
    repairBandwidthBytesPerSec: spec.repairBandwidth,
    timeoutSlowFactor: spec.timeoutSlowFactor,
    ...faultSpecs(spec),
  };
  if (spec.kind === "filer") {
    return new FilerBackend({
      ...common,
      version: spec.version,
      nodes: spec.nodes,
      volumesPerNode: spec.volumesPerNode,
      takeoverMs: spec.takeover === "none" ? Number.POSITIVE_INFINITY : spec.takeover,
    });
  }
  return new ScaleOutBackend({
    ...common,
    clusters: spec.clusters,
    nodesPerCluster: spec.nodesPerCluster,
    shardsPerNode: spec.shardsPerNode,
    versions: spec.versions,
  });
}

function faultSpecs(spec: BackendSpec): { nodeCrash?: CrashSpec; nodeLoss?: LossSpec } {
  return {
    ...(spec.nodeCrash
      ? {
          nodeCrash: {
            ttf: spec.nodeCrash.ttf,
            downtime: spec.nodeCrash.downtime,
            crews: spec.nodeCrash.crews ?? Number.POSITIVE_INFINITY,
          },
        }
      : {}),
    ...(spec.nodeLoss ? { nodeLoss: { ttf: spec.nodeLoss.ttf, replace: spec.nodeLoss.replace } } : {}),
  };
}
