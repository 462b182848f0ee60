/**
 * ShardPlacement: `chain` is exactly the backend's own placement (so existing outputs do not
 * move); `random` and `copysets` put a group's copies on distinct nodes of the cluster the
 * chain would use, take each node's slots in turn, and draw only from their own streams.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { type PlacementSpec, ShardPlacement } from "../../../src/model/protection/ShardPlacement.js";
import { ScaleOutBackend } from "../../../src/model/storage/ScaleOutBackend.js";

function backend(name: string, clusters: number, nodesPerCluster: number, shardsPerNode: number) {
  return new ScaleOutBackend({
    name,
    repairBandwidthBytesPerSec: 1e8,
    timeoutSlowFactor: 10,
    clusters,
    nodesPerCluster,
    shardsPerNode,
    versions: ["v1"],
  });
}

/** Places `groups` groups with shards on `shardBackend`; returns each group's run-wide slots. */
function place(spec: PlacementSpec, groups: number, shardBackend: number[], seed = 1) {
  const backends = [backend("a", 2, 6, 3), backend("b", 1, 5, 2)];
  const offsets = [0, backends[0]!.slotCount];
  const placement = new ShardPlacement(spec, backends, offsets, shardBackend, new RandomStreams(seed));
  const slots = Array.from({ length: groups }, (_, g) =>
    shardBackend.map((_, s) => placement.placeShard(g, s)),
  );
  return { backends, offsets, slots };
}

describe("ShardPlacement", () => {
  it("chain is the backend's own placeShard, copy by copy on each backend", () => {
    const { backends, offsets, slots } = place({ kind: "chain" }, 20, [0, 0, 1]);
    slots.forEach((row, g) => {
      expect(row).toEqual([
        backends[0]!.placeShard(g, 0),
        backends[0]!.placeShard(g, 1),
        offsets[1]! + backends[1]!.placeShard(g, 0),
      ]);
    });
  });

  for (const kind of ["random", "copysets"] as const) {
    it(`${kind}: distinct nodes in the chain's cluster, slots taken in turn, same seed same slots`, () => {
      const { backends, slots } = place({ kind }, 120, [0, 0, 0]);
      const a = backends[0]!;
      const usedOnNode = new Map<number, number[]>();
      slots.forEach((row, g) => {
        const nodesOf = row.map((slot) => a.slotNode(slot));
        expect(new Set(nodesOf).size).toBe(3);
        const cluster = a.nodeCluster(a.slotNode(a.placeShard(g, 0)));
        for (const node of nodesOf) expect(a.nodeCluster(node)).toBe(cluster);
        row.forEach((slot) => {
          const node = a.slotNode(slot);
          usedOnNode.set(node, [...(usedOnNode.get(node) ?? []), slot]);
        });
      });
      // The k-th group on a node takes its slot k mod 3.
      for (const [node, used] of usedOnNode) {
        for (const [k, slot] of used.entries()) expect(slot).toBe(node * 3 + (k % 3));
      }
      expect(place({ kind }, 120, [0, 0, 0]).slots).toEqual(slots);
      expect(place({ kind }, 120, [0, 0, 0], 2).slots).not.toEqual(slots);
    });
  }

  it("copysets with S = R − 1 use only N / R node sets per cluster; random uses many", () => {
    const sets = (kind: "random" | "copysets") =>
      new Set(
        place({ kind }, 200, [0, 0, 0]).slots.map((row) =>
          row
            .map((s) => Math.floor(s / 3))
            .sort()
            .join(),
        ),
      ).size;
    expect(sets("copysets")).toBe(2 * 2); // two clusters of 6 nodes, 2 disjoint sets each
    expect(sets("random")).toBeGreaterThan(20); // C(6,3) = 20 per cluster
  });

  it("more copies on a backend than nodes in a cluster is an input error", () => {
    const backends = [backend("a", 1, 2, 1)];
    const placement = new ShardPlacement({ kind: "random" }, backends, [0], [0, 0, 0], new RandomStreams(1));
    expect(() => placement.placeShard(0, 0)).toThrow(/protection.placement: expected at most 2 copies/);
  });
});
