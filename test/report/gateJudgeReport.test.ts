/**
 * The judge of the judges in the terminal report: one row per gate (per variant when there
 * are variants) with its decisions, its doomed runs and both error shares with their Wilson
 * intervals; nothing at all when no strategy has gates.
 */
import { describe, expect, it } from "vitest";
import type { StrategyOutcome } from "../../src/experiment/compare.js";
import type { GateScore } from "../../src/metrics/gateJudge.js";
import { wilsonInterval } from "../../src/metrics/statistics.js";
import { palette } from "../../src/report/colors.js";
import { gateJudgeLines } from "../../src/report/gateJudgeReport.js";

const score: GateScore = {
  gate: "steps[3]",
  decided: 8,
  promoted: 5,
  aborted: 3,
  inconclusive: 0,
  troubled: 6,
  falsePromote: wilsonInterval(4, 8),
  falseRollback: wilsonInterval(1, 8),
};
const outcome = (gates?: GateScore[]) =>
  ({ name: "headroom-waves", kind: "steps", ...(gates ? { gates } : {}) }) as StrategyOutcome;

describe("gateJudgeLines", () => {
  it("gives one row per gate with both error shares and their intervals", () => {
    const text = gateJudgeLines(
      [{ variant: undefined, strategies: [outcome([score])] }],
      palette(false),
      200,
    ).join("\n");
    expect(text).toContain("Judging the gates");
    const row = text.split("\n").find((line) => line.includes("steps[3]"))!;
    expect(row).toMatch(
      /^headroom-waves\s+steps\[3\]\s+5\/3\/0\s+6 of 8\s+50% \[\d+%, \d+%\] \(4 of 8\)\s+13% \[\d+%, \d+%\] \(1 of 8\)$/,
    );
  });

  it("names the variant when there are variants", () => {
    const worlds = [{ variant: "per-node", strategies: [outcome([score])] }];
    const lines = gateJudgeLines(worlds, palette(false), 200).join("\n").split("\n");
    expect(lines.find((line) => line.includes("steps[3]"))).toMatch(/^per-node\s+headroom-waves/);
  });

  it("is empty when no strategy has gates", () => {
    expect(gateJudgeLines([{ variant: undefined, strategies: [outcome()] }], palette(false), 100)).toEqual(
      [],
    );
  });
});
