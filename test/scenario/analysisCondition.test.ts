/**
 * The condition language of analysis metrics: parsed once into a tree that only compares the
 * reading `result` with numbers (no eval), with `and` binding tighter than `or`, percentages
 * read as fractions, and a column-precise error for every malformed text.
 */
import { describe, expect, it } from "vitest";
import { ConditionError, evaluateCondition, parseCondition } from "../../src/scenario/analysisCondition.js";

const holds = (text: string, result: number) => evaluateCondition(parseCondition(text), result);

describe("analysis conditions", () => {
  it.each([
    ["result >= 25%", 0.25, true],
    ["result >= 25%", 0.2499, false],
    ["result < 1e9", 999_999_999, true],
    ["0.5 > result", 0.4, true],
    ["result == 0", 0, true],
    ["result != 0", 0, false],
    ["result <= .5", 0.5, true],
  ] as const)("%s on %d is %s", (text, result, expected) => {
    expect(holds(text, result)).toBe(expected);
  });

  it("joins with and/or/not (and words or symbols), and binds tighter than or, parentheses group", () => {
    // or(result < 0, and(result > 5, result < 10)): 20 is in neither.
    expect(holds("result < 0 or result > 5 and result < 10", 20)).toBe(false);
    expect(holds("(result < 0 || result > 5) && result < 10", 7)).toBe(true);
    expect(holds("not result > 5", 3)).toBe(true);
    expect(holds("!(result > 5)", 6)).toBe(false);
    expect(holds("RESULT > 1 AND result < 3", 2)).toBe(true);
  });

  it("a NaN reading compares false", () => {
    expect(holds("result >= 0", Number.NaN)).toBe(false);
    expect(holds("result < 0", Number.NaN)).toBe(false);
  });

  it.each([
    ["result = 0", 'expected a comparison (< <= > >= == !=) at column 8; found "="'],
    ["result >", "expected `result` or a number at column 9; found end of condition"],
    ["1 < 2", 'expected `result` on one side of the comparison at column 5; found "2"'],
    ["result > 1 result", 'expected `and`, `or` or the end at column 12; found "result"'],
    ["(result > 1", 'expected ")" at column 12; found end of condition'],
    [
      "result > 1; process.exit()",
      "expected `result`, a number, a comparison, and/or/not or parentheses at column 11",
    ],
    ["value > 1", 'expected `result` or a number at column 1; found "value"'],
  ])("refuses %j: %s", (text, message) => {
    expect(() => parseCondition(text)).toThrow(ConditionError);
    expect(() => parseCondition(text)).toThrow(message);
  });
});
