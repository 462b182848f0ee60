/**
 * The weighted rare-event estimator (src/metrics/importanceEstimate.ts) on hand-computed
 * inputs: unit weights reduce it to plain Monte Carlo (variance-reduction factor 1), the loss
 * given a break is the weighted mean, and the warnings fire on no breaks and on one dominant weight.
 */
import { describe, expect, it } from "vitest";
import { importanceEstimate } from "../../src/metrics/importanceEstimate.js";

describe("importanceEstimate", () => {
  it("with unit weights it is plain Monte Carlo", () => {
    const outcomes = Array.from({ length: 100 }, (_, i) => ({
      logWeight: 0,
      broke: i < 40,
      loss: i < 40 ? 2 : 0,
    }));
    const e = importanceEstimate(outcomes);
    expect(e.probability.estimate).toBeCloseTo(0.4, 12);
    // Sample variance with divisor n − 1: 0.4·0.6·100/99.
    expect(e.probability.standardError).toBeCloseTo(Math.sqrt((0.24 * 100) / 99 / 100), 12);
    expect(e.varianceReduction).toBeCloseTo(99 / 100, 12);
    expect(e.lossGivenBreak.estimate).toBe(2);
    expect(e.lossGivenBreak.standardError).toBe(0);
    expect(e.effectiveSampleSize).toBeCloseTo(40, 9);
    expect(e.warnings).toEqual([]);
  });

  it("weights the probability and the loss given a break", () => {
    const e = importanceEstimate([
      { logWeight: Math.log(1e-6), broke: true, loss: 10 },
      { logWeight: Math.log(3e-6), broke: true, loss: 20 },
      { logWeight: Math.log(5), broke: false, loss: 0 },
      { logWeight: Math.log(5), broke: false, loss: 0 },
    ]);
    expect(e.probability.estimate).toBeCloseTo(1e-6, 18);
    expect(e.lossGivenBreak.estimate).toBeCloseTo(17.5, 9);
    expect(e.effectiveSampleSize).toBeCloseTo(16 / 10, 9);
    expect(e.warnings.some((w) => w.includes("effective sample size"))).toBe(true);
    expect(e.warnings.some((w) => w.includes("heavy-tailed"))).toBe(true);
  });

  it("says so when no run broke the property", () => {
    const e = importanceEstimate([{ logWeight: 0, broke: false, loss: 0 }]);
    expect(e.probability.estimate).toBe(0);
    expect(e.probability.relativeError).toBe(Number.POSITIVE_INFINITY);
    expect(e.warnings).toEqual(["no run broke the property: the estimate is 0 and says nothing"]);
  });
});
