/**
 * IntegrityRecorder: total data losses, restores from backup and the restore queue — the
 * `integrity` part of a run's measurements. Time to restore data is weighted by the
 * mailboxes of the restored group, from its loss to the restore's (fractional) completion.
 *
 * Contract: it records what it is told; the order and causality of these reports are the
 * model's (and the test checkers') business, not this class's.
 */
import { EpisodeLog } from "./EpisodeLog.js";
import type { Integrity, Quantiles } from "./RunMeasurements.js";
import { weightedQuantiles } from "./weightedQuantiles.js";

export class IntegrityRecorder {
  private dataLossEvents = 0;
  private restores = 0;
  private readonly dataRestoreTimes = new EpisodeLog();
  private restoreQueueIntegralJobMs = 0;
  private restoreSojournSumJobMs = 0;
  private mailboxesWithDataLoss = 0;
  private firstDataLossMs: number | null = null;

  dataLost(timeMs: number, mailboxes: number): void {
    this.dataLossEvents++;
    this.mailboxesWithDataLoss += mailboxes;
    if (this.firstDataLossMs === null) this.firstDataLossMs = timeMs;
  }

  dataRestored(timeMs: number, mailboxes: number, lostAtMs: number): void {
    this.restores++;
    this.dataRestoreTimes.push(timeMs - lostAtMs, mailboxes, timeMs);
  }

  restoreQueueTotals(jobsInSystemIntegralMs: number, sojournSumMs: number): void {
    this.restoreQueueIntegralJobMs = jobsInSystemIntegralMs;
    this.restoreSojournSumJobMs = sojournSumMs;
  }

  integrity(): Integrity {
    return {
      dataLossEvents: this.dataLossEvents,
      mailboxesWithDataLoss: this.mailboxesWithDataLoss,
      firstDataLossMs: this.firstDataLossMs,
      restores: this.restores,
      dataRestore: this.dataRestoreQuantiles(),
      restoreQueueIntegralJobMs: this.restoreQueueIntegralJobMs,
      restoreSojournSumJobMs: this.restoreSojournSumJobMs,
    };
  }

  private dataRestoreQuantiles(): Quantiles {
    const log = this.dataRestoreTimes;
    const durationMs = log.durationMs.subarray(0, log.length);
    const weight = log.weight.subarray(0, log.length);
    const { weight: total, weightedDurationMs: weighted } = log.totals();
    if (total === 0) return { meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };
    const [p50Ms, p90Ms, p99Ms, maxMs] = weightedQuantiles(durationMs, weight, [0.5, 0.9, 0.99, 1]) as [
      number,
      number,
      number,
      number,
    ];
    return { meanMs: weighted / total, p50Ms, p90Ms, p99Ms, maxMs };
  }
}
