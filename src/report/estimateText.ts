/**
 * The cells of compare and sweep reports: a figure's mean with its 95% interval, in the
 * figure's own unit, worded so that nothing claims more than the runs show.
 *
 * - `12.5 [9.1, 15.9]` — mean [interval] in the figure's scale (figureScale.ts: the unit is
 *   named once, in the label); with fewer runs than the experiment had
 *   (a figure some runs did not measure) `(n=5)` follows.
 * - `12.5 (1 run: no interval)` — one run cannot give an interval, so none is printed.
 * - `–` — no run measured it (e.g. a rollout figure before the rollout model fills it).
 * - Migration duration: `n/a (3 of 8 unfinished)` when no run finished, and
 *   `; 2 of 8 unfinished` after the estimate when some did not.
 * - A difference is signed (`+3.2`, `-1,200`, `+1d 2h`) and marked `*` when its interval excludes 0.
 *
 * Contract: pure functions; the same input always gives the same text.
 */
import type { FigureName } from "../metrics/runFigures.js";
import type { Estimate, ProportionEstimate } from "../metrics/statistics.js";
import type { RunsSummary } from "../metrics/summarizeRuns.js";
import { type FigureKind, type FigureScale, figureScale } from "./figureScale.js";
import { formatCount, formatPercent } from "./format.js";

const NOT_MEASURED = "–";

interface FigureDisplay {
  label: string;
  /** For column headings, where width is scarce. */
  short: string;
  kind: FigureKind;
}

export const FIGURE_DISPLAY: Record<FigureName, FigureDisplay> = {
  mailboxHoursDown: { label: "mailbox-hours down", short: "hours down", kind: "hours" },
  peakMailboxesDown: { label: "peak mailboxes down", short: "peak down", kind: "count" },
  mailboxesDownOver24h: { label: "mailboxes down > 24 h", short: "down > 24 h", kind: "count" },
  silentlyLost: { label: "messages silently lost", short: "silently lost", kind: "count" },
  bounced: { label: "messages bounced", short: "bounced", kind: "count" },
  deliveredLate: { label: "messages delivered late", short: "late", kind: "count" },
  ttrP50Ms: { label: "time to restore p50", short: "TTR p50", kind: "duration" },
  ttrP99Ms: { label: "time to restore p99", short: "TTR p99", kind: "duration" },
  ttrMaxMs: { label: "time to restore max", short: "TTR max", kind: "duration" },
  migrationDurationDays: { label: "migration duration", short: "migration", kind: "days" },
  extraStorageTBDays: { label: "extra storage", short: "extra storage", kind: "storageTBDays" },
};

/** The scale a figure is shown in, chosen from every mean and interval end of `estimates`. */
export function scaleOf(name: FigureName, estimates: readonly Estimate[]): FigureScale {
  const values = estimates.flatMap((e) => [e.mean, e.lo, e.hi]).filter((v): v is number => v !== null);
  return figureScale(FIGURE_DISPLAY[name].kind, values);
}

export const SILENT_LOSS_LABEL = "P(any silent loss)";
export const SILENT_LOSS_SHORT = "P(silent loss)";

/** `mean [lo, hi]` in the figure's unit; `runs` is the experiment's run count, to flag a smaller n. */
function estimateText(e: Estimate, format: (value: number) => string, runs: number): string {
  if (e.mean === null) return NOT_MEASURED;
  const fewer = e.n < runs ? ` (n=${e.n})` : "";
  if (e.lo === null || e.hi === null) return `${format(e.mean)} (1 run: no interval)`;
  return `${format(e.mean)} [${format(e.lo)}, ${format(e.hi)}]${fewer}`;
}

/** A figure of a summary as a cell; the migration duration also says how many runs never finished. */
export function summaryFigureText(
  summary: RunsSummary,
  name: FigureName,
  format: (value: number) => string,
): string {
  if (name !== "migrationDurationDays") return estimateText(summary.figures[name], format, summary.runs);
  const { finished, unfinished } = summary.migration;
  if (finished + unfinished === 0) return NOT_MEASURED;
  const unfinishedText = `${unfinished} of ${summary.runs} unfinished`;
  if (finished === 0) return `n/a (${unfinishedText})`;
  const estimate = estimateText(summary.figures[name], format, finished);
  return unfinished > 0 ? `${estimate}; ${unfinishedText}` : estimate;
}

export function proportionText(p: ProportionEstimate): string {
  if (p.share === null || p.lo === null || p.hi === null) return NOT_MEASURED;
  return `${formatPercent(p.share, 0)} [${formatPercent(p.lo, 0)}, ${formatPercent(p.hi, 0)}] (${p.count} of ${p.n})`;
}

/** A signed difference with its interval, `*` when the interval excludes 0. */
export function differenceText(e: Estimate, format: (value: number) => string, runs: number): string {
  const signed = (value: number) => {
    const text = format(value);
    return value > 0 && !text.startsWith("≈") ? `+${text}` : text;
  };
  const text = estimateText(e, signed, runs);
  return excludesZero(e) ? `${text} *` : text;
}

/** −1 when the whole interval is below 0 (less than the baseline), +1 above, 0 otherwise. */
export function intervalSide(e: Estimate): -1 | 0 | 1 {
  if (e.lo === null || e.hi === null) return 0;
  if (e.hi < 0) return -1;
  if (e.lo > 0) return 1;
  return 0;
}

function excludesZero(e: Estimate): boolean {
  return intervalSide(e) !== 0;
}

/** A run's total cost as a cell: amounts are whole units of the scenario's currency. */
export function costText(e: Estimate, runs: number): string {
  return estimateText(e, formatCount, runs);
}

/** A paired cost difference, coloured like the other differences. */
export function costDifferenceText(
  e: Estimate,
  runs: number,
  colors: { green: (t: string) => string; red: (t: string) => string },
): string {
  const text = differenceText(e, formatCount, runs);
  const side = intervalSide(e);
  return side < 0 ? colors.green(text) : side > 0 ? colors.red(text) : text;
}
