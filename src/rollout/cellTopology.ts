/**
 * cellTopology: the `cells` strategy splits the migration target into independent clusters
 * — each with its own counters and, if listed, its own storage-OS version — keeping the
 * target's node count. Other strategies leave the scenario as written.
 *
 * Contract: pure; returns the scenario unchanged unless the strategy is `cells`.
 */
import type { StrategySpec } from "../scenario/rolloutSchema.js";
import type { Scenario } from "../scenario/schema.js";

export function cellTopology(scenario: Scenario, strategy: StrategySpec): Scenario {
  if (strategy.kind !== "cells" || scenario.migration === undefined) return scenario;
  const targetName = scenario.migration.to;
  const target = scenario.backends[targetName]!;
  if (target.kind !== "scale-out" || !("nodesPerCluster" in target)) return scenario;
  const nodes = target.clusters * target.nodesPerCluster;
  const cells = Math.min(strategy.cells, nodes);
  const split = {
    ...target,
    clusters: cells,
    nodesPerCluster: Math.floor(nodes / cells),
    versions: strategy.versions ?? target.versions,
  };
  return { ...scenario, backends: { ...scenario.backends, [targetName]: split } };
}
