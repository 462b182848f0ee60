/**
 * The shape of a declared backend — nodes, slots, clusters, and how many nodes one
 * protection group can spread over — computed from its scenario entry, so cross-checks and
 * memory estimates agree with what the model will build. A plugin's entry carries the shape
 * its plugin's `describe` returned when the scenario was validated.
 */
import type { Scenario } from "./schema.js";

/** The shape of a backend: nodes, slots, clusters, and how many distinct nodes one group can use. */
export interface Topology {
  nodes: number;
  slots: number;
  clusters: number;
  /** Distinct nodes available to one protection group's shards. */
  nodesPerGroup: number;
}

export function topologyOf(spec: Scenario["backends"][string]): Topology {
  if ("plugin" in spec) return spec.topology;
  if (spec.kind === "filer") {
    return {
      nodes: spec.nodes,
      slots: spec.nodes * spec.volumesPerNode,
      clusters: 1,
      nodesPerGroup: spec.nodes,
    };
  }
  const nodes = spec.clusters * spec.nodesPerCluster;
  return {
    nodes,
    slots: nodes * spec.shardsPerNode,
    clusters: spec.clusters,
    nodesPerGroup: spec.nodesPerCluster,
  };
}
