import { describe, expect, it } from "vitest";
import { weightedQuantiles } from "../../src/metrics/weightedQuantiles.js";

describe("weightedQuantiles", () => {
  it("takes the smallest value whose cumulative weight reaches q × total", () => {
    // Sorted: 1 (w 1), 2 (w 2), 3 (w 3), 4 (w 4); cumulative 1, 3, 6, 10.
    const values = Float64Array.of(4, 2, 3, 1);
    const weights = Float64Array.of(4, 2, 3, 1);
    expect(weightedQuantiles(values, weights, [0, 0.1, 0.11, 0.3, 0.31, 0.6, 0.61, 1])).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });

  it("lands on a unit weight exactly despite rounding of q × total", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const weights = new Float64Array(100).fill(1);
    // 0.07 × 100 is 7.000000000000001 in binary floating point.
    expect(weightedQuantiles(values, weights, [0.07, 0.5, 0.9, 0.99])).toEqual([7, 50, 90, 99]);
  });

  it("ignores zero weights and gives NaN when no weight is positive", () => {
    expect(weightedQuantiles([5, 1, 9], [1, 0, 0], [0, 1])).toEqual([5, 5]);
    expect(weightedQuantiles([1, 2], [0, 0], [0.5])).toEqual([Number.NaN]);
    expect(weightedQuantiles([], [], [0.5])).toEqual([Number.NaN]);
  });

  it("returns +Infinity for quantiles the samples cannot reach within a larger total", () => {
    expect(weightedQuantiles([10, 20], [30, 20], [0.5, 0.625, 0.7, 1], 80)).toEqual([
      20,
      20,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it("does not depend on sample order", () => {
    const a = weightedQuantiles([3, 1, 2, 2], [1, 5, 2, 2], [0.5, 0.9]);
    const b = weightedQuantiles([2, 2, 1, 3], [2, 2, 5, 1], [0.5, 0.9]);
    expect(a).toEqual(b);
    expect(a).toEqual([1, 2]);
  });

  it("rejects mismatched lengths, NaN values and negative weights", () => {
    expect(() => weightedQuantiles([1], [], [0.5])).toThrow(RangeError);
    expect(() => weightedQuantiles([Number.NaN], [1], [0.5])).toThrow(RangeError);
    expect(() => weightedQuantiles([1], [-1], [0.5])).toThrow(RangeError);
  });
});
