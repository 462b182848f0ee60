/**
 * What one run measured: the plain-data result of `RunRecorder.finish()`.
 *
 * These are the per-run figures of docs/model.md#measurements-per-run in the shape the experiment layer aggregates and
 * the report layer prints. Everything here is plain numbers, arrays and records, so a result
 * survives `structuredClone` (worker threads) and `JSON.stringify` unchanged.
 *
 * Units are in the names: `Ms` is simulated milliseconds, `Hours` is mailbox-hours, a bare
 * count is messages or mailboxes as named. A quantity that has no samples is 0; a time that
 * never came (a fleet share never restored, no data ever lost) is null, never a sentinel number.
 */
import type { BugDraws } from "../model/faults/OsBug.js";
import type { RolloutMeasurements } from "../rollout/RolloutMeasurements.js";
import type { RunCost } from "./costs.js";

/** A distribution summarised. All fields are 0 when there were no samples. */
export interface Quantiles {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The integrity ledger: every message that arrived is in exactly one of seven classes
 * (storedIntact, deliveredLate, recovered, silentlyLost, corruptedServed, bounced, pending).
 */
export interface Ledger {
  arrived: number;
  storedIntact: number;
  deliveredLate: number;
  recovered: number;
  silentlyLost: number;
  corruptedServed: number;
  bounced: number;
  pending: number;
  bouncedByMx: number;
  bouncedBySender: number;
  /** arrived === the sum of the seven classes. */
  reconciles: boolean;
  /** Delay after restore of delivered-late messages: histogram quantiles, exact mean and max. */
  lateDelay: Quantiles;
  /** Mean time a delivered-late message spent in the deferred queue. */
  meanSojournMs: number;
}

/** The SMTP deferred queue (MX spool plus senders' queues) as one queue. */
export interface SmtpQueue {
  /** ∫₀^H Q(t) dt, integrated in the time domain from each batch's arrival and exit ramps. */
  deferredIntegralMessageMs: number;
  /** Σ over deferred messages of (exit − arrival); equals the integral by Little's law. */
  sojournSumMessageMs: number;
  viaMxSpool: number;
  viaSender: number;
}

/** How long mailboxes were without service, and how many at once (docs/model.md#measurements-per-run). */
export interface Availability {
  /** Mailbox-hours not Up (cannot read, or cannot accept mail). */
  mailboxHoursDown: number;
  /** Mailbox-hours Down (cannot read). */
  mailboxHoursReadDown: number;
  /** Mailbox-hours ReadOnly or Down (cannot accept mail). */
  mailboxHoursWriteDown: number;
  /** 1 − mailbox-time down / (mailboxes × horizon). */
  fleetAvailability: number;
  /** As fleetAvailability, each group weighted by its logins per day (user-perceived). */
  loginWeightedAvailability: number;
  peakMailboxesDown: number;
  /** Mailboxes whose longest outage episode lasted strictly longer than the key. */
  mailboxesDownOver: { "1h": number; "24h": number; "72h": number };
  /** Mailboxes not Up at t = 0, step, 2·step, … ≤ horizon (state after the events at t). */
  timeline: { stepMs: number; mailboxesDown: number[] };
}

/** Time from losing service to service restored, per affected mailbox-episode, and the fleet curve. */
export interface TimeToRestore extends Quantiles {
  /** Restored mailbox-episodes (each episode weighted by its group's mailboxes). */
  episodes: number;
  /**
   * Distinct mailboxes that were out at least once: a mailbox out three times counts once
   * (≤ the fleet). The mailbox-episodes are `episodes + unrestoredAtHorizon`.
   */
  affectedMailboxes: number;
  /** Mailbox-episodes still open at the horizon. */
  unrestoredAtHorizon: number;
  /** From the earliest episode start until X% of the mailbox-episodes were restored; null if never. */
  fleetCurve: { t50Ms: number | null; t90Ms: number | null; t99Ms: number | null; t100Ms: number | null };
}

/** Data loss, damage and restores of one run. */
export interface Integrity {
  dataLossEvents: number; // groups whose every copy was lost
  mailboxesWithDataLoss: number; // mailboxes in those groups (a mailbox counts once per event)
  firstDataLossMs: number | null; // null when no data was lost
  /** Groups restored from backup, and the time from each loss to its data being back (weighted by mailboxes). */
  restores: number;
  dataRestore: Quantiles;
  /** Restore queue: ∫(jobs queued or running) dt and Σ job sojourns, in job·ms (Little's law: equal when drained). */
  restoreQueueIntegralJobMs: number;
  restoreSojournSumJobMs: number;
  /**
   * Dial-tone for blocked storage ("service restored, data pending"): mailbox-hours served on
   * an empty store while the history waited on the blocked storage.
   */
  mailboxHoursDataPending: number;
}

/**
 * Everything one run measured: availability, the exact mail ledger, time-to-restore, integrity,
 * events and, for a migration, the rollout's own figures (docs/model.md#measurements-per-run).
 */
export interface RunMeasurements {
  /** The run priced by the scenario's `costs`; absent when it has none. */
  cost?: RunCost;
  /** The migration's own figures; absent when the scenario has no migration. */
  rollout?: RolloutMeasurements;
  /** What the run drew for each OS bug (thresholds, fix delay): the world every strategy on this seed meets. */
  bugs: BugDraws[];
  ledger: Ledger;
  smtp: SmtpQueue;
  availability: Availability;
  timeToRestore: TimeToRestore;
  integrity: Integrity;
  /** Storage events by kind, keys in sorted order. */
  events: Record<string, number>;
}

/** The part of a run's measurements the recorder produces from the world's reports. */
export type RecordedMeasurements = Omit<RunMeasurements, "rollout" | "bugs" | "cost">;
