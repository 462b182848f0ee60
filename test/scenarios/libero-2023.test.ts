/**
 * The Libero 2023 scenario's strategy orderings, as model outcomes on fixed seeds.
 *
 * The file runs at 1% scale here (90,000 mailboxes; thresholds, bandwidth and reopening
 * pace scaled with it by the benchmark's `liberoAtScale`, so every time in the run is
 * unchanged) to keep CI fast. Each ordering
 * is asserted on the paired differences over the same seeds, with a 95% Student-t interval.
 */
import { describe, expect, it } from "vitest";
import { liberoAtScale } from "../../bench/libero.bench.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import type { RunMeasurements } from "../../src/metrics/RunMeasurements.js";
import { expectReconciled } from "../helpers/ledger.js";

const SCALE = 0.01;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** t(0.975, 7): the 95% two-sided quantile for 8 paired runs. */
const T_975_7 = 2.3646;

const libero = liberoAtScale(9_000_000 * SCALE);

const STRATEGIES = ["big-bang", "canary", "waves", "dual-write", "mirror", "cells"] as const;
const runs = Object.fromEntries(
  STRATEGIES.map((strategy) => [
    strategy,
    SEEDS.map((seed) => runScenario(libero, { seed, strategy }).measurements),
  ]),
) as Record<(typeof STRATEGIES)[number], RunMeasurements[]>;

/** Mean and 95% interval of the paired difference a − b over the seeds. */
function paired(
  a: readonly RunMeasurements[],
  b: readonly RunMeasurements[],
  f: (m: RunMeasurements) => number,
) {
  const d = a.map((m, i) => f(m) - f(b[i]!));
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
  const half = (T_975_7 * sd) / Math.sqrt(d.length);
  return { mean, lo: mean - half, hi: mean + half };
}

const hoursDown = (m: RunMeasurements) => m.availability.mailboxHoursDown;
const mean = (xs: readonly RunMeasurements[], f: (m: RunMeasurements) => number) =>
  xs.reduce((s, m) => s + f(m), 0) / xs.length;

describe("libero-2023: strategies compared on the same seeds", () => {
  it("every run's ledger reconciles", () => {
    for (const s of STRATEGIES) for (const m of runs[s]) expectReconciled(m.ledger);
  });

  it("big-bang (what happened) trips the threshold part-way, with most of the fleet moved", () => {
    const shares = runs["big-bang"].map((m) => m.rollout!.shareMigratedAtFirstIncident ?? Number.NaN);
    for (const share of shares) expect(share).toBeGreaterThan(0.55);
    for (const share of shares) expect(share).toBeLessThan(0.92);
    const meanShare = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(Math.abs(meanShare - 0.75)).toBeLessThan(0.1);
  });

  it("a canary or staged waves by weight do not catch a threshold that trips only at scale", () => {
    for (const s of ["canary", "waves"] as const) {
      for (const m of runs[s]) expect(m.rollout!.aborted).toBe(false);
      const d = paired(runs[s], runs["big-bang"], hoursDown);
      // Same threshold, same fix delay: the outage is as large, only later.
      expect(Math.abs(d.mean)).toBeLessThan(0.05 * mean(runs["big-bang"], hoursDown));
    }
  });

  it("retained source copies (dual-write, mirror) cut the outage to the failover time", () => {
    for (const s of ["dual-write", "mirror"] as const) {
      const d = paired(runs[s], runs["big-bang"], hoursDown);
      expect(d.hi).toBeLessThan(0);
      expect(mean(runs[s], hoursDown)).toBeLessThan(0.01 * mean(runs["big-bang"], hoursDown));
      for (const m of runs[s]) expect(m.ledger.bounced).toBe(0);
    }
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
