/**
 * ProtectionGroups through the world: a degraded primary — read-only (ENOSPC, a `read-only`
 * bug) or slow past the timeout — fails over to a writable copy after the same detection delay
 * as a crash, and the degraded copy rejoins once it heals (issue 12, point 1).
 *
 * test/fixtures/failover/read-only-primary.yaml: 20,000 mailboxes of 75 messages a day on two
 * synchronous replicas (`a` serving, `b`), every node of `a` full for 2 days from day 1,
 * detection 2 min. Before the fix the groups served read-only from `a` for all 48 h:
 * 960,000 mailbox-hours write-down and 2,999,570 messages delivered late (seed 12), against
 * 667 h for a crash of `a`. Now both cost 20,000 × 2 min = 666.7 h.
 *
 * test/fixtures/failover/mirror-read-only.yaml: a mirror migration whose target trips a
 * `read-only` bug: 76,700 mailbox-hours write-down before (~100× the 750 h of the same bug
 * with effect `blocked`), 700 h now (14 units of 100 mailboxes × the 30-min detection; the
 * unit whose landing tripped the bug no longer cuts over onto the read-only target, point 2).
 */
import { describe, expect, it } from "vitest";
import { runChecked } from "../../helpers/checkedRun.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { expectReconciled } from "../../helpers/ledger.js";
import { editedScenario } from "../../helpers/scenarioText.js";

const FILE = "test/fixtures/failover/read-only-primary.yaml";
const MAILBOXES = 20_000;
const DETECTION_H = 2 / 60;
const HOUR_MS = 3_600_000;

// biome-ignore lint/suspicious/noExplicitAny: raw YAML is untyped; tests edit it freely
function runWith(change: (raw: Record<string, any>) => void) {
  return runChecked(editedScenario(FILE, change)).measurements;
}

function events(m: { events: Record<string, number> }, kind: string): number {
  return m.events[kind] ?? 0;
}

describe("a read-only primary fails over (issue 12, point 1)", () => {
  it("2 days of ENOSPC on the serving backend cost the detection delay, as a crash does: 667 h, not 960,000 h", () => {
    const full = runChecked(loadFixture("failover/read-only-primary.yaml")).measurements;
    expect(full.availability.mailboxHoursWriteDown).toBeCloseTo(MAILBOXES * DETECTION_H, 6);
    expect(full.availability.mailboxHoursReadDown).toBe(0); // read-only serves reads meanwhile
    expect(events(full, "failover")).toBe(40);
    // Only the 2 minutes' mail waits: 20,000 × 75/day × 2 min ≈ 2,083, not ~3 M.
    expect(full.ledger.deliveredLate).toBeLessThan(2_300);
    expectReconciled(full.ledger);

    const crashed = runWith((raw) => {
      raw.faults[0].fault = "crash";
    });
    expect(crashed.availability.mailboxHoursWriteDown).toBeCloseTo(
      full.availability.mailboxHoursWriteDown,
      6,
    );
  });

  it("fail-slow past the timeout (50 ≥ 20) is detected and failed over like a crash", () => {
    const slow = runWith((raw) => {
      raw.faults[0] = { ...raw.faults[0], fault: "fail-slow", factor: 50 };
    });
    expect(slow.availability.mailboxHoursDown).toBeCloseTo(MAILBOXES * DETECTION_H, 6);
    expect(events(slow, "failover")).toBe(40);
    expectReconciled(slow.ledger);
  });

  it("the healed copy rejoins: a crash of `b` after the ENOSPC ends fails writes back to `a`", () => {
    const m = runWith((raw) => {
      raw.faults.push({ at: "3d 12h", target: "b", fault: "crash", duration: "1h" });
    });
    expect(events(m, "failover")).toBe(80);
    expect(m.availability.mailboxHoursWriteDown).toBeCloseTo(2 * MAILBOXES * DETECTION_H, 6);
    expect(m.timeToRestore.maxMs).toBe(2 * 60_000);
    expectReconciled(m.ledger);
  });

  it("with no writable copy left the group serves read-only and does not fail over", () => {
    const m = runWith((raw) => {
      raw.faults.push({ at: "1d", target: "b", fault: "enospc", duration: "2d" });
    });
    expect(events(m, "failover")).toBe(0);
    expect(m.availability.mailboxHoursWriteDown).toBeCloseTo(MAILBOXES * 48, 6);
    expect(m.availability.mailboxHoursReadDown).toBe(0);
    expect(m.timeToRestore.maxMs).toBe(48 * HOUR_MS);
    expectReconciled(m.ledger);
  });

  it("with a write quorum of 2 of 3 copies, one read-only copy leaves writes up (before: read-only 48 h)", () => {
    const m = runWith((raw) => {
      raw.backends.c = raw.backends.b;
      raw.protection = { ...raw.protection, copies: ["a", "b", "c"], quorum: 2 };
    });
    expect(m.availability.mailboxHoursDown).toBe(0);
    expectReconciled(m.ledger);
  });

  it("a mirror under a read-only bug costs what it costs under a blocking one: 700 h, not 76,700 h", () => {
    const readOnly = runChecked(loadFixture("failover/mirror-read-only.yaml")).measurements;
    expect(readOnly.availability.mailboxHoursWriteDown).toBeCloseTo(1400 * 0.5, 6);
    expect(readOnly.availability.mailboxHoursReadDown).toBe(0);
    expect(readOnly.availability.mailboxesDownOver["1h"]).toBe(0);
    const blocked = runChecked(
      editedScenario("test/fixtures/failover/mirror-read-only.yaml", (raw) => {
        raw.backends.vendor.bugs[0].effect = "blocked";
      }),
    ).measurements;
    expect(readOnly.availability.mailboxHoursDown).toBeCloseTo(blocked.availability.mailboxHoursDown, 6);
    expectReconciled(readOnly.ledger);
  });
});
