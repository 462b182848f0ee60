/**
 * Regression of issue 12 point 7 through the world (test/fixtures/placement/expunge-*.yaml):
 * counters that users' deletions lower, and copies that move what a unit holds when they start.
 *
 * - Counter trip (one node, 5,000 objects at t = 0, 1,000 a day in, threshold 6,000).
 *   Before: counters only grew, so the bug tripped at 1 d whatever users deleted.
 *   Now, with `expungePerDay` s (λ = −ln(1 − s)/day, A = r/λ): no expunge 1 d as before;
 *   s = 10%: ln((A − 5,000)/(A − 6,000))/λ = 2.3906 d; s = 20%: A = 4,481 < 6,000, never.
 * - Copy size (two 1 GB units, 100 MB/day in each, copied one after the other at 1 GB/day).
 *   Before: both copies moved 1 GB, the migration took 2.000 d (copied 2.0 GB).
 *   Now: unit 1 starts at 1 d holding 1.1 GB, 2.100 d (2.1 GB); with s = 10% it holds
 *   0.9 GB + 100 MB × (1 − e^{−λ})/λ = 0.99491 GB: 1.99491 d.
 */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/scenario/schema.js";
import { runChecked } from "../helpers/checkedRun.js";
import { loadFixture } from "../helpers/fixtures.js";
import { expectReconciled } from "../helpers/ledger.js";

const DAY = 86_400_000;

function withExpunge(fixture: string, share: number | undefined): Scenario {
  const s = loadFixture(fixture);
  return share === undefined ? s : { ...s, fleet: { ...s.fleet, expungePerDay: share } };
}

function tripDays(share: number | undefined): number[] {
  const trips: number[] = [];
  const { measurements } = runChecked(withExpunge("placement/expunge-counter-trip.yaml", share), {
    trace: (r) => {
      if (r.event === "bug-trigger") trips.push(Number(r.tMs) / DAY);
    },
  });
  expectReconciled(measurements.ledger);
  return trips;
}

/** When objects O(t) = A + (O₀ − A)e^{−λt} reach the threshold, in days. */
function decayingTripDays(share: number, initial: number, perDay: number, threshold: number): number {
  const lambda = -Math.log(1 - share);
  const asymptote = perDay / lambda;
  return Math.log((asymptote - initial) / (asymptote - threshold)) / lambda;
}

describe("expunge lowers the counters an OS bug watches", () => {
  it("no expunge: linear growth, trips at 1 d (as before)", () => {
    const [trip, ...rest] = tripDays(undefined);
    expect(rest).toHaveLength(0);
    expect(Math.abs(trip! - 1)).toBeLessThanOrEqual(1 / DAY);
  });

  it("10% a day: trips at ln((A − 5,000)/(A − 6,000))/λ = 2.3906 d", () => {
    const expected = decayingTripDays(0.1, 5000, 1000, 6000);
    expect(expected).toBeCloseTo(2.3906, 4);
    const [trip, ...rest] = tripDays(0.1);
    expect(rest).toHaveLength(0);
    expect(Math.abs(trip! - expected)).toBeLessThanOrEqual(1 / DAY);
  });

  it("20% a day: the count settles at 4,481 objects, below the threshold: never trips", () => {
    expect(1000 / -Math.log(0.8)).toBeLessThan(6000);
    expect(tripDays(0.2)).toEqual([]);
  });
});

describe("a copy moves what the unit holds when it starts", () => {
  const migrate = (share: number | undefined) => {
    const { measurements: m } = runChecked(withExpunge("placement/expunge-copy-size.yaml", share));
    expectReconciled(m.ledger);
    return m.rollout!;
  };

  it("unit 1 starts at 1 d holding 1.1 GB: 2.100 d and 2.1 GB (2.000 d and 2.0 GB before)", () => {
    const r = migrate(undefined);
    expect(r.copiedBytes).toBeCloseTo(2.1e9, 0);
    expect(Math.abs(r.completedMs! / DAY - 2.1)).toBeLessThanOrEqual(1 / DAY);
  });

  it("10% a day expunged: unit 1 holds 0.9 GB + 100 MB × (1 − e^{−λ})/λ", () => {
    const lambda = -Math.log(0.9);
    const unit1Bytes = 0.9e9 + (1e8 * -Math.expm1(-lambda)) / lambda;
    expect(unit1Bytes / 1e9).toBeCloseTo(0.99491, 5);
    const r = migrate(0.1);
    expect(r.copiedBytes).toBeCloseTo(1e9 + unit1Bytes, 0);
    expect(Math.abs(r.completedMs! / DAY - (1 + unit1Bytes / 1e9))).toBeLessThanOrEqual(1 / DAY);
  });
});
