/**
 * From the figures of N runs to what a reader is shown: each figure's mean and 95% interval,
 * the probability of any silent loss, how many migrations finished; and, for two series run on
 * the same seeds, each figure's paired difference.
 *
 * Intervals are clipped to what is possible (`FleetLimits`): no figure below 0, no more
 * mailboxes down than the fleet has, no more mailbox-hours than mailboxes × horizon, no time
 * to restore or migration longer than the horizon; a difference within ± those limits.
 *
 * Contract: `runs[i]` of two series passed to `pairedDifferences` must come from the same
 * seed; the result is a pure function of the arrays (order matters only through pairing).
 */
import { MS_PER_DAY, MS_PER_HOUR } from "../engine/time.js";
import { FIGURE_NAMES, type FigureName, type RunFigures } from "./runFigures.js";
import {
  type Estimate,
  meanInterval,
  type ProportionEstimate,
  pairedDifference,
  wilsonInterval,
} from "./statistics.js";

/** What bounds the figures: the fleet's size and the simulated horizon. */
export interface FleetLimits {
  mailboxes: number;
  horizonMs: number;
}

/** The largest value each figure can take in a run; undefined where nothing bounds it (messages). */
function figureMax(name: FigureName, limits: FleetLimits): number | undefined {
  switch (name) {
    case "mailboxHoursDown":
      return (limits.mailboxes * limits.horizonMs) / MS_PER_HOUR;
    case "peakMailboxesDown":
    case "mailboxesDownOver24h":
      return limits.mailboxes;
    case "ttrP50Ms":
    case "ttrP99Ms":
    case "ttrMaxMs":
      return limits.horizonMs;
    case "migrationDurationDays":
      return limits.horizonMs / MS_PER_DAY;
    default:
      return undefined;
  }
}

/** Mean and 95% interval of every headline figure over some runs, and the chance of any silent loss. */
export interface RunsSummary {
  runs: number;
  /** Mean and 95% interval of each figure over the runs that measured it (intervals clipped at 0). */
  figures: Record<FigureName, Estimate>;
  /** Share of runs with at least one silently lost message, with its Wilson interval. */
  anySilentLoss: ProportionEstimate;
  /** Runs whose migration finished by the horizon, did not, or was not measured (no rollout block). */
  migration: { finished: number; unfinished: number; unmeasured: number };
  /** Mean and 95% interval of the total cost; only when the runs were priced (`costs`). */
  cost?: Estimate;
}

/**
 * Summarises the figures of several runs: the mean and 95% t interval of each figure and a Wilson
 * interval for the probability of any silent loss.
 */
export function summarizeRuns(runs: readonly RunFigures[], limits: FleetLimits): RunsSummary {
  const figures = Object.fromEntries(
    FIGURE_NAMES.map((name) => {
      const max = figureMax(name, limits);
      return [name, meanInterval(series(runs, name), { min: 0, ...(max !== undefined ? { max } : {}) })];
    }),
  ) as Record<FigureName, Estimate>;
  const withLoss = runs.filter((r) => (r.silentlyLost ?? 0) > 0).length;
  return {
    runs: runs.length,
    figures,
    anySilentLoss: wilsonInterval(withLoss, runs.length),
    migration: {
      finished: runs.filter((r) => r.migrationFinished === true).length,
      unfinished: runs.filter((r) => r.migrationFinished === false).length,
      unmeasured: runs.filter((r) => r.migrationFinished === null).length,
    },
    ...(runs.some((r) => r.cost !== undefined) ? { cost: meanInterval(costSeries(runs), { min: 0 }) } : {}),
  };
}

/** The paired difference of total cost, `a − b` run by run; undefined when the runs were not priced. */
export function pairedCostDifference(
  a: readonly RunFigures[],
  b: readonly RunFigures[],
): Estimate | undefined {
  if (!a.some((r) => r.cost !== undefined)) return undefined;
  return pairedDifference(costSeries(a), costSeries(b));
}

function costSeries(runs: readonly RunFigures[]): (number | null)[] {
  return runs.map((r) => r.cost ?? null);
}

/** Each figure of `a − b`, run i against run i, over the runs where both measured it. */
export function pairedDifferences(
  a: readonly RunFigures[],
  b: readonly RunFigures[],
  limits: FleetLimits,
): Record<FigureName, Estimate> {
  return Object.fromEntries(
    FIGURE_NAMES.map((name) => {
      const max = figureMax(name, limits);
      const bounds = max === undefined ? {} : { min: -max, max };
      return [name, pairedDifference(series(a, name), series(b, name), bounds)];
    }),
  ) as Record<FigureName, Estimate>;
}

function series(runs: readonly RunFigures[], name: FigureName): (number | null)[] {
  return runs.map((r) => r[name]);
}
