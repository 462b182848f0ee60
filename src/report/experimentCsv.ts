/**
 * CSV of compare and sweep results, for spreadsheets and plotting: one row per (strategy or
 * grid point) × figure, with the mean, the 95% interval ends and n.
 *
 * - compare: `section,strategy,baseline,metric,mean,lo,hi,n`; `section` is `summary` (one row
 *   per strategy and figure, plus `anySilentLoss` — mean is the share of runs — and
 *   `migrationUnfinishedRuns`, and `cost` when runs are priced) or `difference` (strategy −
 *   baseline, paired; `cost` too when priced) or `gate` (per gate of a strategy with gates, metric
 *   `<gate>.falsePromote` and `<gate>.falseRollback`: mean is the share of the runs it decided,
 *   lo/hi the Wilson interval, n those runs; docs/experiments.md#judging-the-gates). With variants, a `variant` column follows
 *   `section` and `decision` rows carry the regret table (see `variantsCsv`).
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
  if (result.variants !== undefined) return variantsCsv(result);
  const rows: Cell[][] = [["section", "strategy", "baseline", "metric", "mean", "lo", "hi", "n"]];
  for (const row of compareRows(result.strategies, result.differences)) rows.push(row);
  return toCsv(rows);
}

/** The summary and difference rows of one world: [section, strategy, baseline, metric, mean, lo, hi, n]. */
function compareRows(
  strategies: CompareResult["strategies"],
  differences: CompareResult["differences"],
): Cell[][] {
  const rows: Cell[][] = [];
  for (const s of strategies)
    for (const [metric, ...figures] of summaryRows(s.summary))
      rows.push(["summary", s.name, null, metric!, ...figures]);
  for (const s of strategies)
    for (const g of s.gates ?? [])
      for (const [metric, p] of [
        ["falsePromote", g.falsePromote],
        ["falseRollback", g.falseRollback],
      ] as const)
        rows.push(["gate", s.name, null, `${g.gate}.${metric}`, p.share, p.lo, p.hi, p.n]);
  for (const d of differences) {
    for (const name of FIGURE_NAMES)
      rows.push(["difference", d.strategy, d.baseline, name, ...estimateCells(d.figures[name])]);
    if (d.cost !== undefined)
      rows.push(["difference", d.strategy, d.baseline, "cost", ...estimateCells(d.cost)]);
  }
  return rows;
}

/**
 * With variants: a `variant` column after `section`; the summary and difference rows of every
 * variant, then the decision: per strategy its figure and regret under each variant
 * (`decision`, metric `<figure>` and `regret`), and across variants (`variant` empty) its
 * weighted mean, worst case and largest regret; `mean` holds the value, the rest is empty.
 */
function variantsCsv(result: CompareResult): string {
  const rows: Cell[][] = [["section", "variant", "strategy", "baseline", "metric", "mean", "lo", "hi", "n"]];
  for (const v of result.variants!)
    for (const [section, ...rest] of compareRows(v.strategies, v.differences))
      rows.push([section!, v.name, ...rest]);
  const d = result.decision!;
  for (const row of d.rows) {
    d.variants.forEach((variant, v) => {
      rows.push(["decision", variant, row.strategy, null, d.figure, row.perVariant[v]!, null, null, null]);
      rows.push(["decision", variant, row.strategy, null, "regret", row.regret[v]!, null, null, null]);
    });
    rows.push(["decision", null, row.strategy, null, "weightedMean", row.weightedMean, null, null, null]);
    rows.push(["decision", null, row.strategy, null, "worst", row.worst, null, null, null]);
    rows.push(["decision", null, row.strategy, null, "maxRegret", row.maxRegret, null, null, null]);
  }
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
    ...(summary.cost !== undefined ? [["cost", ...estimateCells(summary.cost)]] : []),
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
