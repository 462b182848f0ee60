/**
 * The failure-biasing policy (src/model/faults/FailureBiasing.ts): "balanced" means that of k
 * competing clocks, at least one lands in the window with the group's probability p (each is
 * forced with 1 − (1 − p)^(1/k)); a group whole again draws unbiased (ratio exactly 1); bad
 * probabilities are refused.
 */
import { describe, expect, it } from "vitest";
import { hazardClockOf } from "../../../src/engine/LikelihoodRatio.js";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { DEFAULT_BIAS, FailureBiasing } from "../../../src/model/faults/FailureBiasing.js";

// A clock so slow that almost nothing lands in the window unless forced (p_w ≈ 1e-7).
const clock = hazardClockOf({ kind: "exponential", mean: 1e9 })!;
const HORIZON_MS = 100;

function shareWithAFailure(state: "first" | "degraded", k: number, sets: number): number {
  const biasing = new FailureBiasing(DEFAULT_BIAS, HORIZON_MS);
  const rng = new RandomStreams("balanced").get(`${state}/${k}`);
  let hit = 0;
  for (let i = 0; i < sets; i++) {
    let any = false;
    for (let c = 0; c < k; c++)
      if (biasing.draw(rng, clock, 0, 0, state, 50, k).delayMs < (state === "first" ? HORIZON_MS : 50))
        any = true;
    if (any) hit++;
  }
  return hit / sets;
}

describe("FailureBiasing", () => {
  it.each([
    ["first", 1, DEFAULT_BIAS.forceFirst],
    ["first", 3, DEFAULT_BIAS.forceFirst],
    ["degraded", 2, DEFAULT_BIAS.degraded],
    ["degraded", 4, DEFAULT_BIAS.degraded],
  ] as const)("%s with %i clocks: some failure in the window with the group's probability", (state, k, p) => {
    const sets = 20_000;
    const share = shareWithAFailure(state, k, sets);
    const se = Math.sqrt((p * (1 - p)) / sets);
    expect(Math.abs(share - p) / se).toBeLessThanOrEqual(4);
  });

  it("a group whole again is drawn unbiased", () => {
    const biasing = new FailureBiasing(DEFAULT_BIAS, HORIZON_MS);
    const rng = new RandomStreams("balanced").get("again");
    for (let i = 0; i < 50; i++)
      expect(biasing.draw(rng, clock, 0, 0, "whole-again", -1, 3).logRatio).toBe(0);
    expect(biasing.ratio.log).toBe(0);
  });

  it("refuses a bias probability outside [0, 1)", () => {
    expect(() => new FailureBiasing({ forceFirst: 1, degraded: 0.5 }, HORIZON_MS)).toThrow(RangeError);
    expect(() => new FailureBiasing({ forceFirst: 0.8, degraded: -0.1 }, HORIZON_MS)).toThrow(RangeError);
  });
});
