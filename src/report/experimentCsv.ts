/**
 * CSV of compare and sweep results, for spreadsheets and plotting: one row per (strategy or
 * grid point) × figure, with the mean, the 95% interval ends and n.
 *
 * - compare: `section,strategy,baseline,metric,mean,lo,hi,n`; `section` is `summary` (one row
 *   per strategy and figure, plus `anySilentLoss` — mean is the share of runs — and
 *   `migrationUnfinishedRuns`) or `difference` (strategy − baseline, paired).
 * - sweep: `point,<each varied path>,strategy,metric,mean,lo,hi,n`.
 *
 * Contract: RFC 4180 quoting (a field with a comma, quote or line break is quoted); numbers
 * are written with full precision (`String(x)`); a quantity that could not be estimated is
 * an empty field; lines end with "\n", the last one too.
 */
import type { CompareResult } from "../experiment/compare.js";
import type { SweepResult } from "../experiment/sweep.js";
import { FIGURE_NAMES } from "../metrics/runFigures.js";
import type { Estimate } from "../metrics/statistics.js";
import type { RunsSummary } from "../metrics/summarizeRuns.js";
import { valueText } from "./sweepReport.js";

type Cell = string | number | null;

/** A compare result as CSV, one row per figure (`maildrill compare --csv`). */
export function compareCsv(result: CompareResult): string {
  const rows: Cell[][] = [["section", "strategy", "baseline", "metric", "mean", "lo", "hi", "n"]];
  for (const s of result.strategies)
    for (const [metric, ...figures] of summaryRows(s.summary))
      rows.push(["summary", s.name, null, metric!, ...figures]);
  for (const d of result.differences)
    for (const name of FIGURE_NAMES)
      rows.push(["difference", d.strategy, d.baseline, name, ...estimateCells(d.figures[name])]);
  return toCsv(rows);
}

/** A sweep result as CSV, one row per grid point and figure (`maildrill sweep --csv`). */
export function sweepCsv(result: SweepResult): string {
  const rows: Cell[][] = [
    ["point", ...result.vary.map((v) => v.path), "strategy", "metric", "mean", "lo", "hi", "n"],
  ];
  for (const p of result.points)
    for (const figures of summaryRows(p.summary))
      rows.push([p.point, ...p.values.map(valueText), p.strategy, ...figures]);
  return toCsv(rows);
}

/** [metric, mean, lo, hi, n] for each figure of a summary, then the silent-loss share and unfinished migrations. */
function summaryRows(summary: RunsSummary): Cell[][] {
  const loss = summary.anySilentLoss;
  const m = summary.migration;
  return [
    ...FIGURE_NAMES.map((name) => [name, ...estimateCells(summary.figures[name])]),
    ["anySilentLoss", loss.share, loss.lo, loss.hi, loss.n],
    ["migrationUnfinishedRuns", m.unfinished, null, null, m.finished + m.unfinished],
  ];
}

function estimateCells(e: Estimate): Cell[] {
  return [e.mean, e.lo, e.hi, e.n];
}

function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
