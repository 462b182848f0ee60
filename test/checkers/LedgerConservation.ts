/**
 * LedgerConservation: every message that arrives ends in exactly one ledger class. It counts
 * arrivals from the `arrived` channel alone and the classes from the class calls alone; at
 * every call the messages classed so far never exceed those arrived (the model reports an
 * arrival before classing it), and at the end the two are equal. A dropped deferred piece, a
 * double-counted draw or a class call without its arrival breaks one of the two.
 */
import type { ExitBatch, FinalClass } from "../../src/model/WorldObserver.js";
import { Checker } from "./Checker.js";

export class LedgerConservation extends Checker {
  readonly name = "ledger-conservation";
  private arrivedCount = 0;
  private classedCount = 0;

  override arrived(count: number): void {
    this.arrivedCount += count;
  }

  override storedIntact(count: number): void {
    this.classed(count);
  }

  override deliveredLate(batch: ExitBatch): void {
    this.classed(batch.count);
  }

  override bounced(batch: ExitBatch): void {
    this.classed(batch.count);
  }

  override pendingAtHorizon(batch: ExitBatch): void {
    this.classed(batch.count);
  }

  override classified(count: number, _ledgerClass: FinalClass): void {
    this.classed(count);
  }

  private classed(count: number): void {
    this.classedCount += count;
    if (this.classedCount > this.arrivedCount)
      this.fail(`${this.classedCount} messages classed but only ${this.arrivedCount} arrived`);
  }

  override finish(): void {
    if (this.classedCount !== this.arrivedCount)
      this.fail(`${this.arrivedCount} messages arrived but ${this.classedCount} ended in a class`);
  }
}
