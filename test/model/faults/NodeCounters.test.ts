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

  it("with expunge λ objects relax as r/λ + (O₀ − r/λ)e^{−λt}; writes still count every write", () => {
    let nowMs = 0;
    const lambda = -Math.log(0.9) / 86_400_000; // 10% a day
    const counters = new NodeCounters(
      {
        nodeCount: 2,
        clusterOf: () => 0,
        clusterCount: 1,
        messageBytes: 10_000,
        nodeCapacityBytes: 1e9,
        expungePerMs: lambda,
      },
      Float64Array.from([5000, 1000]),
      () => nowMs,
    );
    const r = 1000 / 86_400_000;
    counters.addRate(0, r);
    nowMs = 86_400_000;
    const a = r / lambda;
    const node0 = a + (5000 - a) * Math.exp(-lambda * nowMs);
    const node1 = 1000 * 0.9;
    expect(counters.counterNow("objects", "node", 0).value).toBeCloseTo(node0, 9);
    expect(counters.counterNow("objects", "node", 1).value).toBeCloseTo(node1, 9);
    const cluster = counters.counterNow("objects", "cluster", 0);
    expect(cluster.value).toBeCloseTo(node0 + node1, 9);
    expect(cluster.decayPerMs).toBe(lambda);
    // Writes since t = 0: a day at r, none expunged, and no decay reported.
    const writes = counters.counterNow("writes", "node", 0);
    expect(writes.value).toBeCloseTo(1000, 9);
    expect(writes.decayPerMs).toBeUndefined();
    // A rate change advances the node along the same curve: no jump.
    counters.addRate(0, r);
    expect(counters.counterNow("objects", "node", 0).value).toBeCloseTo(node0, 9);
  });
});
