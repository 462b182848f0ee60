import { describe, expect, it } from "vitest";
import { LogHistogram } from "../../src/metrics/LogHistogram.js";

/** One bin is 10^(1/40) wide: the relative error bound of a quantile read from it. */
const BIN_RESOLUTION = 10 ** (1 / 40) - 1;

describe("LogHistogram", () => {
  it("is empty at first", () => {
    const h = new LogHistogram();
    expect(h.count).toBe(0);
    expect(h.max).toBe(0);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(1)).toBe(0);
  });

  it("reads quantiles of a uniform spread within bin resolution", () => {
    const h = new LogHistogram();
    h.addUniform(1_000_000, 1_000, 5_000);
    expect(h.count).toBe(1_000_000);
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.9, 0.99]) {
      const exact = 1_000 + q * 4_000;
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(BIN_RESOLUTION);
      // Mass is uniform inside each bin, so interpolation is in fact exact.
      expect(h.quantile(q)).toBeCloseTo(exact, 6);
    }
  });

  it("spreads across many decades, down to the sub-millisecond bin", () => {
    const h = new LogHistogram();
    h.addUniform(100, 0, 1e9);
    expect(h.quantile(0.5)).toBeCloseTo(5e8, 0);
    expect(h.quantile(1e-10)).toBeLessThan(1);
    expect(h.max).toBe(1e9);
  });

  it("keeps the exact max, also beyond 100 years", () => {
    const h = new LogHistogram();
    h.add(5, 1_000);
    h.add(1, 123_456.789);
    expect(h.quantile(1)).toBe(123_456.789);
    expect(h.max).toBe(123_456.789);
    h.add(1, 1e14);
    expect(h.quantile(1)).toBe(1e14);
    expect(h.quantile(0.99)).toBeGreaterThan(3e12);
    expect(h.quantile(0.99)).toBeLessThanOrEqual(1e14);
  });

  it("has an exact zero bin", () => {
    const h = new LogHistogram();
    h.add(50, 0);
    h.add(50, 1_000);
    expect(h.quantile(0.5)).toBe(0);
    expect(h.quantile(0.25)).toBe(0);
    // Just past the zero mass, inside a bin whose only value is 1000.
    expect(h.quantile(0.51)).toBe(1_000);
    h.addUniform(10, 0, 0);
    expect(h.count).toBe(110);
  });

  it("rejects negative, non-finite and reversed input", () => {
    const h = new LogHistogram();
    expect(() => h.add(1, -1)).toThrow(RangeError);
    expect(() => h.add(-1, 1)).toThrow(RangeError);
    expect(() => h.add(1, Number.NaN)).toThrow(RangeError);
    expect(() => h.addUniform(1, 10, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => h.addUniform(1, 10, 5)).toThrow(RangeError);
    expect(h.count).toBe(0);
  });
});
