/**
 * The headline figures of one run: the few numbers compare and sweep aggregate across runs
 * (docs/model.md#measurements-per-run), cut from the full `RunMeasurements` where the run happened (so a worker thread
 * sends back a dozen numbers, not the timeline).
 *
 * Contract: every figure is a plain number, or null when the run did not measure it: the
 * migration figures are null for a run without `measurements.rollout`, and the migration
 * duration is also null for a migration that never finished (`migrationFinished` says which).
 * Figure names carry their units.
 */
import { MS_PER_DAY } from "../engine/time.js";
import type { JudgedDecision } from "./gateJudge.js";
import type { WeightedOutcome } from "./importanceEstimate.js";
import type { RunMeasurements } from "./RunMeasurements.js";

/** The aggregated figures, in report order. Every one of them is "lower is better". */
export const FIGURE_NAMES = [
  "mailboxHoursDown",
  "peakMailboxesDown",
  "mailboxesDownOver24h",
  "silentlyLost",
  "bounced",
  "deliveredLate",
  "ttrP50Ms",
  "ttrP99Ms",
  "ttrMaxMs",
  "migrationDurationDays",
  "extraStorageTBDays",
] as const;

/** The name of one headline figure (`FIGURE_NAMES`). */
export type FigureName = (typeof FIGURE_NAMES)[number];

/** The headline figures of one run, null where the run did not measure one. */
export type RunFigures = Record<FigureName, number | null> & {
  /** Whether the migration finished by the horizon; null when the run measured no rollout. */
  migrationFinished: boolean | null;
  /** Biased runs only (`maildrill estimate`): the run's weight and whether it broke the property. */
  weighted?: WeightedOutcome;
  /** The run's total cost (src/metrics/costs.ts); only when the scenario has `costs`. */
  cost?: number;
  /** Each gate decision with its ground truth (src/metrics/gateJudge.ts); compare and sweep, strategies with gates only. */
  gates?: JudgedDecision[];
};

/** Cuts a run's headline figures from its full measurements (what compare and sweep summarise). */
export function runFigures(m: RunMeasurements): RunFigures {
  const rollout = m.rollout;
  const finished = rollout === undefined ? null : rollout.durationMs !== null;
  return {
    mailboxHoursDown: m.availability.mailboxHoursDown,
    peakMailboxesDown: m.availability.peakMailboxesDown,
    mailboxesDownOver24h: m.availability.mailboxesDownOver["24h"],
    silentlyLost: m.ledger.silentlyLost,
    bounced: m.ledger.bounced,
    deliveredLate: m.ledger.deliveredLate,
    ttrP50Ms: m.timeToRestore.p50Ms,
    ttrP99Ms: m.timeToRestore.p99Ms,
    ttrMaxMs: m.timeToRestore.maxMs,
    migrationDurationDays: finished === true ? rollout!.durationMs! / MS_PER_DAY : null,
    extraStorageTBDays: rollout === undefined ? null : rollout.extraStorageTBDays,
    migrationFinished: finished,
    ...(m.cost !== undefined ? { cost: m.cost.total } : {}),
  };
}
