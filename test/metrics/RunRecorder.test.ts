import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunRecorder, type RunRecorderOptions } from "../../src/metrics/RunRecorder.js";
import type { Access, ExitBatch, WaitPlace } from "../../src/model/WorldObserver.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UP: Access = 0;
const READ_ONLY: Access = 1;
const DOWN: Access = 2;

function recorder(overrides: Partial<RunRecorderOptions> = {}): RunRecorder {
  return new RunRecorder({
    horizonMs: 100 * HOUR,
    timelineStepMs: 10 * HOUR,
    mailboxes: 400,
    loginsPerDayTotal: 1300,
    groupCount: 2,
    initialGroupMailboxes: [100, 300],
    initialGroupLoginsPerDay: [1000, 300],
    ...overrides,
  });
}

/**
 * Two groups, hand-computed (hours):
 *   g0 (100 mailboxes, 1000 logins/day): Down 10–12; ReadOnly 50–60 then Down 60–80.
 *   g1 (300 mailboxes, 300 logins/day):  Down 11–20; Down 90–horizon (100), still open.
 */
function twoGroupRun() {
  const r = recorder();
  r.accessChanged(10 * HOUR, 0, UP, DOWN, 100, 1000);
  r.accessChanged(11 * HOUR, 1, UP, DOWN, 300, 300);
  r.accessChanged(12 * HOUR, 0, DOWN, UP, 100, 1000);
  r.accessChanged(20 * HOUR, 1, DOWN, UP, 300, 300);
  r.accessChanged(50 * HOUR, 0, UP, READ_ONLY, 100, 1000);
  r.accessChanged(60 * HOUR, 0, READ_ONLY, DOWN, 100, 1000);
  r.accessChanged(80 * HOUR, 0, DOWN, UP, 100, 1000);
  r.accessChanged(90 * HOUR, 1, UP, DOWN, 300, 300);
  return r.finish();
}

describe("RunRecorder availability", () => {
  const m = twoGroupRun();
  const a = m.availability;

  it("integrates mailbox-hours down, split into cannot-read and cannot-receive", () => {
    // g0: 100 × (2 + 30) = 3200, of which Down 100 × (2 + 20) = 2200; g1: 300 × (9 + 10) = 5700.
    expect(a.mailboxHoursDown).toBeCloseTo(8900, 9);
    expect(a.mailboxHoursWriteDown).toBeCloseTo(8900, 9);
    expect(a.mailboxHoursReadDown).toBeCloseTo(7900, 9);
  });

  it("gives fleet and login-weighted availability", () => {
    expect(a.fleetAvailability).toBeCloseTo(1 - 8900 / (400 * 100), 12);
    // Logins: g0 1000 × 32 h + g1 300 × 19 h = 37,700 over 1300 × 100 h.
    expect(a.loginWeightedAvailability).toBeCloseTo(1 - 37_700 / 130_000, 12);
  });

  it("finds the peak, and samples the timeline after the changes at each sample time", () => {
    expect(a.peakMailboxesDown).toBe(400); // 11–12 h
    expect(a.timeline.stepMs).toBe(10 * HOUR);
    expect(a.timeline.mailboxesDown).toEqual([0, 100, 0, 0, 0, 100, 100, 100, 0, 300, 300]);
  });

  it("counts mailboxes by their group's longest episode, open episodes closed at the horizon", () => {
    // g0 longest 30 h (100 mailboxes); g1 longest 10 h (open, 300 mailboxes).
    expect(a.mailboxesDownOver).toEqual({ "1h": 400, "24h": 100, "72h": 0 });
  });
});

describe("RunRecorder time to restore", () => {
  const t = twoGroupRun().timeToRestore;

  it("weights each restored episode by its group's mailboxes", () => {
    // Restored: 2 h × 100, 9 h × 300, 30 h × 100. Still down: 300.
    expect(t.episodes).toBe(500);
    expect(t.unrestoredAtHorizon).toBe(300);
    // Each group was out twice, but a mailbox is affected once: 100 + 300 mailboxes, not 800.
    expect(t.affectedMailboxes).toBe(400);
    expect(t.p50Ms).toBe(9 * HOUR);
    expect(t.p90Ms).toBe(30 * HOUR);
    expect(t.p99Ms).toBe(30 * HOUR);
    expect(t.maxMs).toBe(30 * HOUR);
    expect(t.meanMs).toBeCloseTo(((200 + 2700 + 3000) / 500) * HOUR, 6);
  });

  it("measures the fleet curve from the first start, never reaching what stays down", () => {
    // First start 10 h; restored 100 by 12 h, 400 by 20 h, 500 by 80 h, of 800 mailbox-episodes.
    expect(t.fleetCurve).toEqual({ t50Ms: 10 * HOUR, t90Ms: null, t99Ms: null, t100Ms: null });
  });

  it("reaches 100% when every episode is restored", () => {
    const r = recorder();
    r.accessChanged(5 * HOUR, 1, UP, DOWN, 300, 300);
    r.accessChanged(6 * HOUR, 0, UP, DOWN, 100, 1000);
    r.accessChanged(8 * HOUR, 1, DOWN, UP, 300, 300);
    r.accessChanged(30 * HOUR, 0, DOWN, UP, 100, 1000);
    const curve = r.finish().timeToRestore.fleetCurve;
    expect(curve).toEqual({ t50Ms: 3 * HOUR, t90Ms: 25 * HOUR, t99Ms: 25 * HOUR, t100Ms: 25 * HOUR });
  });

  it("is all zeros when nothing went down", () => {
    const t0 = recorder().finish().timeToRestore;
    expect(t0).toEqual({
      meanMs: 0,
      p50Ms: 0,
      p90Ms: 0,
      p99Ms: 0,
      maxMs: 0,
      episodes: 0,
      affectedMailboxes: 0,
      unrestoredAtHorizon: 0,
      fleetCurve: { t50Ms: 0, t90Ms: 0, t99Ms: 0, t100Ms: 0 },
    });
  });
});

describe("RunRecorder affected mailboxes", () => {
  it("counts each mailbox once however often it is out, never more than the fleet", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 5 })), { maxLength: 12 }),
        (outages) => {
          const r = recorder();
          let t = 0;
          for (const [group, hours] of outages) {
            const [mailboxes, logins] = group === 0 ? [100, 1000] : [300, 300];
            r.accessChanged(t * HOUR, group, UP, DOWN, mailboxes, logins);
            t += hours;
            r.accessChanged(t * HOUR, group, DOWN, UP, mailboxes, logins);
          }
          const m = r.finish().timeToRestore;
          const groups = new Set(outages.map(([group]) => group));
          expect(m.affectedMailboxes).toBe((groups.has(0) ? 100 : 0) + (groups.has(1) ? 300 : 0));
          expect(m.episodes).toBe(outages.reduce((sum, [group]) => sum + (group === 0 ? 100 : 300), 0));
        },
      ),
    );
  });
});

describe("RunRecorder episodes and access", () => {
  it("counts ReadOnly as unable to receive but able to read", () => {
    const r = recorder();
    r.accessChanged(1 * HOUR, 0, UP, READ_ONLY, 100, 1000);
    r.accessChanged(3 * HOUR, 0, READ_ONLY, UP, 100, 1000);
    const a = r.finish().availability;
    expect(a.mailboxHoursDown).toBeCloseTo(200, 9);
    expect(a.mailboxHoursWriteDown).toBeCloseTo(200, 9);
    expect(a.mailboxHoursReadDown).toBe(0);
  });

  it("treats ReadOnly → Down → Up as one episode", () => {
    const r = recorder();
    r.accessChanged(1 * HOUR, 0, UP, READ_ONLY, 100, 1000);
    r.accessChanged(2 * HOUR, 0, READ_ONLY, DOWN, 100, 1000);
    r.accessChanged(4 * HOUR, 0, DOWN, UP, 100, 1000);
    const t = r.finish().timeToRestore;
    expect(t.episodes).toBe(100);
    expect(t.affectedMailboxes).toBe(100);
    expect(t.maxMs).toBe(3 * HOUR);
    expect(t.p50Ms).toBe(3 * HOUR);
  });

  it("charges downtime after a resize with the new size, and weighs the episode by its size at the end", () => {
    const r = recorder({ timelineStepMs: HOUR });
    r.accessChanged(10 * HOUR, 0, UP, DOWN, 100, 1000);
    r.groupResized(12 * HOUR, 0, 150, 1500);
    r.accessChanged(14 * HOUR, 0, DOWN, UP, 150, 1500);
    r.groupResized(50 * HOUR, 0, 50, 500); // while Up: no downtime
    const m = r.finish();
    expect(m.availability.mailboxHoursDown).toBeCloseTo(100 * 2 + 150 * 2, 9);
    expect(m.availability.loginWeightedAvailability).toBeCloseTo(
      1 - (1000 * 2 + 1500 * 2) / (1300 * 100),
      12,
    );
    expect(m.availability.peakMailboxesDown).toBe(150);
    expect(m.availability.timeline.mailboxesDown.slice(9, 16)).toEqual([0, 100, 100, 150, 150, 0, 0]);
    expect(m.availability.mailboxesDownOver["1h"]).toBe(150);
    expect(m.timeToRestore.episodes).toBe(150);
    expect(m.timeToRestore.maxMs).toBe(4 * HOUR);
  });

  it("closes outages open at the horizon, including one that starts exactly there", () => {
    const r = recorder();
    r.accessChanged(40 * HOUR, 0, UP, DOWN, 100, 1000);
    r.accessChanged(100 * HOUR, 1, UP, READ_ONLY, 300, 300);
    const m = r.finish();
    expect(m.availability.mailboxHoursDown).toBeCloseTo(100 * 60, 9);
    expect(m.availability.timeline.mailboxesDown.at(-1)).toBe(400);
    expect(m.availability.peakMailboxesDown).toBe(400);
    expect(m.availability.mailboxesDownOver).toEqual({ "1h": 100, "24h": 100, "72h": 0 });
    expect(m.timeToRestore.unrestoredAtHorizon).toBe(400);
    expect(m.timeToRestore.episodes).toBe(0);
    expect(m.timeToRestore.fleetCurve.t50Ms).toBeNull();
  });

  it("does not see a peak in simultaneous changes that cancel out", () => {
    const r = recorder();
    r.accessChanged(10 * HOUR, 1, UP, DOWN, 300, 300);
    r.accessChanged(20 * HOUR, 0, UP, DOWN, 100, 1000);
    r.accessChanged(20 * HOUR, 1, DOWN, UP, 300, 300);
    r.accessChanged(30 * HOUR, 0, DOWN, UP, 100, 1000);
    expect(r.finish().availability.peakMailboxesDown).toBe(300);
  });

  it("rejects time going backwards, times past the horizon, a wrong `from`, and use after finish", () => {
    const r = recorder();
    r.accessChanged(10 * HOUR, 0, UP, DOWN, 100, 1000);
    expect(() => r.accessChanged(9 * HOUR, 1, UP, DOWN, 300, 300)).toThrow(RangeError);
    expect(() => r.groupResized(101 * HOUR, 1, 300, 300)).toThrow(RangeError);
    expect(() => r.accessChanged(11 * HOUR, 1, READ_ONLY, DOWN, 300, 300)).toThrow(/group 1 is Up/);
    expect(() => r.accessChanged(11 * HOUR, 2, UP, DOWN, 1, 1)).toThrow(RangeError);
    r.finish();
    expect(() => r.finish()).toThrow(/already called/);
    expect(() => r.storedIntact(1)).toThrow(/already called/);
  });
});

describe("RunRecorder ledger", () => {
  const batch = (overrides: Partial<ExitBatch>): ExitBatch => ({
    count: 100,
    place: "sender",
    arrivalStartMs: 10 * HOUR,
    arrivalEndMs: 12 * HOUR,
    arrivalMeanMs: 11 * HOUR,
    restoredAtMs: 20 * HOUR,
    ...overrides,
  });

  function ledgerRun(arrived = 1210) {
    const r = recorder();
    r.arrived(arrived);
    r.storedIntact(1000);
    r.deliveredLate(batch({ exitAtMs: 20 * HOUR, place: "mx-spool" })); // delay 0, sojourn 9 h
    r.deliveredLate(batch({ exitShiftMs: 10 * HOUR, restoredAtMs: 19 * HOUR })); // delays U[1 h, 3 h)
    r.bounced(batch({ count: 5, exitShiftMs: 48 * HOUR }), "mx");
    r.bounced(batch({ count: 3, exitShiftMs: 48 * HOUR }), "sender");
    r.pendingAtHorizon(
      batch({
        count: 2,
        arrivalStartMs: 90 * HOUR,
        arrivalEndMs: 90 * HOUR,
        arrivalMeanMs: 90 * HOUR,
        exitAtMs: 100 * HOUR,
      }),
    );
    r.storageEvent("node-return");
    r.storageEvent("node-crash");
    r.storageEvent("node-crash");
    return r.finish();
  }

  it("puts every message in one class and reconciles", () => {
    const { ledger, smtp } = ledgerRun();
    expect(ledger).toMatchObject({
      arrived: 1210,
      storedIntact: 1000,
      deliveredLate: 200,
      recovered: 0,
      silentlyLost: 0,
      corruptedServed: 0,
      bounced: 8,
      bouncedByMx: 5,
      bouncedBySender: 3,
      pending: 2,
      reconciles: true,
    });
    expect(smtp.viaMxSpool).toBe(100);
    expect(smtp.viaSender).toBe(110);
  });

  it("does not reconcile when the arrivals reported on their own channel differ from the classes", () => {
    expect(ledgerRun(1209).ledger).toMatchObject({ arrived: 1209, reconciles: false });
    expect(ledgerRun(1211).ledger.reconciles).toBe(false);
  });

  it("measures the delay after restore and the time queued of late mail", () => {
    const { ledger } = ledgerRun();
    expect(ledger.lateDelay.meanMs).toBeCloseTo(HOUR, 6); // (100 × 0 + 100 × 2 h) / 200
    expect(ledger.lateDelay.p50Ms).toBe(0); // half the mass sits at exactly 0
    expect(ledger.lateDelay.p90Ms).toBeCloseTo(2.6 * HOUR, -3); // 80% into U[1 h, 3 h)
    expect(ledger.lateDelay.maxMs).toBe(3 * HOUR);
    expect(ledger.meanSojournMs).toBeCloseTo(9.5 * HOUR, 6);
  });

  it("sums sojourns of every deferred batch and integrates the same queue in the time domain", () => {
    const { smtp } = ledgerRun();
    // 100 × 9 h + 100 × 10 h + 8 × 48 h + 2 × 10 h = 2304 message-hours.
    expect(smtp.sojournSumMessageMs / HOUR).toBeCloseTo(2304, 9);
    expect(smtp.deferredIntegralMessageMs / HOUR).toBeCloseTo(2304, 9);
  });

  it("counts storage events by kind, keys sorted", () => {
    const { events } = ledgerRun();
    expect(Object.keys(events)).toEqual(["node-crash", "node-return"]);
    expect(events).toEqual({ "node-crash": 2, "node-return": 1 });
  });

  it("rejects a negative or fractional count and a batch with no exit", () => {
    const r = recorder();
    expect(() => r.storedIntact(-1)).toThrow(RangeError);
    expect(() => r.storedIntact(1.5)).toThrow(RangeError);
    expect(() => r.deliveredLate(batch({}))).toThrow(/neither/);
    expect(r.finish().ledger.arrived).toBe(0);
  });
});

describe("RunRecorder deferred queue: Little's law, sample-path form", () => {
  const horizonMs = 60 * DAY;
  type Fate = "deliver" | "bounce-mx" | "bounce-sender" | "pending";
  interface Spec {
    count: number;
    place: WaitPlace;
    startMs: number;
    widthMs: number;
    exit: { shiftMs: number } | { afterEndMs: number };
    fate: Fate;
  }

  const specArb: fc.Arbitrary<Spec> = fc.record({
    count: fc.integer({ min: 1, max: 1_000_000 }),
    place: fc.constantFrom<WaitPlace>("mx-spool", "sender"),
    startMs: fc.double({ min: 0, max: horizonMs / 2, noNaN: true }),
    widthMs: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: horizonMs / 4, noNaN: true })),
    // Exits at least a second after arrival (real retry ages are minutes): a clock near 5e9 ms
    // is rounded to ~5e-7 ms, and a day-long window against a 1 ms shift would lose 1e-9 of
    // the sojourn to that rounding alone. 50,000 random runs of this shape stay below 5e-11.
    exit: fc.oneof(
      fc.record({ shiftMs: fc.double({ min: 1000, max: horizonMs / 4, noNaN: true }) }),
      fc.record({ afterEndMs: fc.double({ min: 1000, max: horizonMs / 4, noNaN: true }) }),
    ),
    fate: fc.constantFrom<Fate>("deliver", "bounce-mx", "bounce-sender", "pending"),
  });

  /** A batch as the model would report it: uniform arrivals, mean at the window's midpoint. */
  function toBatch(spec: Spec): ExitBatch {
    const endMs = spec.startMs + spec.widthMs;
    const common = {
      count: spec.count,
      place: spec.place,
      arrivalStartMs: spec.startMs,
      arrivalEndMs: endMs,
    };
    const arrivalMeanMs = (spec.startMs + endMs) / 2;
    if (spec.fate === "pending")
      return { ...common, arrivalMeanMs, exitAtMs: horizonMs, restoredAtMs: Infinity };
    if ("shiftMs" in spec.exit) {
      const restoredAtMs = spec.startMs + spec.exit.shiftMs;
      return { ...common, arrivalMeanMs, exitShiftMs: spec.exit.shiftMs, restoredAtMs };
    }
    const exitAtMs = endMs + spec.exit.afterEndMs;
    return { ...common, arrivalMeanMs, exitAtMs, restoredAtMs: exitAtMs };
  }

  function report(r: RunRecorder, fate: Fate, batch: ExitBatch): void {
    if (fate === "deliver") r.deliveredLate(batch);
    else if (fate === "pending") r.pendingAtHorizon(batch);
    else r.bounced(batch, fate === "bounce-mx" ? "mx" : "sender");
  }

  function run(specs: Spec[], misreport?: (b: ExitBatch) => ExitBatch) {
    const r = recorder({ horizonMs, timelineStepMs: DAY });
    specs.forEach((spec, i) => {
      const batch = toBatch(spec);
      report(r, spec.fate, i === 0 && misreport ? misreport(batch) : batch);
    });
    return r.finish().smtp;
  }

  it("∫Q dt equals the sum of sojourns to 1e-9 relative on random batches", () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 40 }), (specs) => {
        const smtp = run(specs);
        const gap = Math.abs(smtp.deferredIntegralMessageMs - smtp.sojournSumMessageMs);
        expect(gap).toBeLessThanOrEqual(1e-9 * smtp.sojournSumMessageMs);
      }),
      { seed: 20_230_117, numRuns: 300 },
    );
  });

  it("differs when a batch's exit is misreported past the horizon", () => {
    const specs = fc.sample(fc.array(specArb, { minLength: 5, maxLength: 20 }), { seed: 7, numRuns: 1 })[0]!;
    const first: Spec = { ...specs[0]!, fate: "pending" };
    const overshootMs = 3 * DAY;
    const smtp = run([first, ...specs.slice(1)], (b) => ({ ...b, exitAtMs: horizonMs + overshootMs }));
    const gap = smtp.sojournSumMessageMs - smtp.deferredIntegralMessageMs;
    expect(gap / smtp.sojournSumMessageMs).toBeGreaterThan(1e-6);
    // The integral stops at the horizon; the reported sojourns run on for the overshoot.
    expect(gap / (first.count * overshootMs)).toBeCloseTo(1, 9);
  });
});
