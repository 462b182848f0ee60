/**
 * regretTable (src/metrics/regret.ts) on hand-made means whose regrets are worked out here.
 */
import { describe, expect, it } from "vitest";
import { regretTable } from "../../src/metrics/regret.js";

const variants = [
  { name: "cluster", weight: 3 },
  { name: "node", weight: 1 },
];

describe("regretTable", () => {
  it("computes regret, weighted mean and worst case, and names the assumption that flips the choice", () => {
    // cluster: A 10, B 4, C 6 → best B; regrets A 6, B 0, C 2.
    // node:    A 10, B 40, C 12 → best A; regrets A 0, B 30, C 2.
    // Largest regrets: A 6, B 30, C 2 → C is the minimax-regret choice, best under neither.
    const t = regretTable(["A", "B", "C"], variants, [
      [10, 10],
      [4, 40],
      [6, 12],
    ]);
    expect(t.weights).toEqual([0.75, 0.25]);
    expect(t.rows.map((r) => r.regret)).toEqual([
      [6, 0],
      [0, 30],
      [2, 2],
    ]);
    expect(t.rows.map((r) => r.weightedMean)).toEqual([10, 0.75 * 4 + 0.25 * 40, 0.75 * 6 + 0.25 * 12]);
    expect(t.rows.map((r) => r.worst)).toEqual([10, 40, 12]);
    expect(t.best).toEqual([["B"], ["A"]]);
    expect(t.robust).toEqual([]);
    expect(t.choice).toBe("C");
    expect(t.flips).toEqual([
      { variant: "cluster", best: ["B"] },
      { variant: "node", best: ["A"] },
    ]);
  });

  it("calls a strategy best under every variant robust, ties included", () => {
    const t = regretTable(["mirror", "cells"], variants, [
      [5, 0],
      [5, 7],
    ]);
    expect(t.best).toEqual([["mirror", "cells"], ["mirror"]]);
    expect(t.robust).toEqual(["mirror"]);
    expect(t.choice).toBe("mirror");
    expect(t.flips).toEqual([]);
  });
});
