/**
 * The terminal report of `maildrill sweep`: one row per grid point — the values varied at that
 * point, then the headline figures as mean [95% interval] over the point's runs — so a reader
 * sees how each figure moves with the parameter. Every point ran on the same seeds, named in
 * the header. The full set of figures is in `--csv` and `--json`.
 *
 * Contract: a pure function of the result and the palette; no trailing newline.
 */
import type { SweepResult } from "../experiment/sweep.js";
import type { FigureName } from "../metrics/runFigures.js";
import type { Palette } from "./colors.js";
import { FIGURE_DISPLAY, proportionText, SILENT_LOSS_SHORT, summaryFigureText } from "./estimateText.js";
import { formatCount, formatDurationMs } from "./format.js";
import { renderTable } from "./table.js";

/** The figures a sweep row shows: the ones a bake-time or retention question turns on. */
const SWEEP_FIGURES: readonly FigureName[] = [
  "mailboxHoursDown",
  "mailboxesDownOver24h",
  "silentlyLost",
  "bounced",
  "ttrP99Ms",
  "migrationDurationDays",
];

export function renderSweepReport(result: SweepResult, colors: Palette): string {
  const s = result.scenario;
  const strategies = [...new Set(result.points.map((p) => p.strategy ?? "as described"))];
  const title =
    colors.bold(`maildrill sweep · ${s.name}`) +
    colors.dim(
      ` · ${result.points.length} points × ${result.runs} run${result.runs === 1 ? "" : "s"}` +
        ` · strateg${strategies.length === 1 ? "y" : "ies"} ${strategies.join(", ")}` +
        ` · ${formatCount(s.mailboxes)} mailboxes · horizon ${formatDurationMs(s.horizonMs)}`,
    );
  const seeds = colors.dim(
    `mean [95% interval]; run i of every point uses seed ${result.baseSeed}/i (same seeds at every point)`,
  );
  const lines = [title, seeds];
  if (result.runs === 1)
    lines.push(colors.yellow("1 run per point: intervals cannot be estimated (use --runs 2 or more)"));
  return [...lines, "", pointsTable(result, colors)].join("\n");
}

function pointsTable(result: SweepResult, colors: Palette): string {
  const varyStrategy = new Set(result.points.map((p) => p.strategy)).size > 1;
  const header = [
    ...result.vary.map((v) => colors.bold(v.path)),
    ...(varyStrategy ? [colors.bold("strategy")] : []),
    ...SWEEP_FIGURES.slice(0, 3).map((f) => colors.bold(FIGURE_DISPLAY[f].short)),
    colors.bold(SILENT_LOSS_SHORT),
    ...SWEEP_FIGURES.slice(3).map((f) => colors.bold(FIGURE_DISPLAY[f].short)),
  ];
  const rows = result.points.map((p) => [
    ...p.values.map(valueText),
    ...(varyStrategy ? [p.strategy ?? "as described"] : []),
    ...SWEEP_FIGURES.slice(0, 3).map((f) => summaryFigureText(p.summary, f)),
    proportionText(p.summary.anySilentLoss),
    ...SWEEP_FIGURES.slice(3).map((f) => summaryFigureText(p.summary, f)),
  ]);
  const varied = result.vary.length + (varyStrategy ? 1 : 0);
  const align = header.map((_, i) => (i < varied ? ("left" as const) : ("right" as const)));
  return renderTable(header, rows, { align });
}

/** A varied value as the user wrote it: strings bare, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
