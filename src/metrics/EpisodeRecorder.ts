/**
 * EpisodeRecorder: outage episodes and time-to-restore. An episode is per protection group:
 * it starts when the group leaves Up and ends when it returns to Up (ReadOnly ↔ Down inside
 * it does not end it). An episode stands for every mailbox of the group, weighted by the
 * group's mailbox count when the episode ends (or at the horizon, if still open): the
 * mailboxes that were down when service came back.
 *
 * Contract: it is told only transitions the availability part has already checked; it keeps
 * no clock of its own and knows nothing of messages.
 */
import { MS_PER_HOUR } from "../engine/time.js";
import type { Access } from "../model/WorldObserver.js";
import { EpisodeLog } from "./EpisodeLog.js";
import type { Availability, TimeToRestore } from "./RunMeasurements.js";
import { UP } from "./recorderChecks.js";
import { weightedQuantiles } from "./weightedQuantiles.js";

export class EpisodeRecorder {
  private readonly episodeStartMs: Float64Array;
  private readonly longestEpisodeMs: Float64Array; // −1: never out
  private readonly mailboxesAtLongest: Float64Array;
  /** The most mailboxes the group had in any of its outages: what it adds to the affected count. */
  private readonly affectedMailboxes: Float64Array;
  private readonly restored = new EpisodeLog();
  private unrestoredMailboxes = 0;
  private earliestEpisodeStartMs = Number.POSITIVE_INFINITY;

  constructor(private readonly groupCount: number) {
    this.episodeStartMs = new Float64Array(groupCount);
    this.longestEpisodeMs = new Float64Array(groupCount).fill(-1);
    this.mailboxesAtLongest = new Float64Array(groupCount);
    this.affectedMailboxes = new Float64Array(groupCount);
  }

  /** A checked transition; `mailboxes` is the group's count after it. */
  accessChanged(timeMs: number, group: number, from: Access, to: Access, mailboxes: number): void {
    if (from === UP && to !== UP) this.episodeStartMs[group] = timeMs;
    if (from !== UP && to === UP) this.closeEpisode(group, timeMs, mailboxes, true);
  }

  /** At the horizon: the group is still out with `mailboxes`; its episode stays unrestored. */
  stillOut(group: number, horizonMs: number, mailboxes: number): void {
    this.closeEpisode(group, horizonMs, mailboxes, false);
  }

  private closeEpisode(group: number, endMs: number, weight: number, restored: boolean): void {
    const startMs = this.episodeStartMs[group]!;
    const durationMs = endMs - startMs;
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

  mailboxesDownOver(): Availability["mailboxesDownOver"] {
    return {
      "1h": this.mailboxesWithEpisodeOver(MS_PER_HOUR),
      "24h": this.mailboxesWithEpisodeOver(24 * MS_PER_HOUR),
      "72h": this.mailboxesWithEpisodeOver(72 * MS_PER_HOUR),
    };
  }

  private mailboxesWithEpisodeOver(thresholdMs: number): number {
    let mailboxes = 0;
    for (let group = 0; group < this.groupCount; group++) {
      if (this.longestEpisodeMs[group]! > thresholdMs) mailboxes += this.mailboxesAtLongest[group]!;
    }
    return mailboxes;
  }

  timeToRestore(): TimeToRestore {
    const log = this.restored;
    const durationMs = log.durationMs.subarray(0, log.length);
    const weight = log.weight.subarray(0, log.length);
    const endMs = log.endMs.subarray(0, log.length);
    const { weight: episodes, weightedDurationMs } = log.totals();
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
