/**
 * AnalysisRun: Argo Rollouts' rule for one reading (failure first, then success; a lone
 * success condition fails when false, a lone failure condition passes when false, both false
 * is inconclusive), and the run's clock: first reading at once, then every interval, ending at
 * the first reading past failureLimit / inconclusiveLimit or at the count-th reading.
 */
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../../src/engine/RandomStreams.js";
import { Simulation } from "../../../src/engine/Simulation.js";
import {
  AnalysisRun,
  type AnalysisVerdict,
  judgeReading,
} from "../../../src/rollout/analysis/AnalysisRun.js";
import { analysisTemplateSchema, backgroundAnalysisSchema } from "../../../src/scenario/analysisSchema.js";

const template = (raw: Record<string, unknown>) =>
  analysisTemplateSchema.parse({ metric: "incidents", ...raw });

describe("judgeReading (Argo's rule)", () => {
  it.each([
    [{ successCondition: "result == 0" }, 0, "successful"],
    [{ successCondition: "result == 0" }, 1, "failed"], // a lone success condition fails when false
    [{ failureCondition: "result > 2" }, 1, "successful"], // a lone failure condition passes when false
    [{ failureCondition: "result > 2" }, 3, "failed"],
    [{ successCondition: "result == 0", failureCondition: "result > 2" }, 1, "inconclusive"],
    [{ successCondition: "result < 5", failureCondition: "result > 2" }, 3, "failed"], // failure is checked first
    [{}, 7, "successful"],
  ] as const)("%j on %d is %s", (conditions, reading, verdict) => {
    expect(judgeReading(template(conditions), reading)).toBe(verdict);
  });
});

/** Runs a template over readings given by time (ms → value); returns the verdict and when it came. */
function runOver(raw: Record<string, unknown>, readingAt: (ms: number) => number) {
  const sim = new Simulation();
  const seen: number[] = [];
  let ended: { verdict: AnalysisVerdict; atMs: number } | undefined;
  const run = new AnalysisRun(
    template(raw),
    sim,
    () => {
      seen.push(sim.nowMs);
      return readingAt(sim.nowMs);
    },
    new RandomStream("test/noise", 1),
    (verdict) => {
      ended = { verdict, atMs: sim.nowMs };
    },
  );
  sim.callAt(1000, () => run.start());
  sim.run(1_000_000);
  return { ended, seen };
}

describe("an analysis run", () => {
  it("reads at once, then every interval, and succeeds at its count-th reading", () => {
    const r = runOver({ successCondition: "result == 0", interval: "10s", count: 3 }, () => 0);
    expect(r.seen).toEqual([1000, 11_000, 21_000]);
    expect(r.ended).toEqual({ verdict: "successful", atMs: 21_000 });
  });

  it("fails at the first reading past failureLimit", () => {
    const failingFrom = (ms: number) => (ms >= 11_000 ? 1 : 0);
    const strict = runOver({ successCondition: "result == 0", interval: "10s", count: 5 }, failingFrom);
    expect(strict.ended).toEqual({ verdict: "failed", atMs: 11_000 });
    const tolerant = runOver(
      { successCondition: "result == 0", interval: "10s", count: 5, failureLimit: 2 },
      failingFrom,
    );
    expect(tolerant.ended).toEqual({ verdict: "failed", atMs: 31_000 });
  });

  it("is inconclusive at the first reading past inconclusiveLimit", () => {
    const r = runOver(
      {
        successCondition: "result == 0",
        failureCondition: "result > 5",
        interval: "10s",
        count: 5,
        inconclusiveLimit: 1,
      },
      () => 3,
    );
    expect(r.ended).toEqual({ verdict: "inconclusive", atMs: 11_000 });
  });

  it("without a count (a background analysis) reads until stopped, and never after", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const background = backgroundAnalysisSchema.parse({
      metric: "incidents",
      failureCondition: "result > 0",
      interval: "1s",
    });
    expect(background.count).toBeNull();
    const run = new AnalysisRun(
      background,
      sim,
      () => seen.push(sim.nowMs) && 0,
      new RandomStream("test/noise", 1),
      () => {
        throw new Error("a stopped run has no verdict");
      },
    );
    run.start();
    sim.callAt(9_500, () => run.stop());
    sim.run(60_000);
    expect(seen).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
  });

  it("scales the reading by 1 + noise × a standard normal draw, and draws nothing without noise", () => {
    const factors: number[] = [];
    const sim = new Simulation();
    const stream = new RandomStream("test/noise", 1);
    const noisy = new AnalysisRun(
      template({ noise: "5%" }),
      sim,
      (f) => factors.push(f),
      stream,
      () => {},
    );
    noisy.start();
    expect(factors[0]).not.toBe(1);
    expect(Math.abs(factors[0]! - 1)).toBeLessThan(0.05 * 6);
    const before = new RandomStream("test/noise", 1);
    const quiet = new AnalysisRun(
      template({}),
      sim,
      (f) => factors.push(f),
      before,
      () => {},
    );
    quiet.start();
    expect(factors[1]).toBe(1);
    expect(before.next()).toBe(new RandomStream("test/noise", 1).next()); // untouched
  });
});
