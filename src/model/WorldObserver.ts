/**
 * What the world tells the measurements: the only channel from `src/model/` to `src/metrics/`.
 *
 * The model never counts anything for reporting itself; it reports what happened, in batches,
 * and the metrics layer (which comes after the model, docs/architecture.md) turns that into the ledger,
 * availability, time-to-restore and cost figures. Batches keep the cost proportional to
 * state changes: one call describes many messages or many mailboxes that share a fate.
 *
 * Units: times are ms since the run start; counts are messages or mailboxes as named.
 */

/** How a protection group (and so each mailbox in it) can be used right now. */
export const Access = { Up: 0, ReadOnly: 1, Down: 2 } as const;
export type Access = (typeof Access)[keyof typeof Access];

/** Each access state by name, as traces and reports write it (index = the state's number). */
export const ACCESS_NAMES = ["up", "read-only", "down"] as const;

/** Where a message that could not be stored at once waited. */
export type WaitPlace = "mx-spool" | "sender";

/** Who told the sender that a message was not delivered. */
export type BounceSource = "mx" | "sender";

/**
 * A batch of messages that left the deferred queue the same way. Their arrival times are
 * spread over [arrivalStartMs, arrivalEndMs) with mean `arrivalMeanMs`; each one leaves either
 * a fixed `exitShiftMs` after its own arrival (`exitAtMs` undefined: per-message retry
 * schedules), or all at the same time `exitAtMs` (store reopening under a spool, per-host
 * retry schedules).
 */
export interface ExitBatch {
  count: number;
  place: WaitPlace;
  arrivalStartMs: number;
  arrivalEndMs: number;
  arrivalMeanMs: number;
  exitShiftMs?: number;
  exitAtMs?: number;
  /** Time the mailbox's store came back (for the delay-after-restore of delivered mail). */
  restoredAtMs: number;
}

/** The classes a stored message can end in besides "stored intact" (docs/model.md#measurements-per-run). */
export type FinalClass = "silentlyLost" | "corruptedServed" | "recovered" | "pending";
export type StoredClass = "storedIntact" | "deliveredLate";

export interface WorldObserver {
  /** A group's access changed at `timeMs`; `mailboxes` and `loginsPerDay` are its current totals. */
  accessChanged(
    timeMs: number,
    group: number,
    from: Access,
    to: Access,
    mailboxes: number,
    loginsPerDay: number,
  ): void;
  /** A group gained or lost mailboxes (migration, rebalancing) while keeping its access. */
  groupResized(timeMs: number, group: number, mailboxes: number, loginsPerDay: number): void;
  /**
   * Messages arrived, reported where their count is drawn (before they are classed) and
   * never by a class method: the ledger checks that the classes add up to these.
   */
  arrived(count: number): void;
  /** Messages stored at once on arrival (the store was up). */
  storedIntact(count: number): void;
  /** Deferred messages that reached the store late. */
  deliveredLate(batch: ExitBatch): void;
  /** Deferred messages returned to their sender (a non-delivery notice). */
  bounced(batch: ExitBatch, source: BounceSource): void;
  /** Deferred messages still waiting at the horizon (their `exitAtMs` is the horizon). */
  pendingAtHorizon(batch: ExitBatch): void;
  /** Messages that arrived and ended directly in a final class (drawn when data was lost or damaged). */
  classified(count: number, ledgerClass: FinalClass): void;
  /** Messages already counted as stored (on arrival or late) that later moved to another class. */
  reclassified(count: number, from: StoredClass | "pending", to: FinalClass): void;
  /** A group's lost data was restored from backup; its loss happened at `lostAtMs`. */
  dataRestored(timeMs: number, group: number, mailboxes: number, lostAtMs: number): void;
  /**
   * A blocked group got a dial-tone at `timeMs` — served on an empty store, its history pending
   * (`pending` true) — or its history is back (false); `mailboxes` is how many it holds.
   */
  historyPending(timeMs: number, group: number, mailboxes: number, pending: boolean): void;
  /** At the end of a run: the restore queue's ∫(jobs in system) dt and Σ sojourns, in job·ms. */
  restoreQueueTotals(jobsInSystemIntegralMs: number, sojournSumMs: number): void;
  /** Every copy of a group's data was lost at `timeMs`; `mailboxes` is how many it held. */
  dataLost(timeMs: number, group: number, mailboxes: number): void;
  /**
   * A storage or rollout event worth counting (`node-crash`, `bug-trigger`, `migration-cutover`, …)
   * at `timeMs`, with the detail the trace shows: the run's event counters and its timeline.
   */
  storageEvent(kind: string, timeMs: number, detail: Readonly<Record<string, number | string>>): void;
}
