/**
 * Dial-tone for blocked storage through the world (issue 12, point 5).
 *
 * test/fixtures/failover/dial-tone-blocked.yaml: 2,000 mailboxes on one copy, every node
 * blocked (data intact) from day 1 until the vendor's fix 48 h later, `service.dialTone.after: 4h`.
 * Before (no dial-tone for blocked storage, only after a data loss): 96,000 mailbox-hours down,
 * every mailbox down 48 h, ~200,000 messages delivered late. Now: 8,000 mailbox-hours down
 * (4 h each), then 88,000 mailbox-hours of "service restored, data pending" (44 h each) until the
 * history is back with the fix; only the first 4 h of mail waits (~16,700 late).
 */
import { describe, expect, it } from "vitest";
import { runChecked } from "../../helpers/checkedRun.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { expectReconciled } from "../../helpers/ledger.js";
import { editedScenario } from "../../helpers/scenarioText.js";

const FILE = "test/fixtures/failover/dial-tone-blocked.yaml";
const MAILBOXES = 2000;
const HOUR_MS = 3_600_000;

describe("dial-tone for blocked storage", () => {
  it("a 48-h block costs 4 h down and 44 h of data pending, not 48 h down", () => {
    const m = runChecked(loadFixture("failover/dial-tone-blocked.yaml")).measurements;
    expect(m.availability.mailboxHoursDown).toBeCloseTo(MAILBOXES * 4, 6);
    expect(m.integrity.mailboxHoursDataPending).toBeCloseTo(MAILBOXES * 44, 6);
    expect(m.timeToRestore.maxMs).toBe(4 * HOUR_MS);
    expect(m.events["dial-tone"]).toBe(20);
    expect(m.events["dial-tone-history-back"]).toBe(20);
    // 2,000 × 50/day × 4 h ≈ 16,667 wait for the dial-tone; the rest is stored at once.
    expect(m.ledger.deliveredLate).toBeGreaterThan(16_000);
    expect(m.ledger.deliveredLate).toBeLessThan(17_300);
    expect(m.ledger.silentlyLost).toBe(0);
    expectReconciled(m.ledger);
  });

  it("a block shorter than `after` gives no dial-tone", () => {
    const m = runChecked(
      editedScenario(FILE, (raw) => {
        raw.backends.store.bugs[0].fix.after = "3h";
      }),
    ).measurements;
    expect(m.availability.mailboxHoursDown).toBeCloseTo(MAILBOXES * 3, 6);
    expect(m.integrity.mailboxHoursDataPending).toBe(0);
    expect(m.events["dial-tone"]).toBeUndefined();
    expectReconciled(m.ledger);
  });

  it("history still pending at the horizon counts up to it", () => {
    const m = runChecked(
      editedScenario(FILE, (raw) => {
        raw.horizon = "2d";
      }),
    ).measurements;
    expect(m.integrity.mailboxHoursDataPending).toBeCloseTo(MAILBOXES * 20, 6);
    expect(m.events["dial-tone-history-back"]).toBeUndefined();
    expectReconciled(m.ledger);
  });

  it("the blocked copy lost during its dial-tone: every message still ends in exactly one class", () => {
    const m = runChecked(
      editedScenario(FILE, (raw) => {
        raw.faults = [{ at: "2d", target: "store/node/0", fault: "node-loss", duration: "6h" }];
        raw.backup = { every: "12h", restoreBandwidth: "100MB/s" };
      }),
    ).measurements;
    expect(m.integrity.dataLossEvents).toBe(5);
    expect(m.ledger.recovered).toBeGreaterThan(0);
    expect(m.events["dial-tone"]).toBe(20);
    expectReconciled(m.ledger);
  });

  it("without the policy a blocked backend stays down for the whole block (96,000 h)", () => {
    const m = runChecked(
      editedScenario(FILE, (raw) => {
        delete raw.service;
      }),
    ).measurements;
    expect(m.availability.mailboxHoursDown).toBeCloseTo(MAILBOXES * 48, 6);
    expect(m.integrity.mailboxHoursDataPending).toBe(0);
    expectReconciled(m.ledger);
  });
});
