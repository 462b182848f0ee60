/**
 * The analysis gates through the whole world, with every invariant checker listening
 * (test/fixtures/gates/headroom-gates.yaml): 40 units of 1e6 objects, one landing an hour, a
 * target cluster that blocks at 15e6 objects (unit 15, at 15 h), headroom gates assuming a
 * limit of 20e6. Each test pins the step and the ms at which a gate fires, and what it did.
 */
import { describe, expect, it } from "vitest";
import type { JudgedDecision } from "../../../src/metrics/gateJudge.js";
import { compileMailPolicy } from "../../../src/model/mail/compileMailPolicy.js";
import { analysisTemplateSchema, backgroundAnalysisSchema } from "../../../src/scenario/analysisSchema.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { loadFixture, runFixture } from "../../helpers/fixtures.js";
import { expectReconciled } from "../../helpers/ledger.js";

const FILE = "gates/headroom-gates.yaml";
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** What a gate decided and when, without its ground truth. */
const decisionsOf = (gates: readonly JudgedDecision[]) =>
  gates.map(({ gate, atMs, decision }) => ({ gate, atMs, decision }));
const run = (strategy: string) => runFixture(FILE, { strategy, judgeGates: true });

describe("analysis gates in a migration", () => {
  it("a headroom step passes at 10% (headroom ≈ 0.8) and fails at 30% (≈ 0.4 < 50%): abort at 12 h, before the bug", () => {
    const { measurements: m, gates } = run("headroom-steps");
    expect(decisionsOf(gates!)).toEqual([
      { gate: "steps[1]", atMs: 4 * HOUR_MS, decision: "promoted" },
      { gate: "steps[3]", atMs: 12 * HOUR_MS, decision: "aborted" },
    ]);
    expect(m.rollout!.abortedAtMs).toBe(12 * HOUR_MS);
    expect(m.rollout!.firstIncidentMs).toBeNull(); // caught before unit 15 tripped the threshold
    expect(m.availability.mailboxHoursDown).toBe(0);
    // With that gate ignored the rollout runs on and trips at 15 h: the abort was right. The
    // promote at 4 h is judged on this run, which met no incident: right too.
    expect(gates!.map((d) => [d.windowStartMs, d.troubleAtMs, d.shadowRun])).toEqual([
      [0, null, false],
      [4 * HOUR_MS, 15 * HOUR_MS, true],
    ]);
    expectReconciled(m.ledger);
  });

  it("a background headroom analysis reads every 55 min and fails at the first reading after unit 14 (14 h 40 min)", () => {
    const { measurements: m, gates } = run("background");
    expect(decisionsOf(gates!)).toEqual([
      { gate: "background", atMs: 16 * 55 * MINUTE_MS, decision: "aborted" },
    ]);
    expect(m.rollout!.abortedAtMs).toBe(16 * 55 * MINUTE_MS);
    expect(m.rollout!.firstIncidentMs).toBeNull();
  });

  it("failureLimit 1 waits for a second failed reading (15 h 35 min): too late, the bug tripped at 15 h", () => {
    const { measurements: m, gates } = run("background-tolerant");
    expect(decisionsOf(gates!)).toEqual([
      { gate: "background", atMs: 17 * 55 * MINUTE_MS, decision: "aborted" },
    ]);
    expect(m.rollout!.firstIncidentMs).toBe(15 * HOUR_MS);
    expect(m.availability.mailboxHoursDown).toBeGreaterThan(0);
  });

  it("neither condition holding is inconclusive; past inconclusiveLimit the rollout halts where it is (30%)", () => {
    const { measurements: m, gates } = run("inconclusive");
    expect(decisionsOf(gates!)).toEqual([{ gate: "steps[1]", atMs: 13 * HOUR_MS, decision: "inconclusive" }]);
    const r = m.rollout!;
    expect(r.aborted).toBe(false);
    expect(r.completedMs).toBeNull();
    expect(r.mailboxesOnTargetAtHorizon).toBe(1200); // 12 units of 100 mailboxes stay on the target
    expect(r.firstIncidentMs).toBeNull();
    // Ignored, the gate would have let the rollout on at 13 h: unit 15 lands 3 h later.
    expect(gates![0]!.troubleAtMs).toBe(16 * HOUR_MS);
  });

  it("an incidents analysis from step 2 reads every 6 h and fails at the first reading after the incident is noticed", () => {
    const { measurements: m, gates } = run("incidents");
    // setWeight 30 done at 12 h, a day's bake to 36 h, readings from 36 h; unit 15 trips at 39 h,
    // noticed at 40 h (detection 1 h): the reading at 42 h fails.
    expect(m.rollout!.firstIncidentMs).toBe(39 * HOUR_MS);
    expect(decisionsOf(gates!)).toEqual([{ gate: "background", atMs: 42 * HOUR_MS, decision: "aborted" }]);
    expect(m.rollout!.abortedAtMs).toBe(42 * HOUR_MS);
  });

  it("a background analysis still reading when the rollout completes promotes then", () => {
    const safe = { variant: "safe", judgeGates: true };
    const { measurements: m, gates } = runFixture(FILE, { ...safe, strategy: "incidents" });
    expect(m.rollout!.completedMs).toBe((36 + 28) * HOUR_MS); // the last 28 units after the bake
    expect(decisionsOf(gates!)).toEqual([{ gate: "background", atMs: 64 * HOUR_MS, decision: "promoted" }]);
    expect(gates![0]).toMatchObject({ troubleAtMs: null, shadowRun: false });
  });

  it("without `judgeGates` a run carries no gate record (what `maildrill run --json` prints)", () => {
    const plain = runFixture(FILE, { strategy: "headroom-steps" });
    expect(plain.gates).toBeUndefined();
    expect(plain.measurements.rollout!.abortedAtMs).toBe(12 * HOUR_MS);
  });

  it("noise comes from its own stream: a run whose noisy gate promotes is the noiseless run, figure for figure", () => {
    const seed = "11/1"; // a seed on which the noisy reading passes `result >= 40%`
    const noisy = runFixture(FILE, { strategy: "noisy", seed, judgeGates: true });
    expect(noisy.gates![0]!.decision).toBe("promoted");
    // The same plan, read without noise against a bar it passes for sure (the headroom is ≈ 0.4).
    const scenario = loadFixture(FILE);
    const quietGate = analysisTemplateSchema.parse({
      metric: "counter-headroom",
      counter: "objects",
      assumedLimit: 20e6,
      successCondition: "result >= 30%",
    });
    const quiet = runChecked(
      {
        ...scenario,
        strategies: {
          quiet: {
            kind: "steps",
            retain: 0,
            steps: [{ setWeight: 0.3 }, { analysis: quietGate }, { setWeight: 1 }],
          },
        },
      },
      { strategy: "quiet", seed },
    );
    expect(JSON.stringify(quiet.measurements)).toBe(
      JSON.stringify({
        ...noisy.measurements,
        rollout: { ...noisy.measurements.rollout!, strategy: "quiet" },
      }),
    );
  });
});

/**
 * The write-latency and bounces gates (test/fixtures/gates/latency-bounce-gates.yaml): vendor
 * node 1 is fail-slow ×5 from 30 min, node 2 crashes from 10 h to 16 h; unit g lands at g + 1 h
 * on node g mod 8, and the MX bounces every message it cannot deliver within 1 s.
 */
describe("write-latency-factor and bounces gates in a migration", () => {
  const LB = "gates/latency-bounce-gates.yaml";
  /** The fixture's `bounces` plan without its gate (a probe gate takes its place). */
  const ungatedBounces = (scenario: Scenario) => {
    const bounces = scenario.strategies!.bounces!;
    if (bounces.kind !== "steps") throw new Error("the fixture's bounces strategy is a steps plan");
    const { analysis: _gate, ...ungated } = bounces;
    return ungated;
  };

  it("a write-latency gate reads 1 until unit 1 lands on the slow node (2 h), then 5: abort at 150 min", () => {
    const { measurements: m, gates } = runFixture(LB, { strategy: "latency", judgeGates: true });
    // Readings every 50 min: 0, 50, 100 min see units 0-1 at most on node 0 (×1); 150 min sees unit 1.
    expect(decisionsOf(gates!)).toEqual([{ gate: "background", atMs: 150 * MINUTE_MS, decision: "aborted" }]);
    expect(m.rollout!.abortedAtMs).toBe(150 * MINUTE_MS);
    expect(m.rollout!.firstIncidentMs).toBeNull(); // a slow node below the timeout is no outage
    expect(m.events["fail-slow"]).toBe(1);
  });

  it("the same gate without the fail-slow fault never fires (a crashed node is down, not slow)", () => {
    const scenario = loadFixture(LB);
    const { measurements: m, gates } = runChecked(
      { ...scenario, faults: scenario.faults.filter((f) => f.fault !== "fail-slow") },
      { strategy: "latency", judgeGates: true },
    );
    // The crash (10-16 h) is an incident: copying halts until the cohort is whole, so the 40 h
    // of copying end 6 h late or more; the gate reads 1 throughout and promotes at completion.
    const completedMs = m.rollout!.completedMs!;
    expect(m.rollout!.aborted).toBe(false);
    expect(completedMs).toBeGreaterThanOrEqual(46 * HOUR_MS);
    expect(decisionsOf(gates!)).toEqual([{ gate: "background", atMs: completedMs, decision: "promoted" }]);
  });

  it("a bounces gate sees the crash's bounces while it lasts: the 11 h reading (~200 bounced) aborts", () => {
    const { measurements: m, gates } = runFixture(LB, { strategy: "bounces", judgeGates: true });
    expect(m.rollout!.firstIncidentMs).toBe(10 * HOUR_MS);
    expect(m.ledger.bouncedByMx).toBeGreaterThan(1000);
    expect(m.ledger.bounced).toBe(m.ledger.bouncedByMx);
    expect(decisionsOf(gates!)).toEqual([{ gate: "background", atMs: 11 * HOUR_MS, decision: "aborted" }]);
  });

  it("while the crash lasts (and in the instant it ends) the reading is the expected count: rate × diurnal mass of the arrivals past their 1 s hold", () => {
    const scenario = loadFixture(LB);
    const ungated = ungatedBounces(scenario);
    const diurnal = compileMailPolicy(scenario).diurnal;
    const ratePerMs = (100 * 50) / (24 * HOUR_MS); // unit 2: 100 mailboxes × 50 messages a day
    for (const hour of [11, 13, 16]) {
      const expected = ratePerMs * diurnal.integralMs(10 * HOUR_MS, hour * HOUR_MS - 1000);
      // Readings every hour from 0 h: each one before `hour` reads less and fails; the one at
      // `hour` succeeds only on the expected value (to 1e-9), so the run promotes exactly then.
      const probe = backgroundAnalysisSchema.parse({
        metric: "bounces",
        successCondition: `result >= ${expected * (1 - 1e-9)} and result <= ${expected * (1 + 1e-9)}`,
        interval: "1h",
        count: hour + 1,
        failureLimit: hour,
      });
      const { gates } = runChecked(
        { ...scenario, strategies: { probe: { ...ungated, analysis: probe } } },
        { strategy: "probe", judgeGates: true },
      );
      expect(decisionsOf(gates!)).toEqual([
        { gate: "background", atMs: hour * HOUR_MS, decision: "promoted" },
      ]);
    }
  });

  it("the bounces reading at 17 h is the run's whole bounce count, and reading it moves no result", () => {
    const scenario = loadFixture(LB);
    const ungated = ungatedBounces(scenario);
    const plain = runChecked({ ...scenario, strategies: { probe: ungated } }, { strategy: "probe" });
    const bounced = plain.measurements.ledger.bounced;
    // Succeeds only on a reading of exactly the ledger's count: up to 16 h the crash is open and
    // reads as its expectation (a fraction), from 17 h as drawn. 18 readings, 17 failures allowed:
    // it promotes at 17 h if a reading equals the count, else aborts then.
    const exact = backgroundAnalysisSchema.parse({
      metric: "bounces",
      successCondition: `result == ${bounced}`,
      interval: "1h",
      count: 18,
      failureLimit: 17,
    });
    const probed = runChecked(
      { ...scenario, strategies: { probe: { ...ungated, analysis: exact } } },
      { strategy: "probe", judgeGates: true },
    );
    expect(decisionsOf(probed.gates!)).toEqual([
      { gate: "background", atMs: 17 * HOUR_MS, decision: "promoted" },
    ]);
    // A gate that never aborts leaves the run as it was, figure for figure: reading bounces draws nothing.
    expect(JSON.stringify(probed.measurements)).toBe(JSON.stringify(plain.measurements));
  });
});
