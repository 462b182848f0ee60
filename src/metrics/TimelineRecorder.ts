/**
 * TimelineRecorder: the observer that keeps a run's time series for the HTML reports —
 * mailboxes down (read and write), the MX spool and the senders' deferred queues, the share
 * migrated — plus the periods worth shading (explicit faults, OS bugs from trip to fix, the
 * vendor's reopening) and the moments worth a rule (first incident, abort, completion, data
 * loss), and the distribution of restored episodes' durations.
 *
 * It sits beside the RunRecorder (teeObservers.ts), not inside it: the figures a run prints
 * do not depend on whether anyone draws them. State changes are charged to a bounded grid of
 * buckets as exact integrals (BucketIntegrals.ts); deferred batches, reported when they leave
 * the queue, add their queue shape as the same linear pieces whose integral the RunRecorder
 * checks against Little's law (deferredQueueIntegral.ts).
 *
 * Contract: the same calls in the same order give the same timeline (no clock, no unordered
 * iteration). The bucket width is a round duration chosen so that there are at most
 * `maxPoints` buckets. Periods and marks are kept up to a fixed count (the first ones), so
 * the size stays bounded however many faults a scenario repeats. It does not check the
 * world's reports: the RunRecorder does.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "../engine/time.js";
import type { Access, BounceSource, ExitBatch, WorldObserver } from "../model/WorldObserver.js";
import { BucketIntegrals } from "./BucketIntegrals.js";
import { forEachQueuePiece } from "./deferredQueueIntegral.js";
import {
  MAX_TIMELINE_PERIODS,
  type RunTimeline,
  type TimelineMark,
  type TimelinePeriod,
  TTR_PROBABILITIES,
} from "./RunTimeline.js";
import { DOWN, UP } from "./recorderChecks.js";
import { weightedQuantiles } from "./weightedQuantiles.js";

const MARK_LABELS: Readonly<Record<string, string>> = {
  "rollout-incident": "first incident on the target",
  "rollout-aborted": "rollout aborted",
  "rollout-complete": "migration complete",
  "data-loss": "first data loss",
};

/** Bucket widths a reader can count in. */
const ROUND_STEPS_MS = [1, 5, 15, 30]
  .map((m) => m * MS_PER_MINUTE)
  .concat(
    [1, 2, 3, 6, 12].map((h) => h * MS_PER_HOUR),
    [1, 2, 7, 14, 28].map((d) => d * MS_PER_DAY),
  );

export interface TimelineRecorderOptions {
  horizonMs: number;
  mailboxes: number;
  groupCount: number;
  initialGroupMailboxes: ArrayLike<number>;
  /** At most this many points per series. */
  maxPoints: number;
  /** Periods known before the run (the scenario's explicit faults). */
  faults?: readonly TimelinePeriod[];
}

export class TimelineRecorder implements WorldObserver {
  private readonly horizonMs: number;
  private readonly fleetMailboxes: number;
  private readonly access: Uint8Array;
  private readonly groupMailboxes: Float64Array;
  private readonly onTarget: Uint8Array;
  private readonly episodeStartMs: Float64Array;
  private readonly readDown: BucketIntegrals;
  private readonly writeDown: BucketIntegrals;
  private readonly spool: BucketIntegrals;
  private readonly senders: BucketIntegrals;
  private readonly migrated: BucketIntegrals;
  private nowMs = 0;
  private readDownNow = 0;
  private writeDownNow = 0;
  private migratedNow = 0;
  private readonly episodeDurationsMs: number[] = [];
  private readonly episodeWeights: number[] = [];
  private readonly periods: TimelinePeriod[];
  private readonly openBug = new Map<string, TimelinePeriod>();
  private readonly reopening = new Map<string, TimelinePeriod>();
  private readonly marks: TimelineMark[] = [];

  constructor(options: TimelineRecorderOptions) {
    const { horizonMs, groupCount } = options;
    const stepMs = roundStepMs(horizonMs, options.maxPoints);
    this.horizonMs = horizonMs;
    this.fleetMailboxes = options.mailboxes;
    this.access = new Uint8Array(groupCount);
    this.groupMailboxes = Float64Array.from(options.initialGroupMailboxes);
    this.onTarget = new Uint8Array(groupCount);
    this.episodeStartMs = new Float64Array(groupCount);
    const grid = () => new BucketIntegrals(Math.max(1, horizonMs), stepMs);
    this.readDown = grid();
    this.writeDown = grid();
    this.spool = grid();
    this.senders = grid();
    this.migrated = grid();
    this.periods = (options.faults ?? []).slice(0, MAX_TIMELINE_PERIODS);
  }

  accessChanged(timeMs: number, group: number, from: Access, to: Access, mailboxes: number): void {
    this.advanceTo(timeMs);
    this.count(group, -1);
    this.access[group] = to;
    this.groupMailboxes[group] = mailboxes;
    this.count(group, +1);
    if (from === UP && to !== UP) this.episodeStartMs[group] = timeMs;
    if (from !== UP && to === UP) {
      const durationMs = timeMs - this.episodeStartMs[group]!;
      if (durationMs > 0 && mailboxes > 0) {
        this.episodeDurationsMs.push(durationMs);
        this.episodeWeights.push(mailboxes);
      }
    }
  }

  groupResized(timeMs: number, group: number, mailboxes: number): void {
    this.advanceTo(timeMs);
    this.count(group, -1);
    this.groupMailboxes[group] = mailboxes;
    this.count(group, +1);
  }

  storageEvent(kind: string, timeMs: number, detail: Readonly<Record<string, number | string>>): void {
    this.advanceTo(Math.min(timeMs, this.horizonMs));
    if (kind === "migration-cutover" || kind === "rollback-cutover") this.cutOver(detail, kind);
    else if (kind === "bug-trigger" || kind === "bug-fixed" || kind === "bug-reopen")
      this.bug(kind, timeMs, detail);
    const label = MARK_LABELS[kind];
    if (label !== undefined && !this.marks.some((m) => m.kind === kind))
      this.marks.push({ kind, label, timeMs });
  }

  deliveredLate(batch: ExitBatch): void {
    this.queued(batch);
  }

  bounced(batch: ExitBatch, _source: BounceSource): void {
    this.queued(batch);
  }

  pendingAtHorizon(batch: ExitBatch): void {
    this.queued(batch);
  }

  arrived(): void {}
  storedIntact(): void {}
  classified(): void {}
  reclassified(): void {}
  dataRestored(): void {}
  historyPending(): void {}
  restoreQueueTotals(): void {}
  dataLost(): void {}

  finish(): RunTimeline {
    this.advanceTo(this.horizonMs);
    for (const period of this.openBug.values()) period.endMs = this.horizonMs;
    const ttr =
      this.episodeDurationsMs.length > 0
        ? weightedQuantiles(this.episodeDurationsMs, this.episodeWeights, TTR_PROBABILITIES)
        : [];
    return {
      horizonMs: this.horizonMs,
      stepMs: this.writeDown.stepMs,
      mailboxesReadDown: this.readDown.means(),
      mailboxesWriteDown: this.writeDown.means(),
      mxSpoolMessages: this.spool.means(),
      senderQueueMessages: this.senders.means(),
      migratedShare: this.migrated.means(),
      ttrQuantilesMs: ttr,
      periods: this.periods,
      marks: this.marks,
    };
  }

  private advanceTo(timeMs: number): void {
    if (timeMs <= this.nowMs) return;
    this.readDown.addConstant(this.nowMs, timeMs, this.readDownNow);
    this.writeDown.addConstant(this.nowMs, timeMs, this.writeDownNow);
    this.migrated.addConstant(this.nowMs, timeMs, this.migratedNow);
    this.nowMs = timeMs;
  }

  private count(group: number, sign: 1 | -1): void {
    const access = this.access[group];
    const mailboxes = sign * this.groupMailboxes[group]!;
    if (access !== UP) this.writeDownNow += mailboxes;
    if (access === DOWN) this.readDownNow += mailboxes;
    if (this.onTarget[group] === 1) this.migratedNow += mailboxes / this.fleetMailboxes;
  }

  private cutOver(detail: Readonly<Record<string, number | string>>, kind: string): void {
    const group = Number(detail.group);
    const toTarget = kind === "migration-cutover" ? 1 : 0;
    if (this.onTarget[group] === toTarget || this.fleetMailboxes === 0) return;
    this.count(group, -1);
    this.onTarget[group] = toTarget;
    this.count(group, +1);
  }

  private bug(kind: string, timeMs: number, detail: Readonly<Record<string, number | string>>): void {
    const name = String(detail.bug);
    if (kind === "bug-trigger") {
      const open = this.openBug.get(name);
      if (open === undefined)
        this.addPeriod(this.openBug, name, {
          kind: "bug",
          label: `${name} tripped`,
          startMs: timeMs,
          endMs: timeMs,
        });
    } else if (kind === "bug-fixed") {
      const open = this.openBug.get(name);
      if (open !== undefined) open.endMs = timeMs;
      this.openBug.delete(name);
      this.addPeriod(this.reopening, name, {
        kind: "reopening",
        label: `${name} fixed, reopening`,
        startMs: timeMs,
        endMs: timeMs,
      });
    } else {
      const reopening = this.reopening.get(name);
      if (reopening !== undefined) reopening.endMs = timeMs;
    }
  }

  private addPeriod(open: Map<string, TimelinePeriod>, name: string, period: TimelinePeriod): void {
    if (this.periods.length >= MAX_TIMELINE_PERIODS) return;
    this.periods.push(period);
    open.set(name, period);
  }

  private queued(batch: ExitBatch): void {
    const grid = batch.place === "mx-spool" ? this.spool : this.senders;
    const count = batch.count;
    if (count === 0) return;
    forEachQueuePiece(batch, this.horizonMs, (fromMs, toMs, atFrom, atTo, originMs) =>
      grid.addLinear(originMs + fromMs, originMs + toMs, count * atFrom, count * atTo),
    );
  }
}

/** The smallest round bucket width giving at most `maxPoints` buckets over the horizon. */
export function roundStepMs(horizonMs: number, maxPoints: number): number {
  const least = Math.max(1, horizonMs) / Math.max(1, maxPoints);
  return ROUND_STEPS_MS.find((s) => s >= least) ?? Math.ceil(least / MS_PER_DAY) * MS_PER_DAY;
}
