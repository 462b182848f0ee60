/**
 * densityGroups: the units a density canary moves (`setDensity`), so that a few target nodes
 * or whole cells reach production density while the rest of the target is empty — per-node
 * and per-cluster counters then see production load early, where a weight canary spreads the
 * same mailboxes thinly over every node (docs/model.md#migrations-and-rollout-strategies).
 *
 *   nodes: s      the first ceil(s × N) of the N target nodes that receive mailboxes, by node number
 *   clusters: k   every node of the first k target clusters (cells) that receive mailboxes
 *   fill: f       of each chosen node, the shortest run of its units (by index) holding at
 *                 least f of the mailboxes it serves once everything has moved
 *
 * Contract: pure; returns group indices in ascending order. A unit belongs to the node that
 * will hold its target copy. Lowest-numbered nodes first: on a scale-out backend these are
 * the first cluster's, so a node canary also concentrates in one cell.
 */
import type { UnitFacts } from "./compilePlan.js";

export interface DensitySpec {
  readonly nodes?: number | undefined;
  readonly clusters?: number | undefined;
  readonly fill: number;
}

export function densityGroups(spec: DensitySpec, units: UnitFacts): number[] {
  const byNode = new Map<number, number[]>();
  for (let g = 0; g < units.groupCount; g++) {
    const node = units.targetNode(g);
    const list = byNode.get(node);
    if (list === undefined) byNode.set(node, [g]);
    else list.push(g);
  }
  const nodes = [...byNode.keys()].sort((a, b) => a - b);
  let chosen: number[];
  if (spec.clusters !== undefined) {
    const cells = [...new Set(nodes.map((n) => units.targetCell(byNode.get(n)![0]!)))].sort((a, b) => a - b);
    const wanted = new Set(cells.slice(0, spec.clusters));
    chosen = nodes.filter((n) => wanted.has(units.targetCell(byNode.get(n)![0]!)));
  } else {
    const share = spec.nodes ?? 0;
    // A share meant as exactly k nodes (2% of 300 = 6) is not pushed to k + 1 by float noise.
    const count = share <= 0 ? 0 : Math.max(1, Math.ceil(share * nodes.length * (1 - 1e-12)));
    chosen = nodes.slice(0, count);
  }
  const groups: number[] = [];
  for (const node of chosen) groups.push(...fillOf(byNode.get(node)!, spec.fill, units));
  return groups.sort((a, b) => a - b);
}

/** The shortest run of a node's units holding at least `fill` of its mailboxes. */
function fillOf(nodeGroups: readonly number[], fill: number, units: UnitFacts): readonly number[] {
  if (fill <= 0) return [];
  let total = 0;
  for (const g of nodeGroups) total += units.groupMailboxes(g);
  const wanted = fill * total * (1 - 1e-12);
  let held = 0;
  for (let i = 0; i < nodeGroups.length; i++) {
    held += units.groupMailboxes(nodeGroups[i]!);
    if (held >= wanted) return nodeGroups.slice(0, i + 1);
  }
  return nodeGroups;
}
