/**
 * RunTimeline: one run's time series and event periods, as the HTML reports chart them —
 * the plain-data result of `TimelineRecorder.finish()`.
 *
 * Every series has one point per bucket of `stepMs` (the last one may end early, at the
 * horizon): point i is the *mean* over [i·stepMs, (i+1)·stepMs), so the area under
 * "mailboxes down" is the run's mailbox-hours down. The size is bounded by the recorder's
 * `maxPoints`, whatever the horizon or the fleet. Plain numbers and arrays only, so a
 * timeline crosses a worker-thread boundary by structured clone. It is not part of the JSON
 * a run prints: it exists for the pictures.
 */
import type { Ledger } from "./RunMeasurements.js";

/** A shaded interval: an explicit fault, an OS bug from trip to fix, a vendor's reopening. */
export interface TimelinePeriod {
  kind: "fault" | "bug" | "reopening";
  label: string;
  startMs: number;
  endMs: number;
}

/** A moment worth a rule on the chart (the first incident on the target, an abort, completion, data loss). */
export interface TimelineMark {
  kind: string;
  label: string;
  timeMs: number;
}

export interface RunTimeline {
  horizonMs: number;
  stepMs: number;
  /** Mailboxes that cannot be read (Down). */
  mailboxesReadDown: number[];
  /** Mailboxes that cannot accept mail (ReadOnly or Down): "down" in every figure. */
  mailboxesWriteDown: number[];
  /** Messages waiting in the MX spool, and in the sending MTAs' deferred queues. */
  mxSpoolMessages: number[];
  senderQueueMessages: number[];
  /** Share of the fleet's mailboxes served from the migration target, 0…1. */
  migratedShare: number[];
  /** Restored outage episodes' durations at 0 %, 5 %, …, 100 % of their mailboxes; empty if none. */
  ttrQuantilesMs: number[];
  periods: TimelinePeriod[];
  marks: TimelineMark[];
}

/** The seven classes of the integrity ledger, in the order reports show them. */
export const LEDGER_CLASSES = [
  "storedIntact",
  "deliveredLate",
  "recovered",
  "silentlyLost",
  "corruptedServed",
  "bounced",
  "pending",
] as const satisfies readonly (keyof Ledger)[];

export type LedgerClasses = Record<(typeof LEDGER_CLASSES)[number], number>;

/** What a picture of one run among many needs: its timeline and its ledger's classes. */
export interface RunPicture {
  timeline: RunTimeline;
  ledger: LedgerClasses;
}

export function ledgerClasses(ledger: Ledger): LedgerClasses {
  return Object.fromEntries(LEDGER_CLASSES.map((c) => [c, ledger[c]])) as LedgerClasses;
}

/** The probabilities of `ttrQuantilesMs`: 0, 0.05, …, 1. */
export const TTR_PROBABILITIES: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

/** Shaded periods kept per run (the first ones): a bounded picture for a fault repeated 100,000 times. */
export const MAX_TIMELINE_PERIODS = 60;
