/**
 * What a rollout measured in one run (docs/model.md#measurements-per-run, "cost", plus the facts a migration review
 * asks for): how far the migration got, when it first met trouble, whether it was aborted,
 * the bytes it copied, and the extra storage it held while two copies of a mailbox existed.
 *
 * Units are in the names; null means "never happened" for times and shares.
 */
export interface RolloutMeasurements {
  /** The strategy's name in the scenario, and its kind. */
  strategy: string;
  kind: string;
  /** Mailboxes served from the target backend at the horizon. */
  mailboxesOnTargetAtHorizon: number;
  /** Share of the fleet cut over to the target when the first incident hit the target cohort; null if none. */
  shareMigratedAtFirstIncident: number | null;
  /** Time of the first incident on the target cohort (a migrated mailbox losing service or data); null if none. */
  firstIncidentMs: number | null;
  /** When the last mailbox was cut over (the plan's end); null if it never finished. */
  completedMs: number | null;
  /** From the migration start to `completedMs`; null if it never finished. */
  durationMs: number | null;
  /** Whether an analysis gate aborted the rollout, and when (null if not). */
  aborted: boolean;
  abortedAtMs: number | null;
  /** When the rollback after an abort finished (every mailbox back on the source); null if not. */
  rolledBackAtMs: number | null;
  /** Bytes copied source → target, and target → source by rollbacks. */
  copiedBytes: number;
  rollbackBytes: number;
  /** Storage held beyond one copy per mailbox (retained source copies, mirrors), in TB-days. */
  extraStorageTBDays: number;
  /** Synthetic bytes a prefill (scale test) wrote onto the target, and the time it ran; only for plans with a prefill. */
  prefillBytes?: number;
  prefillMs?: number;
  /** Time held after failed gates (`onIncident: hold-and-continue-after-fix`); only for plans with that policy. */
  heldMs?: number;
}

/** A rollout's figures before it has done anything: nothing moved, nothing happened yet. */
export function emptyRolloutMeasurements(strategy: { name: string; kind: string }): RolloutMeasurements {
  return {
    strategy: strategy.name,
    kind: strategy.kind,
    mailboxesOnTargetAtHorizon: 0,
    shareMigratedAtFirstIncident: null,
    firstIncidentMs: null,
    completedMs: null,
    durationMs: null,
    aborted: false,
    abortedAtMs: null,
    rolledBackAtMs: null,
    copiedBytes: 0,
    rollbackBytes: 0,
    extraStorageTBDays: 0,
  };
}
