/**
 * Statistics across runs against published values: t quantiles from standard tables (and R's
 * qt to 7 digits), the incomplete beta against closed forms, Wilson intervals computed by
 * hand, and the honesty rules (no interval from one run, nulls left out of n).
 */
import { describe, expect, it } from "vitest";
import {
  mean,
  meanInterval,
  pairedDifference,
  sampleSd,
  wilsonInterval,
} from "../../src/metrics/statistics.js";
import { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from "../../src/metrics/studentT.js";

describe("studentTQuantile", () => {
  it.each([
    [1, 12.7062047],
    [2, 4.3026527],
    [4, 2.7764451],
    [7, 2.3646243],
    [29, 2.0452296],
    [100, 1.9839715],
    [1e5, 1.9599877], // z + (z³ + z)/(4·df), Cornish–Fisher, exact to 1e-9 here
  ])("t(0.975, %d) = %d", (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 6);
  });

  it("matches closed forms: df = 1 is Cauchy, df = 2 has t = (2p − 1)·√(2 / (1 − (2p − 1)²))", () => {
    for (const p of [0.6, 0.9, 0.99, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 8);
      const u = 2 * p - 1;
      expect(studentTQuantile(p, 2)).toBeCloseTo(u * Math.sqrt(2 / (1 - u * u)), 8);
    }
  });

  it("is odd around ½, inverts the CDF, and has ±∞ at the ends", () => {
    expect(studentTQuantile(0.5, 5)).toBe(0);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-studentTQuantile(0.975, 9), 12);
    expect(studentTCdf(studentTQuantile(0.995, 3.5), 3.5)).toBeCloseTo(0.995, 12);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(1.5, 3)).toBeNaN();
  });
});

describe("regularizedIncompleteBeta", () => {
  it("matches closed forms: I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_½(a, a) = ½", () => {
    for (const x of [0.01, 0.3, 0.7, 0.99]) {
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedIncompleteBeta(x, 1, 2.5)).toBeCloseTo(1 - (1 - x) ** 2.5, 13);
    }
    expect(regularizedIncompleteBeta(0.5, 40, 40)).toBeCloseTo(0.5, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe("meanInterval", () => {
  it("gives the Student-t interval: mean ± t(0.975, n − 1)·sd/√n", () => {
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    const e = meanInterval(values);
    expect(e.n).toBe(8);
    expect(e.mean).toBe(5);
    expect(e.sd).toBeCloseTo(2.1380899, 6);
    const half = 2.3646243 * (2.1380899 / Math.sqrt(8));
    expect(e.lo).toBeCloseTo(5 - half, 5);
    expect(e.hi).toBeCloseTo(5 + half, 5);
  });

  it("two runs use t(0.975, 1) = 12.706: honest, wide", () => {
    const e = meanInterval([10, 12]); // sd = √2, n = 2: half-width t·sd/√n = t
    expect(e.hi! - e.mean!).toBeCloseTo(12.7062047, 5);
  });

  it("one run has a mean but no interval; no runs have neither", () => {
    expect(meanInterval([3])).toEqual({ n: 1, mean: 3, sd: null, lo: null, hi: null });
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null });
    expect(meanInterval([null, null])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null });
  });

  it("leaves nulls (not measured) out of n", () => {
    expect(meanInterval([1, null, 3]).n).toBe(2);
    expect(meanInterval([1, null, 3]).mean).toBe(2);
  });

  it("clips interval ends to the quantity's range but never the mean", () => {
    const e = meanInterval([0, 0, 0, 10], { min: 0 });
    expect(e.mean).toBe(2.5);
    expect(e.lo).toBe(0);
    expect(meanInterval([0, 0, 0, 10]).lo).toBeLessThan(0);
  });

  it("runs that all agree give a zero-width interval, with n saying how many", () => {
    expect(meanInterval([4, 4, 4])).toEqual({ n: 3, mean: 4, sd: 0, lo: 4, hi: 4 });
  });
});

describe("wilsonInterval", () => {
  it("0 of 10: [0, 0.2775]", () => {
    const w = wilsonInterval(0, 10);
    expect(w.share).toBe(0);
    expect(w.lo).toBe(0);
    expect(w.hi).toBeCloseTo(0.2775328, 6);
  });

  it("5 of 10: [0.2366, 0.7634]", () => {
    const w = wilsonInterval(5, 10);
    expect(w.share).toBe(0.5);
    expect(w.lo).toBeCloseTo(0.2365931, 6);
    expect(w.hi).toBeCloseTo(0.7634069, 6);
  });

  it("10 of 10 mirrors 0 of 10; 0 of 0 says nothing", () => {
    const w = wilsonInterval(10, 10);
    expect(w.hi).toBe(1);
    expect(w.lo).toBeCloseTo(1 - 0.2775328, 6);
    expect(wilsonInterval(0, 0)).toEqual({ count: 0, n: 0, share: null, lo: null, hi: null });
  });
});

describe("pairedDifference", () => {
  it("differences run by run, so a shared run-to-run swing cancels", () => {
    const base = [100, 200, 300, 400];
    const better = [90, 191, 289, 390];
    const d = pairedDifference(better, base);
    expect(d.n).toBe(4);
    expect(d.mean).toBe(-10);
    // The per-run differences are -10, -9, -11, -10: a narrow interval despite the wide spread of each series.
    expect(d.hi!).toBeLessThan(0);
    expect(d.hi! - d.lo!).toBeLessThan(4);
  });

  it("uses only runs where both were measured", () => {
    expect(pairedDifference([1, null, 5], [0, 2, null])).toEqual({
      n: 1,
      mean: 1,
      sd: null,
      lo: null,
      hi: null,
    });
  });

  it("refuses series of different lengths", () => {
    expect(() => pairedDifference([1], [1, 2])).toThrow(/differ in length/);
  });
});

describe("mean and sampleSd", () => {
  it("are the textbook figures", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(1.2909944, 6);
    expect(sampleSd([1])).toBeNaN();
  });
});
