/**
 * The model-based invariant suite (issue 6): properties that must hold for every small world
 * and every fault schedule, drawn with the same arbitraries `maildrill check` uses
 * (`smallScenarioArbitrary`, `faultScheduleArbitrary`). Each property is a claim about the
 * model as a whole, so a counterexample here is a model bug or a wrong claim — fast-check
 * prints it shrunk.
 *
 * - determinism: the same scenario, schedule and seed give the same result, to the byte;
 * - the ledger reconciles for every run;
 * - a fault-free schedule gives full availability and loses, bounces or corrupts nothing;
 * - more restore bandwidth never delays the restore of a fixed list (every loss at one instant);
 * - a mailbox mirrored on two backends with distinct OS versions is never less available to
 *   read than the same mailbox on either one alone, on the same seed and outage schedule
 *   (crashes, fail-slow, ENOSPC). Two conditions make the claim true, and the suite found
 *   both: failover must be instant (a detection delay is downtime a lone copy never has),
 *   and the faults must keep data (a lone copy that loses its data restarts empty and is
 *   counted up, while the mirror waits for its intact replica).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faultModelOf } from "../../../src/experiment/check/FaultModel.js";
import type { FaultSchedule } from "../../../src/experiment/check/FaultSchedule.js";
import { faultScheduleArbitrary } from "../../../src/experiment/check/faultScheduleArbitrary.js";
import { smallScenarioArbitrary } from "../../../src/experiment/check/smallScenarioArbitrary.js";
import { withFaults } from "../../../src/experiment/check/withFaults.js";
import { runScenario } from "../../../src/experiment/runScenario.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { expectReconciled } from "../../helpers/ledger.js";

const RUNS = 25;

/** A small world and a schedule drawn within its own default fault model. */
const worldAndSchedule = smallScenarioArbitrary().chain((scenario) =>
  faultScheduleArbitrary(faultModelOf(scenario)).map((schedule) => ({ scenario, schedule })),
);

function run(scenario: Scenario, schedule: FaultSchedule) {
  return runScenario(withFaults(scenario, schedule));
}

describe("model invariants over small worlds and fault schedules", () => {
  it("determinism: the same scenario, schedule and seed give byte-identical results", () => {
    fc.assert(
      fc.property(worldAndSchedule, ({ scenario, schedule }) => {
        expect(JSON.stringify(run(scenario, schedule))).toBe(JSON.stringify(run(scenario, schedule)));
      }),
      { seed: 606, numRuns: RUNS },
    );
  });

  it("the ledger reconciles for every run", () => {
    fc.assert(
      fc.property(worldAndSchedule, ({ scenario, schedule }) => {
        expectReconciled(run(scenario, schedule).measurements.ledger);
      }),
      { seed: 607, numRuns: RUNS },
    );
  });

  it("a fault-free schedule gives full availability and no loss", () => {
    fc.assert(
      fc.property(smallScenarioArbitrary(), (scenario) => {
        const { ledger, availability, integrity } = run(scenario, []).measurements;
        expect(availability.fleetAvailability).toBe(1);
        expect(availability.mailboxHoursDown).toBe(0);
        expect(ledger.silentlyLost + ledger.corruptedServed + ledger.bounced + ledger.pending).toBe(0);
        expect(ledger.storedIntact).toBe(ledger.arrived);
        expect(integrity.dataLossEvents).toBe(0);
      }),
      { seed: 608, numRuns: RUNS },
    );
  });

  it("more restore bandwidth never delays the restore of a fixed list", () => {
    // One copy with backups; node losses all at one instant make the list of restores fixed.
    const lossesAtOnce = smallScenarioArbitrary()
      .map((s) => singleCopyWithBackup(s))
      .chain((scenario) => {
        const atMs = Math.floor(scenario.horizon / 2);
        const model = faultModelOf(scenario, {
          kinds: ["node-loss"],
          windowFromMs: atMs,
          windowToMs: atMs,
          durationMs: { min: 0, max: 0 },
        });
        return fc.record({
          scenario: fc.constant(scenario),
          schedule: faultScheduleArbitrary(model),
          factor: fc.integer({ min: 2, max: 10 }),
        });
      });
    fc.assert(
      fc.property(lossesAtOnce, ({ scenario, schedule, factor }) => {
        const slow = run(scenario, schedule).measurements.integrity;
        const faster = {
          ...scenario,
          backup: { ...scenario.backup!, restoreBandwidth: scenario.backup!.restoreBandwidth * factor },
        };
        const fast = run(faster, schedule).measurements.integrity;
        expect(fast.restores).toBe(slow.restores);
        for (const key of ["meanMs", "p50Ms", "p90Ms", "p99Ms", "maxMs"] as const)
          expect(fast.dataRestore[key]).toBeLessThanOrEqual(slow.dataRestore[key]);
      }),
      { seed: 609, numRuns: RUNS },
    );
  });

  it("a mirror on two OS versions is never less available to read than either copy alone", () => {
    const mirrored = smallScenarioArbitrary()
      .map((s) => mirrorOnTwoVersions(s))
      .chain((scenario) => {
        // Outages on few targets (two nodes of each backend, or a whole backend: a common-mode
        // bug of one version) packed into the first day make overlaps of both copies likely.
        // Outages only: a single copy that loses its data restarts empty and counts as up, so
        // with node-loss the lone copy can look "more available" than a mirror waiting for
        // its intact replica (docs/check.md).
        const model = faultModelOf(scenario, {
          kinds: ["crash", "fail-slow", "enospc"],
          targets: ["a/node/0", "b/node/0", "a/node/1", "b/node/1", "a", "b"],
          maxFaults: 4,
          windowToMs: Math.min(scenario.horizon, 86_400_000),
        });
        return faultScheduleArbitrary(model).map((schedule) => ({ scenario, schedule }));
      });
    fc.assert(
      fc.property(mirrored, ({ scenario, schedule }) => {
        const downHours = (s: Scenario) => run(s, schedule).measurements.availability.mailboxHoursReadDown;
        const mirror = downHours(scenario);
        for (const only of ["a", "b"]) {
          const single = { ...scenario, protection: { ...scenario.protection!, copies: [only] } };
          expect(mirror).toBeLessThanOrEqual(downHours(single));
        }
      }),
      { seed: 610, numRuns: RUNS },
    );
  });
});

/** The drawn world with one copy on backend a, backed up (every 12 h at 50 MB/s if it had no backup). */
function singleCopyWithBackup(s: Scenario): Scenario {
  const backup = s.backup ?? {
    every: 12 * 3_600_000,
    restoreBandwidth: 50e6,
    order: "fifo" as const,
    startAfter: 30 * 60_000,
  };
  return { ...s, protection: { ...s.protection!, copies: ["a"] }, backup };
}

/**
 * The drawn world as a 2-way mirror over backends a and b (b added, like a, on its own OS
 * version), failing over at once, without backups (a restore's hold is its own outage).
 */
function mirrorOnTwoVersions(s: Scenario): Scenario {
  const a = s.backends.a!;
  const b = s.backends.b ?? { ...a, versions: ["os-2"] };
  const protection = s.protection!;
  return {
    ...s,
    backends: { a, b },
    backup: undefined,
    protection: { ...protection, copies: ["a", "b"], failover: { ...protection.failover, detection: 0 } },
  };
}
