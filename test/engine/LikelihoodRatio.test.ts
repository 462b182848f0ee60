/**
 * Likelihood-ratio draws (src/engine/LikelihoodRatio.ts): the identities that make importance
 * sampling unbiased, checked numerically on seeded streams at 4 standard errors.
 * - E_g[f/g] = 1 for any window and bias (the weights average to one);
 * - E_g[f/g · 1[R < t]] = P_f(R < t): the weighted CDF is the model's CDF (exponential and Weibull, aged);
 * - the survival ratio is E_g[f/g | R > s], which `censor` relies on;
 * - force 0 is the model itself: ratio 1, and the delays of plain inversion.
 */
import { describe, expect, it } from "vitest";
import {
  drawBiased,
  hazardClockOf,
  LikelihoodRatio,
  survivalLogRatio,
} from "../../src/engine/LikelihoodRatio.js";
import { RandomStreams } from "../../src/engine/RandomStreams.js";

const N = 40_000;

function stats(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

const exponential = hazardClockOf({ kind: "exponential", mean: 1000 })!;
const weibull = hazardClockOf({ kind: "weibull", shape: 1.5, scale: 1000 })!;

describe("drawBiased", () => {
  it("has no clock for distributions without a closed-form hazard", () => {
    expect(hazardClockOf({ kind: "lognormal", median: 10, sigma: 1 })).toBeUndefined();
  });

  it.each([
    ["exponential, age 0", exponential, 0],
    ["Weibull 1.5, age 700", weibull, 700],
  ] as const)("%s: weights average to 1 and weight the CDF back to the model's", (_, clock, ageMs) => {
    const rng = new RandomStreams("lr").get("draws");
    const windowMs = 50;
    const tMs = 30;
    const weights: number[] = [];
    const below: number[] = [];
    for (let i = 0; i < N; i++) {
      const d = drawBiased(rng, clock, ageMs, windowMs, 0.6);
      const w = Math.exp(d.logRatio);
      weights.push(w);
      below.push(d.delayMs < tMs ? w : 0);
    }
    const w = stats(weights);
    expect(Math.abs(w.mean - 1) / w.se).toBeLessThanOrEqual(4);
    const exact = -Math.expm1(-(clock.cumulative(ageMs + tMs) - clock.cumulative(ageMs)));
    const b = stats(below);
    expect(Math.abs(b.mean - exact) / b.se).toBeLessThanOrEqual(4);
    // The bias is real: far more draws land in the window than under the model.
    expect(below.filter((x) => x > 0).length / N).toBeGreaterThan(0.3);
    expect(exact).toBeLessThan(0.05);
  });

  it("the survival ratio is the mean weight of the draws that outlive s", () => {
    const rng = new RandomStreams("lr").get("survival");
    const windowMs = 50;
    const sMs = 20;
    const survivors: number[] = [];
    let probe = drawBiased(rng, exponential, 0, windowMs, 0.6);
    for (let i = 0; i < N; i++) {
      const d = drawBiased(rng, exponential, 0, windowMs, 0.6);
      if (d.delayMs > sMs) survivors.push(Math.exp(d.logRatio));
      probe = d;
    }
    const s = stats(survivors);
    const predicted = Math.exp(survivalLogRatio(probe, sMs));
    expect(Math.abs(s.mean - predicted) / s.se).toBeLessThanOrEqual(4);
    expect(predicted).toBeGreaterThan(1.2);
  });

  it("force 0 is the model: ratio 1 and the plain inversion delays", () => {
    const a = new RandomStreams("lr").get("plain");
    const b = new RandomStreams("lr").get("plain");
    for (let i = 0; i < 100; i++) {
      const d = drawBiased(a, exponential, 0, 50, 0);
      expect(d.logRatio).toBe(0);
      b.next();
      expect(d.delayMs).toBeCloseTo(-1000 * Math.log1p(-b.next()), 9);
    }
  });

  it("rejects a bias probability outside [0, 1)", () => {
    const rng = new RandomStreams("lr").get("bad");
    expect(() => drawBiased(rng, exponential, 0, 50, 1)).toThrow(RangeError);
  });
});

describe("LikelihoodRatio.censor", () => {
  it("replaces a pending draw's density ratio by its survival ratio, and keeps one that came due", () => {
    const rng = new RandomStreams("lr").get("censor");
    const d = drawBiased(rng, exponential, 0, 1e6, 0.5);
    const ratio = new LikelihoodRatio();
    ratio.add(d.logRatio);
    ratio.censor(d, 0);
    // Surviving 0 ms tells nothing: the draw contributes exactly 1.
    expect(ratio.log).toBeCloseTo(0, 12);
    const kept = new LikelihoodRatio();
    kept.add(d.logRatio);
    kept.censor(d, d.delayMs + 1);
    expect(kept.log).toBe(d.logRatio);
  });
});
