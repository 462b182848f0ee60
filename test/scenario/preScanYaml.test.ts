/**
 * The pre-scan's limits, each refused with one line naming the line and the limit before the
 * YAML parser runs (on today's parser these inputs overflow the stack or take tens of seconds;
 * the timings are in docs/reliability.md, not asserted here).
 */
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../src/scenario/loadScenario.js";
import { preScanYaml } from "../../src/scenario/preScanYaml.js";
import { inputErrorOf } from "../helpers/inputErrorOf.js";

function refusal(text: string): string {
  return inputErrorOf(() => parseScenarioText(text, "f.yaml"));
}

describe("preScanYaml", () => {
  it("says the nesting is too deep instead of overflowing the stack (YAML and JSON)", () => {
    expect(refusal(`a: ${"[".repeat(5000)}${"]".repeat(5000)}`)).toBe(
      "f.yaml: the scenario file has nesting deeper than 64 levels at line 1; no scenario needs that many",
    );
    expect(refusal(`{"a": ${'{"b": '.repeat(3000)}1${"}".repeat(3001)}`)).toMatch(
      /nesting deeper than 64 levels/,
    );
  });

  it("refuses a flood of flow collections (quadratic in the parser) by count", () => {
    expect(refusal(`a: ${"[]".repeat(50_000)}`)).toBe(
      "f.yaml: the scenario file has more than 2,000 [ ] or { } collections at line 1; no scenario needs that many",
    );
  });

  it("refuses more than 5,000 lines and list items, and block nesting beyond 256 columns", () => {
    expect(refusal(`a: [${"1,".repeat(20_000)}1]`)).toMatch(/more than 5,000 lines and list items at line 1/);
    expect(refusal("a:\n  - 1\n".repeat(3000))).toMatch(/more than 5,000 lines and list items at line 5001/);
    expect(refusal(`a:\n${" ".repeat(300)}b: 1\n`)).toMatch(
      /indented more than 256 columns \(nesting too deep\) at line 2/,
    );
  });

  it("ignores brackets and commas inside quotes and comments", () => {
    const text = `a: "${"[".repeat(100)}" # ${"{".repeat(100)}\nb: '${",".repeat(20_000)}'\nc: "\\"[["\n`;
    expect(() => preScanYaml(text, "f.yaml")).not.toThrow();
  });

  it("finds duplicate keys at any depth, with their position", () => {
    expect(refusal("name: x\nfleet:\n  mailboxes: 1\n  mailboxes: 2\n")).toBe(
      "f.yaml: YAML syntax error at line 4, column 3: Map keys must be unique",
    );
    expect(refusal("a:\n  - { b: 1, b: 2 }\n")).toMatch(/line 2, column 13: Map keys must be unique/);
  });
});
