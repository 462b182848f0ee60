/**
 * The run recorder: turns what the world reports during one run into its measurements.
 *
 * The model calls the `WorldObserver` methods as things happen; `finish()` at the horizon
 * returns the `RunMeasurements` of docs/model.md#measurements-per-run. Nothing is sampled:
 * every figure is an exact integral or sum over the reported state changes, so its cost
 * grows with state changes, not with mailboxes or messages.
 *
 * It is four parts and a counter, each with one job:
 * - `AvailabilityRecorder`: the clock, each group's access, mailbox-hours down, the peak,
 *   the timeline; it checks every group report first (time order, ranges, `from`);
 * - `EpisodeRecorder`: outage episodes per group and time-to-restore;
 * - `LedgerRecorder`: arrivals on their own channel, the seven classes, the SMTP queue;
 * - `IntegrityRecorder`: data losses, restores from backup, the restore queue;
 * - storage events counted by kind.
 *
 * Contract:
 * - Time never goes backwards and never passes the horizon: `accessChanged` and
 *   `groupResized` at an earlier time than a previous call, or after the horizon, throw.
 *   A `from` that disagrees with the recorded access throws too: it is a model bug.
 * - Message counts are non-negative integers (see LedgerRecorder).
 * - `finish()` is called once; the recorder accepts nothing afterwards.
 */
import type {
  BounceSource,
  ExitBatch,
  FinalClass,
  StoredClass,
  WorldObserver,
} from "../model/WorldObserver.js";
import { type AvailabilityOptions, AvailabilityRecorder } from "./AvailabilityRecorder.js";
import { EpisodeRecorder } from "./EpisodeRecorder.js";
import { IntegrityRecorder } from "./IntegrityRecorder.js";
import { LedgerRecorder } from "./LedgerRecorder.js";
import type { RecordedMeasurements } from "./RunMeasurements.js";
import { UP } from "./recorderChecks.js";

export type RunRecorderOptions = AvailabilityOptions;

export class RunRecorder implements WorldObserver {
  private readonly availability: AvailabilityRecorder;
  private readonly episodes: EpisodeRecorder;
  private readonly ledger: LedgerRecorder;
  private readonly integrity = new IntegrityRecorder();
  private readonly events = new Map<string, number>();
  private finished = false;

  constructor(options: RunRecorderOptions) {
    this.availability = new AvailabilityRecorder(options);
    this.episodes = new EpisodeRecorder(options.groupCount);
    this.ledger = new LedgerRecorder(options.horizonMs);
  }

  accessChanged(...change: Parameters<WorldObserver["accessChanged"]>): void {
    this.checkOpen();
    this.availability.accessChanged(...change);
    const [timeMs, group, from, to, mailboxes] = change;
    this.episodes.accessChanged(timeMs, group, from, to, mailboxes);
  }

  groupResized(timeMs: number, group: number, mailboxes: number, loginsPerDay: number): void {
    this.checkOpen();
    this.availability.groupResized(timeMs, group, mailboxes, loginsPerDay);
  }

  arrived(count: number): void {
    this.checkOpen();
    this.ledger.arrived(count);
  }

  storedIntact(count: number): void {
    this.checkOpen();
    this.ledger.storedIntact(count);
  }

  deliveredLate(batch: ExitBatch): void {
    this.checkOpen();
    this.ledger.deliveredLate(batch);
  }

  bounced(batch: ExitBatch, source: BounceSource): void {
    this.checkOpen();
    this.ledger.bounced(batch, source);
  }

  pendingAtHorizon(batch: ExitBatch): void {
    this.checkOpen();
    this.ledger.pendingAtHorizon(batch);
  }

  classified(count: number, ledgerClass: FinalClass): void {
    this.checkOpen();
    this.ledger.classified(count, ledgerClass);
  }

  reclassified(count: number, from: StoredClass | "pending", to: FinalClass): void {
    this.checkOpen();
    this.ledger.reclassified(count, from, to);
  }

  dataRestored(timeMs: number, _group: number, mailboxes: number, lostAtMs: number): void {
    this.checkOpen();
    this.integrity.dataRestored(timeMs, mailboxes, lostAtMs);
  }

  historyPending(timeMs: number, group: number, mailboxes: number, pending: boolean): void {
    this.checkOpen();
    this.integrity.historyPending(timeMs, group, mailboxes, pending);
  }

  restoreQueueTotals(jobsInSystemIntegralMs: number, sojournSumMs: number): void {
    this.checkOpen();
    this.integrity.restoreQueueTotals(jobsInSystemIntegralMs, sojournSumMs);
  }

  dataLost(timeMs: number, _group: number, mailboxes: number): void {
    this.checkOpen();
    this.integrity.dataLost(timeMs, mailboxes);
  }

  storageEvent(kind: string): void {
    this.checkOpen();
    this.events.set(kind, (this.events.get(kind) ?? 0) + 1);
  }

  finish(): RecordedMeasurements {
    this.checkOpen();
    const a = this.availability;
    a.advanceTo(a.horizonMs);
    for (let group = 0; group < a.groupCount; group++) {
      if (a.accessOf(group) !== UP) this.episodes.stillOut(group, a.horizonMs, a.mailboxesOf(group));
    }
    this.finished = true;
    const events = [...this.events.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return {
      ledger: this.ledger.ledger(),
      smtp: this.ledger.smtp(),
      availability: a.finish(this.episodes.mailboxesDownOver()),
      timeToRestore: this.episodes.timeToRestore(),
      integrity: this.integrity.integrity(a.horizonMs),
      events: Object.fromEntries(events),
    };
  }

  private checkOpen(): void {
    if (this.finished) throw new Error("RunRecorder: finish() was already called");
  }
}
