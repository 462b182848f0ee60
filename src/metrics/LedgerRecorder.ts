/**
 * LedgerRecorder: the integrity ledger and the SMTP queue figures. Arrivals come on their own
 * channel (`arrived`, reported by the model where it draws them), and every class method adds
 * only to its class, so `reconciles` — arrived equals the sum of the seven classes — is a
 * real check that fails when the model drops or doubles messages.
 *
 * Deferred batches also feed the late-delay histogram and two independent queue figures that
 * Little's law says are equal: the sum of sojourns (from each batch's mean exit) and ∫Q dt
 * (from its shape, see deferredQueueIntegral.ts).
 *
 * Contract: message counts are non-negative integers; a batch's exit is `exitShiftMs` when
 * given, else `exitAtMs`; a malformed batch throws before it has changed any total; a
 * reclassification of more than a class holds throws.
 */
import type { BounceSource, ExitBatch, FinalClass, StoredClass } from "../model/WorldObserver.js";
import { CompensatedSum } from "./CompensatedSum.js";
import { deferredQueueIntegralMessageMs } from "./deferredQueueIntegral.js";
import { LogHistogram } from "./LogHistogram.js";
import type { Ledger, SmtpQueue } from "./RunMeasurements.js";
import { checkCount } from "./recorderChecks.js";

export class LedgerRecorder {
  private arrivedCount = 0;
  private storedIntactCount = 0;
  private deliveredLateCount = 0;
  private bouncedByMx = 0;
  private bouncedBySender = 0;
  private pendingCount = 0;
  private recoveredCount = 0;
  private silentlyLostCount = 0;
  private corruptedServedCount = 0;
  private viaMxSpool = 0;
  private viaSender = 0;
  private readonly sojournSumMessageMs = new CompensatedSum();
  private readonly deferredIntegralMessageMs = new CompensatedSum();
  private lateSojournSumMessageMs = 0;
  private lateDelaySumMessageMs = 0;
  private readonly lateDelay = new LogHistogram();

  constructor(private readonly horizonMs: number) {}

  arrived(count: number): void {
    checkCount(count);
    this.arrivedCount += count;
  }

  storedIntact(count: number): void {
    checkCount(count);
    this.storedIntactCount += count;
  }

  deliveredLate(batch: ExitBatch): void {
    const sojournMessageMs = this.deferred(batch);
    this.deliveredLateCount += batch.count;
    this.lateSojournSumMessageMs += sojournMessageMs;
    this.lateDelaySumMessageMs += batch.count * (meanExitMs(batch) - batch.restoredAtMs);
    // A delivery before the restore would be a model bug; the histogram cannot hold it.
    const sinceRestore = (ms: number) => Math.max(0, ms - batch.restoredAtMs);
    if (batch.exitShiftMs === undefined) {
      this.lateDelay.add(batch.count, sinceRestore(meanExitMs(batch)));
    } else {
      const lastArrivalMs = Math.max(batch.arrivalStartMs, batch.arrivalEndMs);
      const lowMs = sinceRestore(batch.arrivalStartMs + batch.exitShiftMs);
      this.lateDelay.addUniform(batch.count, lowMs, sinceRestore(lastArrivalMs + batch.exitShiftMs));
    }
  }

  bounced(batch: ExitBatch, source: BounceSource): void {
    this.deferred(batch);
    if (source === "mx") this.bouncedByMx += batch.count;
    else this.bouncedBySender += batch.count;
  }

  pendingAtHorizon(batch: ExitBatch): void {
    this.deferred(batch);
    this.pendingCount += batch.count;
  }

  /** What every deferred batch contributes to the queue figures; returns its sojourn sum. */
  private deferred(batch: ExitBatch): number {
    checkCount(batch.count);
    // Both figures first: a malformed batch throws before it has changed any total.
    const sojournMessageMs =
      batch.exitShiftMs === undefined
        ? batch.count * (meanExitMs(batch) - batch.arrivalMeanMs)
        : batch.count * batch.exitShiftMs;
    const integralMessageMs = deferredQueueIntegralMessageMs(batch, this.horizonMs);
    if (batch.place === "mx-spool") this.viaMxSpool += batch.count;
    else this.viaSender += batch.count;
    this.sojournSumMessageMs.add(sojournMessageMs);
    this.deferredIntegralMessageMs.add(integralMessageMs);
    return sojournMessageMs;
  }

  classified(count: number, ledgerClass: FinalClass): void {
    checkCount(count);
    this.addToClass(ledgerClass, count);
  }

  reclassified(count: number, from: StoredClass | "pending", to: FinalClass): void {
    checkCount(count);
    if (from === "storedIntact") this.storedIntactCount -= count;
    else if (from === "deliveredLate") this.deliveredLateCount -= count;
    else this.pendingCount -= count;
    if (this.storedIntactCount < 0 || this.deliveredLateCount < 0 || this.pendingCount < 0) {
      throw new RangeError(`reclassified ${count} ${from} messages, more than were counted`);
    }
    this.addToClass(to, count);
  }

  private addToClass(ledgerClass: FinalClass, count: number): void {
    if (ledgerClass === "silentlyLost") this.silentlyLostCount += count;
    else if (ledgerClass === "corruptedServed") this.corruptedServedCount += count;
    else if (ledgerClass === "recovered") this.recoveredCount += count;
    else this.pendingCount += count;
  }

  ledger(): Ledger {
    const bounced = this.bouncedByMx + this.bouncedBySender;
    const classes = [
      this.storedIntactCount,
      this.deliveredLateCount,
      this.recoveredCount,
      this.silentlyLostCount,
      this.corruptedServedCount,
      bounced,
      this.pendingCount,
    ];
    const arrived = this.arrivedCount;
    const delivered = this.deliveredLateCount;
    return {
      arrived,
      storedIntact: this.storedIntactCount,
      deliveredLate: delivered,
      recovered: this.recoveredCount,
      silentlyLost: this.silentlyLostCount,
      corruptedServed: this.corruptedServedCount,
      bounced,
      pending: this.pendingCount,
      bouncedByMx: this.bouncedByMx,
      bouncedBySender: this.bouncedBySender,
      reconciles: arrived === classes.reduce((sum, n) => sum + n, 0),
      lateDelay: {
        meanMs: delivered > 0 ? this.lateDelaySumMessageMs / delivered : 0,
        p50Ms: this.lateDelay.quantile(0.5),
        p90Ms: this.lateDelay.quantile(0.9),
        p99Ms: this.lateDelay.quantile(0.99),
        maxMs: this.lateDelay.max,
      },
      meanSojournMs: delivered > 0 ? this.lateSojournSumMessageMs / delivered : 0,
    };
  }

  smtp(): SmtpQueue {
    return {
      deferredIntegralMessageMs: this.deferredIntegralMessageMs.value,
      sojournSumMessageMs: this.sojournSumMessageMs.value,
      viaMxSpool: this.viaMxSpool,
      viaSender: this.viaSender,
    };
  }
}

/** When every message of the batch leaves, on average. */
function meanExitMs(batch: ExitBatch): number {
  if (batch.exitShiftMs !== undefined) return batch.arrivalMeanMs + batch.exitShiftMs;
  if (batch.exitAtMs !== undefined) return batch.exitAtMs;
  throw new RangeError("RunRecorder: ExitBatch has neither exitShiftMs nor exitAtMs");
}
