import { describe, expect, it } from "vitest";
import { BucketIntegrals } from "../../src/metrics/BucketIntegrals.js";

/** The mean of a piecewise-linear function over [a, b), by a fine midpoint sum. */
function bruteMean(pieces: [number, number, number, number][], a: number, b: number): number {
  const n = 20_000;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = a + ((i + 0.5) * (b - a)) / n;
    for (const [from, to, v0, v1] of pieces)
      if (t >= from && t < to) sum += v0 + ((v1 - v0) * (t - from)) / (to - from);
  }
  return sum / n;
}

describe("BucketIntegrals", () => {
  it("gives each bucket the mean of a constant over the part it covers", () => {
    const grid = new BucketIntegrals(100, 10);
    grid.addConstant(15, 35, 4);
    expect(grid.means()).toEqual([0, 2, 4, 2, 0, 0, 0, 0, 0, 0]);
  });

  it("integrates linear pieces spanning many buckets exactly, the short last bucket included", () => {
    const pieces: [number, number, number, number][] = [
      [3, 87, 0, 100],
      [-5, 12, 7, 7],
      [40, 41, 1000, 0],
      [90, 120, 5, 20],
    ];
    const grid = new BucketIntegrals(95, 10);
    for (const [from, to, v0, v1] of pieces) grid.addLinear(from, to, v0, v1);
    const means = grid.means();
    expect(means).toHaveLength(10);
    means.forEach((mean, k) => {
      expect(mean).toBeCloseTo(bruteMean(pieces, k * 10, Math.min(95, (k + 1) * 10)), 2);
    });
  });

  it("ignores pieces outside the horizon and of no length", () => {
    const grid = new BucketIntegrals(50, 10);
    grid.addLinear(60, 80, 1, 1);
    grid.addLinear(20, 20, 5, 5);
    grid.addLinear(-30, -10, 1, 1);
    expect(grid.means()).toEqual([0, 0, 0, 0, 0]);
  });
});
