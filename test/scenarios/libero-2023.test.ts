/**
 * The Libero 2023 scenario's strategy orderings, as model outcomes on fixed seeds.
 *
 * The file runs at 1% scale here (90,000 mailboxes; thresholds, bandwidth and reopening
 * pace scaled with it by `liberoAtScale`, so every time in the run is unchanged) to keep CI
 * fast. Each ordering is asserted on the paired differences over the same seeds, with the
 * 95% paired-t interval of src/metrics (the one `compare` reports). The 48 runs happen once,
 * before the tests, not when the file is imported.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunMeasurements } from "../../src/metrics/RunMeasurements.js";
import { type Estimate, mean, pairedDifference } from "../../src/metrics/statistics.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";
import { liberoAtScale } from "../helpers/liberoAtScale.js";

const SCALE = 0.01;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const STRATEGIES = ["big-bang", "canary", "waves", "dual-write", "mirror", "cells"] as const;
type Strategy = (typeof STRATEGIES)[number];
let runs: Record<Strategy, RunMeasurements[]>;

/** Generous, not a timing assertion: 48 runs take ~30 s alone, minutes on a loaded 2-core machine. */
const RUNS_TIMEOUT_MS = 600_000;

beforeAll(() => {
  const libero = liberoAtScale(9_000_000 * SCALE);
  runs = Object.fromEntries(
    STRATEGIES.map((strategy) => [
      strategy,
      SEEDS.map((seed) => runChecked(libero, { seed, strategy }).measurements),
    ]),
  ) as Record<Strategy, RunMeasurements[]>;
}, RUNS_TIMEOUT_MS);

/** Mean and 95% paired-t interval of a − b over the seeds (every run measures every figure used). */
function paired(
  a: readonly RunMeasurements[],
  b: readonly RunMeasurements[],
  f: (m: RunMeasurements) => number,
): { mean: number; lo: number; hi: number } {
  const d: Estimate = pairedDifference(a.map(f), b.map(f));
  return { mean: d.mean!, lo: d.lo!, hi: d.hi! };
}

const hoursDown = (m: RunMeasurements) => m.availability.mailboxHoursDown;
const meanOf = (xs: readonly RunMeasurements[], f: (m: RunMeasurements) => number) => mean(xs.map(f));

describe("libero-2023: strategies compared on the same seeds", () => {
  it("every run's ledger reconciles", () => {
    for (const s of STRATEGIES) for (const m of runs[s]) expectReconciled(m.ledger);
  });

  it("big-bang (what happened) trips the threshold part-way, with most of the fleet moved", () => {
    const shares = runs["big-bang"].map((m) => m.rollout!.shareMigratedAtFirstIncident ?? Number.NaN);
    for (const share of shares) expect(share).toBeGreaterThan(0.55);
    for (const share of shares) expect(share).toBeLessThan(0.92);
    expect(Math.abs(mean(shares) - 0.75)).toBeLessThan(0.1);
  });

  it("a canary or staged waves by weight do not catch a threshold that trips only at scale", () => {
    for (const s of ["canary", "waves"] as const) {
      for (const m of runs[s]) expect(m.rollout!.aborted).toBe(false);
      const d = paired(runs[s], runs["big-bang"], hoursDown);
      // Same threshold, same fix delay: the outage is as large, only later.
      expect(Math.abs(d.mean)).toBeLessThan(0.05 * meanOf(runs["big-bang"], hoursDown));
    }
  });

  it("retained source copies (dual-write, mirror) cut the outage to the failover time", () => {
    for (const s of ["dual-write", "mirror"] as const) {
      const d = paired(runs[s], runs["big-bang"], hoursDown);
      expect(d.hi).toBeLessThan(0);
    }
    // The mirror keeps every source copy: only the failover time is lost, no mail bounces.
    expect(meanOf(runs.mirror, hoursDown)).toBeLessThan(0.01 * meanOf(runs["big-bang"], hoursDown));
    for (const m of runs.mirror) expect(m.ledger.bounced).toBe(0);
    // Dual-write keeps each for 60 days after its cut-over. Where the bug trips late, the first
    // units moved have none left and stay down with the cohort (3 of these 8 seeds since a copy
    // moves the mail stored since t = 0, which brings the trip ~2 days later; 1.7% of big-bang's
    // mailbox-hours; before, 0.9%, equal to the mirror on every seed): never better than the
    // mirror, and far below big-bang.
    runs["dual-write"].forEach((m, i) => {
      expect(hoursDown(m)).toBeGreaterThanOrEqual(hoursDown(runs.mirror[i]!));
    });
    expect(meanOf(runs["dual-write"], hoursDown)).toBeLessThan(0.05 * meanOf(runs["big-bang"], hoursDown));
    // Their mail waits at the senders like big-bang's, so a little bounces (none before).
    const bounced = (m: RunMeasurements) => m.ledger.bounced;
    expect(meanOf(runs["dual-write"], bounced)).toBeLessThan(0.01 * meanOf(runs["big-bang"], bounced));
    for (const m of runs["big-bang"]) expect(m.ledger.bounced).toBeGreaterThan(0);
  });

  it("cells keep every cluster's counter below the threshold", () => {
    const d = paired(runs.cells, runs["big-bang"], hoursDown);
    expect(d.hi).toBeLessThan(0);
    for (const m of runs.cells) expect(m.rollout!.firstIncidentMs).toBeNull();
  });

  it("protection costs storage: mirror > dual-write > big-bang in extra TB-days", () => {
    const extra = (m: RunMeasurements) => m.rollout!.extraStorageTBDays;
    expect(paired(runs.mirror, runs["dual-write"], extra).lo).toBeGreaterThan(0);
    expect(paired(runs["dual-write"], runs["big-bang"], extra).lo).toBeGreaterThan(0);
  });
});
