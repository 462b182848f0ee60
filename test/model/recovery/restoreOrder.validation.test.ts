/**
 * Restores through the real loader and model (docs/validation.md#restoring-mailboxes): the exact completion
 * times of a known list under smallest-first, largest-first and processor sharing; restore
 * order on mailbox-hours unavailable at N = 10,000 (smallest-first beats fifo beats
 * largest-first, each within 4% of its large-N limit); and Little's law for the restore
 * queue. Every loss is fully backed up, so every lost message is recovered.
 */
import { describe, expect, it } from "vitest";
import { runFixture } from "../../helpers/fixtures.js";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("restore of a known list (docs/validation.md#restoring-a-known-list, exact)", () => {
  const table = [
    { order: "smallest-first", timesS: [5, 15, 25, 45, 75, 125, 205, 405], meanS: 112.5 },
    { order: "largest-first", timesS: [200, 280, 330, 360, 380, 390, 400, 405], meanS: 343.125 },
    { order: "processor-sharing", timesS: [40, 75, 75, 125, 165, 225, 285, 405], meanS: 174.375 },
  ];
  for (const row of table) {
    it(`${row.order}: completion times ${row.timesS.join(", ")} s (mean ${row.meanS} s)`, () => {
      const trace: Record<string, number | string | null>[] = [];
      const { integrity, ledger } = runFixture(`validation/restore-list-${row.order}.yaml`, {
        trace: (record) => trace.push(record),
      }).measurements;
      expect(integrity.restores).toBe(8);
      expect(relative(integrity.dataRestore.meanMs / 1000, row.meanS)).toBeLessThan(1e-9);
      expect(relative(integrity.dataRestore.maxMs / 1000, 405)).toBeLessThan(1e-9);
      const completions = trace.filter((r) => r.event === "restore-complete").length;
      expect(completions).toBe(8);
      expect(ledger.silentlyLost).toBe(0);
      expect(ledger.reconciles).toBe(true);
    });
  }
});

describe("restore order on mailbox-hours unavailable (docs/validation.md#restore-order-for-many-mailboxes)", () => {
  const expected = { "smallest-first": 13_888.9, fifo: 27_777.8, "largest-first": 41_666.7 };
  const measured: Record<string, number> = {};
  for (const [order, hours] of Object.entries(expected)) {
    it(`${order}: ${hours} mailbox-hours within 4%`, () => {
      const { availability, integrity } = runFixture(`validation/restore-order-${order}.yaml`).measurements;
      measured[order] = availability.mailboxHoursDown;
      expect(integrity.restores).toBe(10_000);
      expect(relative(availability.mailboxHoursDown, hours)).toBeLessThan(0.04);
    });
  }
  it("smallest-first beats fifo, which beats largest-first", () => {
    expect(measured["smallest-first"]).toBeLessThan(measured.fifo!);
    expect(measured.fifo).toBeLessThan(measured["largest-first"]!);
  });
});

describe("Little's law for the restore queue (docs/validation.md#littles-law)", () => {
  it("∫(restores in system) dt equals Σ restore sojourns once the queue has drained", () => {
    for (const order of ["smallest-first", "processor-sharing"]) {
      const { integrity } = runFixture(`validation/restore-list-${order}.yaml`).measurements;
      expect(integrity.restoreSojournSumJobMs).toBeGreaterThan(0);
      expect(relative(integrity.restoreQueueIntegralJobMs, integrity.restoreSojournSumJobMs)).toBeLessThan(
        1e-9,
      );
    }
  });
});
