/**
 * The run recorder: turns what the world reports during one run into its measurements.
 *
 * The model calls the `WorldObserver` methods as things happen; `finish()` at the horizon
 * returns the `RunMeasurements` of docs/model.md#measurements-per-run. Nothing is sampled: every figure is an exact
 * integral or sum over the reported state changes, so its cost grows with state changes, not
 * with mailboxes or messages.
 *
 * Availability is a step function of time. The recorder keeps the fleet's current totals
 * (mailboxes unavailable, unreadable, logins unavailable) and, whenever time advances,
 * charges them for the interval just ended. The totals are right-continuous: the state "at
 * t" is the state after every change reported at t, so a group that goes down and another
 * that comes back at the same millisecond never add up to a peak that no one saw.
 *
 * Outage episodes are per protection group: one starts when the group leaves Up and ends when
 * it returns to Up (ReadOnly ↔ Down inside it does not end it). An episode stands for every
 * mailbox of the group, weighted by the group's mailbox count when the episode ends (or at
 * the horizon, if still open): the mailboxes that were down when service came back.
 *
 * Message batches feed the ledger, the late-delay histogram and, for the deferred queue, two
 * independent figures that Little's law says are equal: the sum of sojourns (from each
 * batch's mean exit) and ∫Q dt (from its shape, see deferredQueueIntegral.ts).
 *
 * Contract:
 * - Group state lives in typed arrays indexed by group; episodes in growable typed arrays.
 * - Time never goes backwards and never passes the horizon: `accessChanged` and
 *   `groupResized` at an earlier time than a previous call, or after the horizon, throw.
 *   A `from` that disagrees with the recorded access throws too: it is a model bug.
 * - Message counts are non-negative integers; a batch's exit is `exitShiftMs` when given,
 *   else `exitAtMs`.
 * - `finish()` is called once; the recorder accepts nothing afterwards.
 */

import { MS_PER_HOUR } from "../engine/time.js";
import type {
  Access,
  BounceSource,
  ExitBatch,
  FinalClass,
  StoredClass,
  WorldObserver,
} from "../model/WorldObserver.js";
import { CompensatedSum } from "./CompensatedSum.js";
import { deferredQueueIntegralMessageMs } from "./deferredQueueIntegral.js";
import { LogHistogram } from "./LogHistogram.js";
import type {
  Availability,
  Ledger,
  Quantiles,
  RecordedMeasurements,
  SmtpQueue,
  TimeToRestore,
} from "./RunMeasurements.js";
import { weightedQuantiles } from "./weightedQuantiles.js";

// Metrics may only import types from the model, so the access codes are restated here; the
// annotations make tsc fail if the model ever renumbers them.
const UP: (typeof Access)["Up"] = 0;
const READ_ONLY: (typeof Access)["ReadOnly"] = 1;
const DOWN: (typeof Access)["Down"] = 2;
const ACCESS_NAMES = ["Up", "ReadOnly", "Down"] as const;

/** A timeline this long would cost more memory than the run itself: the step is a mistake. */
const MAX_TIMELINE_SAMPLES = 10_000_000;

export interface RunRecorderOptions {
  horizonMs: number;
  timelineStepMs: number;
  /** Fleet size: the denominator of fleet availability. */
  mailboxes: number;
  /** Fleet logins per day: the denominator of login-weighted availability. */
  loginsPerDayTotal: number;
  groupCount: number;
  initialGroupMailboxes: Int32Array | number[];
  initialGroupLoginsPerDay: Float64Array | number[];
}

/** Restored episodes as three parallel growable columns; never an object per episode. */
class EpisodeLog {
  length = 0;
  durationMs = new Float64Array(64);
  weight = new Float64Array(64);
  endMs = new Float64Array(64);

  push(durationMs: number, weight: number, endMs: number): void {
    if (this.length === this.durationMs.length) this.grow();
    this.durationMs[this.length] = durationMs;
    this.weight[this.length] = weight;
    this.endMs[this.length] = endMs;
    this.length++;
  }

  private grow(): void {
    const grown = (old: Float64Array) => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.durationMs = grown(this.durationMs);
    this.weight = grown(this.weight);
    this.endMs = grown(this.endMs);
  }
}

export class RunRecorder implements WorldObserver {
  private readonly horizonMs: number;
  private readonly fleetMailboxes: number;
  private readonly fleetLoginsPerDay: number;
  private readonly groupCount: number;

  // Per group.
  private readonly access: Uint8Array;
  private readonly groupMailboxes: Float64Array;
  private readonly groupLoginsPerDay: Float64Array;
  private readonly episodeStartMs: Float64Array;
  private readonly longestEpisodeMs: Float64Array; // −1: never out
  private readonly mailboxesAtLongest: Float64Array;
  /** The most mailboxes the group had in any of its outages: what it adds to the affected count. */
  private readonly affectedMailboxes: Float64Array;

  // Fleet totals now, and their integrals up to `nowMs`.
  private nowMs = 0;
  private groupsUnavailable = 0;
  private groupsUnreadable = 0;
  private mailboxesUnavailable = 0;
  private mailboxesUnreadable = 0;
  private loginsPerDayUnavailable = 0;
  private unavailableMailboxMs = 0;
  private unreadableMailboxMs = 0;
  private unavailableLoginsPerDayMs = 0;
  private peakMailboxesUnavailable = 0;
  private readonly timelineStepMs: number;
  private readonly timeline: Float64Array;
  private timelineFilled = 0;

  // Episodes.
  private readonly restored = new EpisodeLog();
  private unrestoredMailboxes = 0;
  private earliestEpisodeStartMs = Number.POSITIVE_INFINITY;

  // Messages. `arrivedCount` is tallied apart from the classes, so that the ledger's
  // reconciliation checks the recorder's own bookkeeping.
  private arrivedCount = 0;
  private storedIntactCount = 0;
  private deliveredLateCount = 0;
  private bouncedByMx = 0;
  private bouncedBySender = 0;
  private pendingCount = 0;
  private recoveredCount = 0;
  private silentlyLostCount = 0;
  private corruptedServedCount = 0;
  private dataLossEvents = 0;
  private restores = 0;
  private readonly dataRestoreTimes = new EpisodeLog();
  private restoreQueueIntegralJobMs = 0;
  private restoreSojournSumJobMs = 0;
  private mailboxesWithDataLoss = 0;
  private firstDataLossMs: number | null = null;
  private viaMxSpool = 0;
  private viaSender = 0;
  private readonly sojournSumMessageMs = new CompensatedSum();
  private readonly deferredIntegralMessageMs = new CompensatedSum();
  private lateSojournSumMessageMs = 0;
  private lateDelaySumMessageMs = 0;
  private readonly lateDelay = new LogHistogram();

  private readonly events = new Map<string, number>();
  private finished = false;

  constructor(options: RunRecorderOptions) {
    const { horizonMs, timelineStepMs, groupCount } = options;
    checkNonNegative("horizonMs", horizonMs);
    if (!(timelineStepMs > 0) || horizonMs / timelineStepMs >= MAX_TIMELINE_SAMPLES) {
      throw new RangeError(`RunRecorder: timelineStepMs ${timelineStepMs} for a horizon of ${horizonMs} ms`);
    }
    checkNonNegative("mailboxes", options.mailboxes);
    checkNonNegative("loginsPerDayTotal", options.loginsPerDayTotal);
    if (!Number.isInteger(groupCount) || groupCount < 0) {
      throw new RangeError(`RunRecorder: groupCount is ${groupCount}`);
    }
    for (const name of ["initialGroupMailboxes", "initialGroupLoginsPerDay"] as const) {
      if (options[name].length !== groupCount) {
        throw new RangeError(
          `RunRecorder: ${name} has ${options[name].length} entries for ${groupCount} groups`,
        );
      }
    }
    this.horizonMs = horizonMs;
    this.fleetMailboxes = options.mailboxes;
    this.fleetLoginsPerDay = options.loginsPerDayTotal;
    this.groupCount = groupCount;
    this.access = new Uint8Array(groupCount);
    this.groupMailboxes = Float64Array.from(options.initialGroupMailboxes);
    this.groupLoginsPerDay = Float64Array.from(options.initialGroupLoginsPerDay);
    this.episodeStartMs = new Float64Array(groupCount);
    this.longestEpisodeMs = new Float64Array(groupCount).fill(-1);
    this.mailboxesAtLongest = new Float64Array(groupCount);
    this.affectedMailboxes = new Float64Array(groupCount);
    this.timelineStepMs = timelineStepMs;
    this.timeline = new Float64Array(Math.floor(horizonMs / timelineStepMs) + 1);
  }

  // ── Groups ──────────────────────────────────────────────────────────────────────────────

  accessChanged(
    timeMs: number,
    group: number,
    from: Access,
    to: Access,
    mailboxes: number,
    loginsPerDay: number,
  ): void {
    this.advanceTo(timeMs);
    this.checkGroup(group, mailboxes, loginsPerDay);
    if (to !== UP && to !== READ_ONLY && to !== DOWN) throw new RangeError(`RunRecorder: access ${to}`);
    const was = this.access[group] as Access;
    if (was !== from) {
      throw new Error(
        `RunRecorder: group ${group} is ${ACCESS_NAMES[was]}, reported as ${ACCESS_NAMES[from]}`,
      );
    }
    this.setGroup(group, to, mailboxes, loginsPerDay);
    if (from === UP && to !== UP) this.episodeStartMs[group] = timeMs;
    if (from !== UP && to === UP) this.closeEpisode(group, timeMs, true);
  }

  groupResized(timeMs: number, group: number, mailboxes: number, loginsPerDay: number): void {
    this.advanceTo(timeMs);
    this.checkGroup(group, mailboxes, loginsPerDay);
    this.setGroup(group, this.access[group] as Access, mailboxes, loginsPerDay);
  }

  /** Charges the fleet's current state for [nowMs, timeMs) and samples the timeline in it. */
  private advanceTo(timeMs: number): void {
    this.checkOpen();
    if (!(timeMs >= this.nowMs && timeMs <= this.horizonMs)) {
      throw new RangeError(`RunRecorder: time ${timeMs} ms is outside [${this.nowMs}, ${this.horizonMs}]`);
    }
    if (timeMs === this.nowMs) return;
    this.sampleTimelineBefore(timeMs);
    const elapsedMs = timeMs - this.nowMs;
    this.unavailableMailboxMs += this.mailboxesUnavailable * elapsedMs;
    this.unreadableMailboxMs += this.mailboxesUnreadable * elapsedMs;
    this.unavailableLoginsPerDayMs += this.loginsPerDayUnavailable * elapsedMs;
    this.peakMailboxesUnavailable = Math.max(this.peakMailboxesUnavailable, this.mailboxesUnavailable);
    this.nowMs = timeMs;
  }

  /** Samples at k·step < timeMs see the state that held since the last change. */
  private sampleTimelineBefore(timeMs: number): void {
    const samples = this.timeline;
    while (this.timelineFilled < samples.length && this.timelineFilled * this.timelineStepMs < timeMs) {
      samples[this.timelineFilled++] = this.mailboxesUnavailable;
    }
  }

  private setGroup(group: number, access: Access, mailboxes: number, loginsPerDay: number): void {
    this.countGroup(group, -1);
    this.access[group] = access;
    this.groupMailboxes[group] = mailboxes;
    this.groupLoginsPerDay[group] = loginsPerDay;
    this.countGroup(group, +1);
  }

  /** Adds (sign +1) or removes (−1) a group's share of the fleet totals. */
  private countGroup(group: number, sign: 1 | -1): void {
    const access = this.access[group];
    if (access === UP) return;
    this.groupsUnavailable += sign;
    this.mailboxesUnavailable += sign * this.groupMailboxes[group]!;
    this.loginsPerDayUnavailable += sign * this.groupLoginsPerDay[group]!;
    if (access === DOWN) {
      this.groupsUnreadable += sign;
      this.mailboxesUnreadable += sign * this.groupMailboxes[group]!;
    }
    // Running sums of non-integers drift; when nothing is out they are exactly zero again.
    if (this.groupsUnavailable === 0) this.mailboxesUnavailable = this.loginsPerDayUnavailable = 0;
    if (this.groupsUnreadable === 0) this.mailboxesUnreadable = 0;
  }

  private closeEpisode(group: number, endMs: number, restored: boolean): void {
    const startMs = this.episodeStartMs[group]!;
    const durationMs = endMs - startMs;
    const weight = this.groupMailboxes[group]!;
    // A change and its undoing in the same instant (an instant failover) is no outage.
    if (durationMs === 0 && restored) return;
    if (durationMs > this.longestEpisodeMs[group]!) {
      this.longestEpisodeMs[group] = durationMs;
      this.mailboxesAtLongest[group] = weight;
    }
    this.affectedMailboxes[group] = Math.max(this.affectedMailboxes[group]!, weight);
    if (weight > 0) this.earliestEpisodeStartMs = Math.min(this.earliestEpisodeStartMs, startMs);
    if (restored) this.restored.push(durationMs, weight, endMs);
    else this.unrestoredMailboxes += weight;
  }

  private checkOpen(): void {
    if (this.finished) throw new Error("RunRecorder: finish() was already called");
  }

  private checkGroup(group: number, mailboxes: number, loginsPerDay: number): void {
    if (!Number.isInteger(group) || group < 0 || group >= this.groupCount) {
      throw new RangeError(`RunRecorder: group ${group} is not in [0, ${this.groupCount})`);
    }
    checkNonNegative("mailboxes", mailboxes);
    checkNonNegative("loginsPerDay", loginsPerDay);
  }

  // ── Messages ────────────────────────────────────────────────────────────────────────────

  storedIntact(count: number): void {
    this.checkOpen();
    checkCount(count);
    this.arrivedCount += count;
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
    this.checkOpen();
    checkCount(batch.count);
    // Both figures first: a malformed batch throws before it has changed any total.
    const sojournMessageMs =
      batch.exitShiftMs === undefined
        ? batch.count * (meanExitMs(batch) - batch.arrivalMeanMs)
        : batch.count * batch.exitShiftMs;
    const integralMessageMs = deferredQueueIntegralMessageMs(batch, this.horizonMs);
    this.arrivedCount += batch.count;
    if (batch.place === "mx-spool") this.viaMxSpool += batch.count;
    else this.viaSender += batch.count;
    this.sojournSumMessageMs.add(sojournMessageMs);
    this.deferredIntegralMessageMs.add(integralMessageMs);
    return sojournMessageMs;
  }

  classified(count: number, ledgerClass: FinalClass): void {
    this.checkOpen();
    checkCount(count);
    this.arrivedCount += count;
    this.addToClass(ledgerClass, count);
  }

  reclassified(count: number, from: StoredClass | "pending", to: FinalClass): void {
    this.checkOpen();
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

  dataRestored(timeMs: number, _group: number, mailboxes: number, lostAtMs: number): void {
    this.checkOpen();
    this.restores++;
    this.dataRestoreTimes.push(timeMs - lostAtMs, mailboxes, timeMs);
  }

  restoreQueueTotals(jobsInSystemIntegralMs: number, sojournSumMs: number): void {
    this.checkOpen();
    this.restoreQueueIntegralJobMs = jobsInSystemIntegralMs;
    this.restoreSojournSumJobMs = sojournSumMs;
  }

  dataLost(timeMs: number, _group: number, mailboxes: number): void {
    this.checkOpen();
    this.dataLossEvents++;
    this.mailboxesWithDataLoss += mailboxes;
    if (this.firstDataLossMs === null) this.firstDataLossMs = timeMs;
  }

  storageEvent(kind: string): void {
    this.checkOpen();
    this.events.set(kind, (this.events.get(kind) ?? 0) + 1);
  }

  // ── Results ─────────────────────────────────────────────────────────────────────────────

  finish(): RecordedMeasurements {
    this.advanceTo(this.horizonMs);
    this.sampleTimelineBefore(Number.POSITIVE_INFINITY); // the samples at exactly the horizon
    this.peakMailboxesUnavailable = Math.max(this.peakMailboxesUnavailable, this.mailboxesUnavailable);
    for (let group = 0; group < this.groupCount; group++) {
      if (this.access[group] !== UP) this.closeEpisode(group, this.horizonMs, false);
    }
    this.finished = true;
    const events = [...this.events.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      ledger: this.ledger(),
      smtp: this.smtp(),
      availability: this.availability(),
      timeToRestore: this.timeToRestore(),
      integrity: {
        dataLossEvents: this.dataLossEvents,
        mailboxesWithDataLoss: this.mailboxesWithDataLoss,
        firstDataLossMs: this.firstDataLossMs,
        restores: this.restores,
        dataRestore: this.dataRestoreQuantiles(),
        restoreQueueIntegralJobMs: this.restoreQueueIntegralJobMs,
        restoreSojournSumJobMs: this.restoreSojournSumJobMs,
      },
      events: Object.fromEntries(events),
    };
  }

  private ledger(): Ledger {
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

  private smtp(): SmtpQueue {
    return {
      deferredIntegralMessageMs: this.deferredIntegralMessageMs.value,
      sojournSumMessageMs: this.sojournSumMessageMs.value,
      viaMxSpool: this.viaMxSpool,
      viaSender: this.viaSender,
    };
  }

  private availability(): Availability {
    const fleetMs = this.fleetMailboxes * this.horizonMs;
    const loginsMs = this.fleetLoginsPerDay * this.horizonMs;
    return {
      mailboxHoursDown: this.unavailableMailboxMs / MS_PER_HOUR,
      mailboxHoursReadDown: this.unreadableMailboxMs / MS_PER_HOUR,
      mailboxHoursWriteDown: this.unavailableMailboxMs / MS_PER_HOUR,
      fleetAvailability: fleetMs > 0 ? 1 - this.unavailableMailboxMs / fleetMs : 1,
      loginWeightedAvailability: loginsMs > 0 ? 1 - this.unavailableLoginsPerDayMs / loginsMs : 1,
      peakMailboxesDown: this.peakMailboxesUnavailable,
      mailboxesDownOver: {
        "1h": this.mailboxesWithEpisodeOver(MS_PER_HOUR),
        "24h": this.mailboxesWithEpisodeOver(24 * MS_PER_HOUR),
        "72h": this.mailboxesWithEpisodeOver(72 * MS_PER_HOUR),
      },
      timeline: { stepMs: this.timelineStepMs, mailboxesDown: Array.from(this.timeline) },
    };
  }

  private mailboxesWithEpisodeOver(thresholdMs: number): number {
    let mailboxes = 0;
    for (let group = 0; group < this.groupCount; group++) {
      if (this.longestEpisodeMs[group]! > thresholdMs) mailboxes += this.mailboxesAtLongest[group]!;
    }
    return mailboxes;
  }

  private dataRestoreQuantiles(): Quantiles {
    const log = this.dataRestoreTimes;
    const durationMs = log.durationMs.subarray(0, log.length);
    const weight = log.weight.subarray(0, log.length);
    let total = 0;
    let weighted = 0;
    for (let i = 0; i < log.length; i++) {
      total += weight[i]!;
      weighted += weight[i]! * durationMs[i]!;
    }
    if (total === 0) return { meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };
    const [p50Ms, p90Ms, p99Ms, maxMs] = weightedQuantiles(durationMs, weight, [0.5, 0.9, 0.99, 1]) as [
      number,
      number,
      number,
      number,
    ];
    return { meanMs: weighted / total, p50Ms, p90Ms, p99Ms, maxMs };
  }

  private timeToRestore(): TimeToRestore {
    const log = this.restored;
    const durationMs = log.durationMs.subarray(0, log.length);
    const weight = log.weight.subarray(0, log.length);
    const endMs = log.endMs.subarray(0, log.length);
    let episodes = 0;
    let weightedDurationMs = 0;
    for (let i = 0; i < log.length; i++) {
      episodes += weight[i]!;
      weightedDurationMs += weight[i]! * durationMs[i]!;
    }
    const mailboxEpisodes = episodes + this.unrestoredMailboxes;
    let affectedMailboxes = 0;
    for (let group = 0; group < this.groupCount; group++) affectedMailboxes += this.affectedMailboxes[group]!;
    const quantiles =
      episodes > 0 ? weightedQuantiles(durationMs, weight, [0.5, 0.9, 0.99, 1]) : [0, 0, 0, 0];
    const curve =
      mailboxEpisodes > 0
        ? weightedQuantiles(endMs, weight, [0.5, 0.9, 0.99, 1], mailboxEpisodes)
        : [0, 0, 0, 0];
    const sinceFirstStart = (reachedMs: number) =>
      mailboxEpisodes === 0 ? 0 : Number.isFinite(reachedMs) ? reachedMs - this.earliestEpisodeStartMs : null;
    return {
      meanMs: episodes > 0 ? weightedDurationMs / episodes : 0,
      p50Ms: quantiles[0]!,
      p90Ms: quantiles[1]!,
      p99Ms: quantiles[2]!,
      maxMs: quantiles[3]!,
      episodes,
      affectedMailboxes,
      unrestoredAtHorizon: this.unrestoredMailboxes,
      fleetCurve: {
        t50Ms: sinceFirstStart(curve[0]!),
        t90Ms: sinceFirstStart(curve[1]!),
        t99Ms: sinceFirstStart(curve[2]!),
        t100Ms: sinceFirstStart(curve[3]!),
      },
    };
  }
}

/** When every message of the batch leaves, on average. */
function meanExitMs(batch: ExitBatch): number {
  if (batch.exitShiftMs !== undefined) return batch.arrivalMeanMs + batch.exitShiftMs;
  if (batch.exitAtMs !== undefined) return batch.exitAtMs;
  throw new RangeError("RunRecorder: ExitBatch has neither exitShiftMs nor exitAtMs");
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`RunRecorder: a message count must be a non-negative integer; found ${count}`);
  }
}

function checkNonNegative(what: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`RunRecorder: ${what} is ${value}`);
}
