/**
 * Compare and sweep reports from hand-made results, so that every wording is pinned without
 * running a model: intervals, "1 run: no interval", "–" for unmeasured rollout figures,
 * unfinished migrations, the paired-difference marks, the "going further" commands, and the
 * CSV shape (header, one row per strategy × figure, difference rows, RFC 4180 quoting).
 */
import { describe, expect, it } from "vitest";
import type { CompareResult, StrategyOutcome } from "../../src/experiment/compare.js";
import { runRecords } from "../../src/experiment/manyRuns.js";
import { runSeeds, SEED_RULE } from "../../src/experiment/seeds.js";
import type { SweepResult } from "../../src/experiment/sweep.js";
import { FIGURE_NAMES, type RunFigures } from "../../src/metrics/runFigures.js";
import { pairedDifferences, summarizeRuns } from "../../src/metrics/summarizeRuns.js";
import { palette } from "../../src/report/colors.js";
import { renderCompareReport } from "../../src/report/compareReport.js";
import { compareCsv, sweepCsv } from "../../src/report/experimentCsv.js";
import { renderSweepReport } from "../../src/report/sweepReport.js";

const plain = palette(false);
const LIMITS = { mailboxes: 300, horizonMs: 20 * 86_400_000 };

function figures(hours: number, lost: number, migrationDays: number | null | undefined): RunFigures {
  return {
    mailboxHoursDown: hours,
    peakMailboxesDown: 100,
    mailboxesDownOver24h: 0,
    silentlyLost: lost,
    bounced: 0,
    deliveredLate: 10,
    ttrP50Ms: 3_600_000,
    ttrP99Ms: 7_200_000,
    ttrMaxMs: 7_200_000,
    migrationDurationDays: migrationDays ?? null,
    extraStorageTBDays: migrationDays === undefined ? null : 2.5,
    migrationFinished: migrationDays === undefined ? null : migrationDays !== null,
  };
}

function outcome(name: string | null, runs: RunFigures[], seeds: string[]): StrategyOutcome {
  return {
    name,
    kind: name === null ? null : "big-bang",
    summary: summarizeRuns(runs, LIMITS),
    runs: runRecords(seeds, runs),
  };
}

function compareResult(series: [string | null, RunFigures[]][], baseline: string | null): CompareResult {
  const runs = series[0]![1].length;
  const seeds = runSeeds(7, runs);
  const strategies = series.map(([name, r]) => outcome(name, r, seeds));
  const base = strategies.find((s) => s.name === baseline);
  return {
    schemaVersion: 1,
    kind: "maildrill-compare",
    scenario: { name: "demo", mailboxes: 300, horizonMs: 20 * 86_400_000 },
    seedRule: SEED_RULE,
    baseSeed: 7,
    runs,
    seeds,
    confidence: 0.95,
    baseline,
    strategies,
    differences: strategies
      .filter((s) => s !== base && base !== undefined)
      .map((s) => ({
        strategy: s.name!,
        baseline: baseline!,
        figures: pairedDifferences(s.runs, base!.runs, LIMITS),
      })),
  };
}

const twoStrategies = compareResult(
  [
    ["big-bang", [figures(100, 0, 3), figures(120, 5, 3.5), figures(110, 0, null), figures(130, 0, 4)]],
    ["dual-write", [figures(50, 0, null), figures(61, 0, null), figures(55, 0, null), figures(64, 0, null)]],
  ],
  "big-bang",
);

describe("renderCompareReport", () => {
  const text = renderCompareReport(twoStrategies, plain, "demo.yaml");

  it("names the scenario, the runs and the seeds in the header", () => {
    expect(text.split("\n")[0]).toBe(
      "maildrill compare · demo · 4 runs per strategy on seeds 7/1 … 7/4 · 300 mailboxes · horizon 20d 0h",
    );
    expect(text).toContain("run i of every strategy uses seed 7/i");
  });

  it("prints a mean and its interval per strategy, the baseline marked", () => {
    expect(text).toMatch(/big-bang \(baseline\)\s+dual-write/);
    expect(text).toMatch(/mailbox-hours down\s+115 \[\d+\.?\d*, \d+\]\s+57\.5 \[/);
    expect(text).toMatch(/P\(any silent loss\)\s+25% \[5%, 70%\] \(1 of 4\)\s+0% \[0%, 49%\] \(0 of 4\)/);
  });

  it("counts unfinished migrations instead of hiding them", () => {
    expect(text).toMatch(
      /migration duration \(days\)\s+3\.5 \[[^\]]+\]; 1 of 4 unfinished\s+n\/a \(4 of 4 unfinished\)/,
    );
  });

  it("prints paired differences signed, marked * when the interval excludes 0", () => {
    expect(text).toContain("Paired differences against big-bang");
    expect(text).toMatch(/mailbox-hours down\s+-57\.5 \[-\d+\.?\d*, -\d+\.?\d*\] \*/);
    // dual-write never finished a migration: there is no run to pair, so no difference.
    expect(text).toMatch(/\n\s*migration duration \(days\)\s+–\n/);
  });

  it("ends with the commands to go further, replaying the worst run", () => {
    expect(text).toContain("maildrill compare demo.yaml --runs 16");
    expect(text).toContain("maildrill compare demo.yaml --json --out compare.json");
    expect(text).toContain("maildrill sweep demo.yaml --vary migration.bandwidth=");
    expect(text).toMatch(
      /replay the worst run \(most mailbox-hours down\):\s+maildrill run demo\.yaml --strategy big-bang --seed 7\/4$/,
    );
  });

  it("says one run gives no interval, and prints – for figures no run measured", () => {
    const one = renderCompareReport(
      compareResult([["big-bang", [figures(100, 0, undefined)]]], "big-bang"),
      plain,
    );
    expect(one).toContain("1 run per strategy: intervals cannot be estimated");
    expect(one).toMatch(/mailbox-hours down\s+100 \(1 run: no interval\)/);
    expect(one).toMatch(/migration duration \(days\)\s+–/);
    expect(one).toMatch(/extra storage \(TB-days\)\s+–/);
    expect(one).not.toContain("Paired differences");
    expect(one).not.toContain("(baseline)");
    // The built-in scenario needs no file argument to replay.
    expect(one).toContain("maildrill run --strategy big-bang --seed 7/1");
  });
});

describe("compareCsv", () => {
  const lines = compareCsv(twoStrategies).split("\n");

  it("has a header, a row per strategy × figure (+ silent-loss share and unfinished runs), then differences", () => {
    expect(lines[0]).toBe("section,strategy,baseline,metric,mean,lo,hi,n");
    expect(lines.at(-1)).toBe("");
    const body = lines.slice(1, -1);
    expect(body.filter((l) => l.startsWith("summary,")).length).toBe(2 * (FIGURE_NAMES.length + 2));
    expect(body.filter((l) => l.startsWith("difference,dual-write,big-bang,")).length).toBe(
      FIGURE_NAMES.length,
    );
    expect(body).toContain("summary,big-bang,,migrationUnfinishedRuns,1,,,4");
    expect(body.find((l) => l.startsWith("summary,big-bang,,mailboxHoursDown,115,"))).toMatch(/,4$/);
    expect(body).toContain("summary,dual-write,,migrationDurationDays,,,,0");
  });
});

describe("sweep report and CSV", () => {
  const seeds = runSeeds(7, 2);
  const runs = [figures(10, 0, undefined), figures(12, 0, undefined)];
  const point = (k: number, values: unknown[]) => ({
    point: k,
    values,
    strategy: "big-bang",
    summary: summarizeRuns(runs, LIMITS),
    runs: runRecords(seeds, runs),
  });
  const result: SweepResult = {
    schemaVersion: 1,
    kind: "maildrill-sweep",
    scenario: { name: "demo", mailboxes: 300, horizonMs: 86_400_000 },
    vary: [
      { path: "strategies.canary.steps[1].pause", values: ["1d", "7d"] },
      { path: "x", values: [{ uniform: [1, 2] }] },
    ],
    seedRule: SEED_RULE,
    baseSeed: 7,
    runs: 2,
    seeds,
    confidence: 0.95,
    points: [point(1, ["1d", { uniform: [1, 2] }]), point(2, ["7d", { uniform: [1, 2] }])],
  };

  it("prints one row per point: the varied values, then the figures with intervals", () => {
    const lines = renderSweepReport(result, plain).split("\n");
    expect(lines[0]).toBe(
      "maildrill sweep · demo · 2 points × 2 runs · strategy big-bang · 300 mailboxes · horizon 1d 0h",
    );
    expect(lines[3]).toMatch(/^strategies\.canary\.steps\[1\]\.pause\s+x\s+hours down/);
    expect(lines[4]).toMatch(/^1d\s+\{"uniform":\[1,2\]\}\s+11 \[/);
    expect(lines).toHaveLength(6);
  });

  it("writes CSV rows per point × figure, quoting values with commas", () => {
    const lines = sweepCsv(result).split("\n");
    expect(lines[0]).toBe("point,strategies.canary.steps[1].pause,x,strategy,metric,mean,lo,hi,n");
    expect(lines[1]).toMatch(/^1,1d,"\{""uniform"":\[1,2\]\}",big-bang,mailboxHoursDown,11,/);
    expect(lines.length - 2).toBe(2 * (FIGURE_NAMES.length + 2));
  });
});
