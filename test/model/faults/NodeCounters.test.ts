/**
 * NodeCounters: a cluster's or the backend's counter is the sum of its nodes' piecewise-linear
 * counters, term by term in ascending node order, so it is bit-identical to scanning every
 * node and keeping those of the cluster (what bug watches read before nodes were listed per
 * cluster; predicted crossing times, and so the pinned results, depend on the exact value).
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { NodeCounters } from "../../../src/model/faults/NodeCounters.js";

describe("NodeCounters", () => {
  it("sums a cluster's nodes exactly as a scan of all nodes would", () => {
    const rng = new RandomStreams("counters").get("values");
    const nodeCount = 37;
    const clusterOf = (node: number) => (node * 7) % 5; // clusters interleave
    const initial = Float64Array.from({ length: nodeCount }, () => rng.next() * 1e9);
    let nowMs = 0;
    const counters = new NodeCounters(
      { nodeCount, clusterOf, clusterCount: 5, messageBytes: 75_000, nodeCapacityBytes: 1e13 },
      initial,
      () => nowMs,
    );
    const objects = Array.from(initial);
    const rates = new Array<number>(nodeCount).fill(0);
    const since = new Array<number>(nodeCount).fill(0);
    for (let step = 0; step < 200; step++) {
      nowMs += Math.floor(rng.next() * 3_600_000);
      const node = Math.floor(rng.next() * nodeCount);
      const delta = rng.next() * 1e-3;
      objects[node]! += rates[node]! * (nowMs - since[node]!);
      since[node] = nowMs;
      rates[node] = Math.max(0, rates[node]! + delta);
      counters.addRate(node, delta);
      for (let cluster = 0; cluster < 5; cluster++) {
        let value = 0;
        let rate = 0;
        for (let n = 0; n < nodeCount; n++) {
          if (clusterOf(n) !== cluster) continue;
          value += objects[n]! + rates[n]! * (nowMs - since[n]!);
          rate += rates[n]!;
        }
        expect(counters.counterNow("objects", "cluster", cluster)).toEqual({ value, ratePerMs: rate });
      }
      const whole = counters.counterNow("objects", "backend", 0);
      expect(whole.ratePerMs).toBe(rates.reduce((a, b) => a + b, 0));
    }
  });
});
