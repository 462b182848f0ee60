/**
 * The terminal report of `maildrill sweep`: one row per grid point — the values varied at that
 * point, then the headline figures as mean [95% interval] over the point's runs — so a reader
 * sees how each figure moves with the parameter. Every point ran on the same seeds, named in
 * the header. The full set of figures is in `--csv` and `--json`.
 *
 * Each figure column is in one unit and scale, named in its heading (figureScale.ts); a grid
 * too wide for `width` is laid out in blocks of figure columns, each repeating the varied
 * values (fitTable.ts). `width: Infinity` (`--wide`) keeps one table.
 *
 * Contract: a pure function of the result, the palette and the width; no trailing newline.
 */
import type { SweepResult } from "../experiment/sweep.js";
import type { FigureName } from "../metrics/runFigures.js";
import type { Palette } from "./colors.js";
import {
  FIGURE_DISPLAY,
  proportionText,
  SILENT_LOSS_SHORT,
  scaleOf,
  summaryFigureText,
} from "./estimateText.js";
import { fitTable } from "./fitTable.js";
import { formatCount, formatDurationMs } from "./format.js";
import { joinFitting, wrapWords } from "./wrapText.js";

/** The figures a sweep row shows: the ones a bake-time or retention question turns on. */
const SWEEP_FIGURES: readonly FigureName[] = [
  "mailboxHoursDown",
  "mailboxesDownOver24h",
  "silentlyLost",
  "bounced",
  "ttrP99Ms",
  "migrationDurationDays",
];

export function renderSweepReport(
  result: SweepResult,
  colors: Palette,
  width = Number.POSITIVE_INFINITY,
): string {
  const s = result.scenario;
  const strategies = [...new Set(result.points.map((p) => p.strategy ?? "as described"))];
  const parts = [
    colors.bold(`maildrill sweep · ${s.name}`),
    colors.dim(`${result.points.length} points × ${result.runs} run${result.runs === 1 ? "" : "s"}`),
    colors.dim(`strateg${strategies.length === 1 ? "y" : "ies"} ${strategies.join(", ")}`),
    colors.dim(`${formatCount(s.mailboxes)} mailboxes`),
    colors.dim(`horizon ${formatDurationMs(s.horizonMs)}`),
  ];
  const lines = [
    ...joinFitting(parts, width, colors.dim(" · "), "  "),
    ...wrapWords(
      `mean [95% interval]; run i of every point uses seed ${result.baseSeed}/i (same seeds at every point)`,
      width,
    ).map(colors.dim),
  ];
  if (result.runs === 1)
    lines.push(
      ...wrapWords("1 run per point: intervals cannot be estimated (use --runs 2 or more)", width).map(
        colors.yellow,
      ),
    );
  return [...lines, "", pointsTable(result, colors, width)].join("\n");
}

function pointsTable(result: SweepResult, colors: Palette, width: number): string {
  const varyStrategy = new Set(result.points.map((p) => p.strategy)).size > 1;
  const scales = new Map(
    SWEEP_FIGURES.map((f) => [
      f,
      scaleOf(
        f,
        result.points.map((p) => p.summary.figures[f]),
      ),
    ]),
  );
  const heading = (f: FigureName) => colors.bold(FIGURE_DISPLAY[f].short + scales.get(f)!.unit);
  const cell = (p: SweepResult["points"][number], f: FigureName) =>
    summaryFigureText(p.summary, f, scales.get(f)!.format);
  const header = [
    ...result.vary.map((v) => colors.bold(v.path)),
    ...(varyStrategy ? [colors.bold("strategy")] : []),
    ...SWEEP_FIGURES.slice(0, 3).map(heading),
    colors.bold(SILENT_LOSS_SHORT),
    ...SWEEP_FIGURES.slice(3).map(heading),
  ];
  const rows = result.points.map((p) => [
    ...p.values.map(valueText),
    ...(varyStrategy ? [p.strategy ?? "as described"] : []),
    ...SWEEP_FIGURES.slice(0, 3).map((f) => cell(p, f)),
    proportionText(p.summary.anySilentLoss),
    ...SWEEP_FIGURES.slice(3).map((f) => cell(p, f)),
  ]);
  const varied = result.vary.length + (varyStrategy ? 1 : 0);
  const align = header.map((_, i) => (i < varied ? ("left" as const) : ("right" as const)));
  return fitTable(header, rows, { width, align, keyColumns: varied });
}

/** A varied value as the user wrote it: strings bare, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
