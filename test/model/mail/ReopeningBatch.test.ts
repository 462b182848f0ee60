/**
 * ReopeningBatch: groups reopening in one instant after one outage are settled once at their
 * summed rate, and the late deliveries are split among them exactly (the parts add up) and in
 * proportion to their rates (on average).
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { Simulation } from "../../../src/engine/Simulation.js";
import { type OutageWindow, ReopeningBatch } from "../../../src/model/mail/ReopeningBatch.js";

const WINDOW: OutageWindow = { startMs: 0, spoolEndMs: 10, restoredAtMs: 100, windowStartMs: 0 };

function batchWith(rates: number[], deliveredPerSettle: number, seed = 1) {
  const settled: number[] = [];
  const delivered = new Array<number>(rates.length).fill(0);
  const sim = new Simulation();
  const batch = new ReopeningBatch(sim, new RandomStreams(seed).get("split"), {
    rateOf: (g) => rates[g]!,
    settle: (rate) => {
      settled.push(rate);
      return deliveredPerSettle;
    },
    deliver: (g, count) => {
      delivered[g]! += count;
    },
  });
  return { sim, batch, settled, delivered };
}

describe("ReopeningBatch", () => {
  it("settles groups sharing a window once, at the summed rate, at the end of the instant", () => {
    const { sim, batch, settled } = batchWith([1, 2, 3], 0);
    sim.callAt(100, () => {
      batch.add(0, WINDOW);
      batch.add(1, WINDOW);
      batch.add(2, { ...WINDOW, spoolEndMs: 20 }); // another window: settled on its own
      expect(settled).toEqual([]);
    });
    sim.run(200);
    expect(settled).toEqual([3, 3]);
  });

  it("splits the late deliveries so they add up, in proportion to the rates on average", () => {
    const totals = [0, 0, 0];
    for (let round = 0; round < 200; round++) {
      const { batch, delivered } = batchWith([1, 2, 7], 1000, round);
      batch.settleTogether([0, 1, 2], WINDOW, 100);
      expect(delivered.reduce((a, b) => a + b, 0)).toBe(1000);
      delivered.forEach((d, g) => {
        totals[g]! += d;
      });
    }
    // 200 × 1000 messages: shares 10%, 20%, 70% within 4 SE (SE of a share ≈ sqrt(p(1−p)/2e5)).
    [0.1, 0.2, 0.7].forEach((p, g) => {
      expect(Math.abs(totals[g]! / 2e5 - p) / Math.sqrt((p * (1 - p)) / 2e5)).toBeLessThan(4);
    });
  });
});
