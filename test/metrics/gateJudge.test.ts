/**
 * The judge of the judges. On synthetic records: each decision scored against its run's ground
 * truth, with Wilson intervals over the runs the gate decided. Through compare, on the noisy
 * gate of test/fixtures/gates/headroom-gates.yaml (a headroom of ≈ 0.4 read with 5% noise
 * against `result >= 40%`): under the threshold as written the gate promotes a doomed rollout
 * on some seeds, and under `safe` it aborts a rollout nothing would have hurt on others — and
 * the judge's counts are those a count of the per-run records gives.
 */
import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/experiment/compare.js";
import { compareResultSchema } from "../../src/experiment/outputSchemas.js";
import { type JudgedDecision, judgeGates } from "../../src/metrics/gateJudge.js";
import { wilsonInterval } from "../../src/metrics/statistics.js";
import { compareCsv } from "../../src/report/experimentCsv.js";
import { loadFixture } from "../helpers/fixtures.js";

/** A decision with trouble ahead (an incident at 1 ms) or none. */
const decided = (
  gate: string,
  decision: "promoted" | "aborted" | "inconclusive",
  trouble: boolean,
): JudgedDecision => ({
  gate,
  atMs: 0,
  decision,
  windowStartMs: 0,
  troubleAtMs: trouble ? 1 : null,
  shadowRun: decision !== "promoted",
});

describe("judgeGates", () => {
  it("scores promotes in doomed runs and aborts in safe runs, per gate, over the runs it decided", () => {
    const scores = judgeGates([
      [decided("steps[1]", "promoted", true), decided("steps[3]", "aborted", true)],
      [decided("steps[1]", "aborted", false)],
      undefined, // a run with no gate record
      [decided("steps[1]", "promoted", true), decided("steps[3]", "promoted", true)],
      [decided("steps[1]", "inconclusive", false)],
    ]);
    expect(scores.map((s) => s.gate)).toEqual(["steps[1]", "steps[3]"]);
    const [first, second] = scores;
    expect(first).toMatchObject({ decided: 4, promoted: 2, aborted: 1, inconclusive: 1, troubled: 2 });
    expect(first!.falsePromote).toEqual(wilsonInterval(2, 4));
    expect(first!.falseRollback).toEqual(wilsonInterval(1, 4));
    expect(second).toMatchObject({ decided: 2, promoted: 1, aborted: 1, troubled: 2 });
    expect(second!.falsePromote).toEqual(wilsonInterval(1, 2));
    expect(second!.falseRollback).toEqual(wilsonInterval(0, 2));
  });
});

describe("a noisy gate, judged through compare", async () => {
  const result = await compareStrategies(loadFixture("gates/headroom-gates.yaml"), {
    strategies: ["noisy"],
    runs: 12,
  });
  const world = (name: string) => result.variants!.find((v) => v.name === name)!.strategies[0]!;

  it("promotes the doomed rollout on some seeds and aborts the safe one on others", () => {
    const doomed = world("doomed").gates![0]!;
    const safe = world("safe").gates![0]!;
    expect(doomed.troubled).toBe(12);
    expect(safe.troubled).toBe(0);
    expect(doomed.falsePromote.count).toBeGreaterThan(0);
    expect(doomed.aborted).toBeGreaterThan(0); // …and catches it on the others
    expect(safe.falseRollback.count).toBeGreaterThan(0);
    expect(safe.promoted).toBeGreaterThan(0);
  });

  it("counts what the per-run records say, with Wilson intervals over the runs", () => {
    for (const name of ["doomed", "safe"]) {
      const outcome = world(name);
      const runs = outcome.runs.map((r) => r.gates![0]!);
      const falsePromotes = runs.filter((d) => d.troubleAtMs !== null && d.decision === "promoted").length;
      const falseRollbacks = runs.filter((d) => d.troubleAtMs === null && d.decision === "aborted").length;
      const score = outcome.gates![0]!;
      expect(score.gate).toBe("steps[1]");
      expect(score.falsePromote).toEqual(wilsonInterval(falsePromotes, runs.length));
      expect(score.falseRollback).toEqual(wilsonInterval(falseRollbacks, runs.length));
      // The ground truth is the run with the gate ignored: a second run exactly where it did not promote.
      for (const d of runs) expect(d.shadowRun).toBe(d.decision !== "promoted");
    }
  });

  it("the same seed reads the same noise in both worlds: only the ground truth differs", () => {
    const decisions = (name: string) => world(name).runs.map((r) => r.gates![0]!.decision);
    expect(decisions("safe")).toEqual(decisions("doomed"));
  });

  it("is published in the compare JSON and CSV", () => {
    expect(compareResultSchema.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
    const csv = compareCsv(result).split("\n");
    const p = world("safe").gates![0]!.falseRollback;
    expect(csv).toContain(`gate,safe,noisy,,steps[1].falseRollback,${p.share},${p.lo},${p.hi},12`);
  });
});
