import { describe, expect, it } from "vitest";
import { parseEximRule, parseEximRulePart } from "../../src/scenario/eximRule.js";

describe("parseEximRule", () => {
  it("turns Exim's default rule list into ms", () => {
    expect(parseEximRule("F,2h,15m; G,16h,1h,1.5; F,4d,6h")).toEqual([
      { kind: "F", cutoffMs: 7_200_000, intervalMs: 900_000, factor: 1 },
      { kind: "G", cutoffMs: 57_600_000, intervalMs: 3_600_000, factor: 1.5 },
      { kind: "F", cutoffMs: 345_600_000, intervalMs: 21_600_000, factor: 1 },
    ]);
  });

  it("refuses a part with the wrong arity, a bad duration or a factor below 1", () => {
    for (const part of ["G,16h,1h", "F,2h", "X,2h,15m", "F,2x,15m", "F,0s,15m", "G,16h,1h,0.5"])
      expect(parseEximRulePart(part), part).toBeUndefined();
    expect(() => parseEximRule("F,2h,15m; G,16h,1h")).toThrow('found "G,16h,1h"');
  });
});
