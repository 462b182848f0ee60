/**
 * IntegrityRecorder: total data losses, restores from backup and the restore queue — the
 * `integrity` part of a run's measurements. Time to restore data is weighted by the
 * mailboxes of the restored group, from its loss to the restore's (fractional) completion.
 *
 * Dial-tone for blocked storage is counted as "service restored, data pending": the
 * mailbox-hours from each dial-tone to its history's return (or the end of the run).
 *
 * Contract: it records what it is told; the order and causality of these reports are the
 * model's (and the test checkers') business, not this class's.
 */
import { MS_PER_HOUR } from "../engine/time.js";
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
  /** Mailbox-hours of finished dial-tones, and when each open one began (by group). */
  private pendingMailboxMs = 0;
  private readonly pendingSince = new Map<number, { startMs: number; mailboxes: number }>();

  dataLost(timeMs: number, mailboxes: number): void {
    this.dataLossEvents++;
    this.mailboxesWithDataLoss += mailboxes;
    if (this.firstDataLossMs === null) this.firstDataLossMs = timeMs;
  }

  dataRestored(timeMs: number, mailboxes: number, lostAtMs: number): void {
    this.restores++;
    this.dataRestoreTimes.push(timeMs - lostAtMs, mailboxes, timeMs);
  }

  historyPending(timeMs: number, group: number, mailboxes: number, pending: boolean): void {
    if (pending) {
      this.pendingSince.set(group, { startMs: timeMs, mailboxes });
      return;
    }
    const open = this.pendingSince.get(group);
    if (open === undefined) return;
    this.pendingMailboxMs += open.mailboxes * (timeMs - open.startMs);
    this.pendingSince.delete(group);
  }

  restoreQueueTotals(jobsInSystemIntegralMs: number, sojournSumMs: number): void {
    this.restoreQueueIntegralJobMs = jobsInSystemIntegralMs;
    this.restoreSojournSumJobMs = sojournSumMs;
  }

  /** The figures at the end of the run (`endMs`: open dial-tones are counted up to it). */
  integrity(endMs: number): Integrity {
    let pendingMailboxMs = this.pendingMailboxMs;
    for (const open of this.pendingSince.values())
      pendingMailboxMs += open.mailboxes * (endMs - open.startMs);
    return {
      dataLossEvents: this.dataLossEvents,
      mailboxesWithDataLoss: this.mailboxesWithDataLoss,
      firstDataLossMs: this.firstDataLossMs,
      restores: this.restores,
      dataRestore: this.dataRestoreQuantiles(),
      restoreQueueIntegralJobMs: this.restoreQueueIntegralJobMs,
      restoreSojournSumJobMs: this.restoreSojournSumJobMs,
      mailboxHoursDataPending: pendingMailboxMs / MS_PER_HOUR,
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
