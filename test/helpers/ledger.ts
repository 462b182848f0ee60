/**
 * The ledger's contract, checked independently of its own `reconciles` flag: every arrived
 * message is in exactly one of the seven classes (docs/model.md#measurements-per-run).
 */
import { expect } from "vitest";
import type { Ledger } from "../../src/metrics/RunMeasurements.js";

export function expectReconciled(ledger: Ledger): void {
  expect(ledger.reconciles).toBe(true);
  const classes =
    ledger.storedIntact +
    ledger.deliveredLate +
    ledger.recovered +
    ledger.silentlyLost +
    ledger.corruptedServed +
    ledger.bounced +
    ledger.pending;
  expect(classes).toBe(ledger.arrived);
}
