/**
 * The terminal report of `maildrill compare`: what an engineer reads to choose a rollout.
 *
 * A header (scenario, runs, seeds), one table with a column per strategy and a row per
 * headline figure (mean [95% interval]), then the paired differences against the baseline
 * (each other strategy minus the baseline, run by run on the same seeds), for strategies with
 * gates how often each gate was wrong (gateJudgeReport.ts), and last how to go
 * further: more runs, JSON/CSV, a sweep, and the exact command replaying the worst run.
 * Every figure is "lower is better", so a difference whose whole interval is below zero is
 * green (better than the baseline) and above zero red; `*` marks both without colour.
 *
 * Each figure is written in one unit and scale, named in its label (figureScale.ts). The
 * report fits `width` columns: a table too wide for it is laid out in blocks of strategies,
 * each repeating the figure labels (fitTable.ts), and prose wraps between words; the "going
 * further" commands move under their descriptions rather than being cut. `width: Infinity`
 * (`--wide`) keeps every table in one piece.
 *
 * Contract: a pure function of the result, the palette, how the scenario was named on the
 * command line (`scenarioArg`, undefined for the built-in one) and the width; no trailing
 * newline. No line is longer than `width` unless one strategy's column with the labels, or
 * one command, is longer on its own.
 */
import type { CompareResult, StrategyOutcome } from "../experiment/compare.js";
import { FIGURE_NAMES } from "../metrics/runFigures.js";
import type { Palette } from "./colors.js";
import {
  costDifferenceText,
  costText,
  differenceText,
  FIGURE_DISPLAY,
  intervalSide,
  proportionText,
  SILENT_LOSS_LABEL,
  scaleOf,
  summaryFigureText,
} from "./estimateText.js";
import { fitTable } from "./fitTable.js";
import { formatCount, formatDurationMs } from "./format.js";
import { gateJudgeLines } from "./gateJudgeReport.js";
import { renderTable, visibleWidth } from "./table.js";
import { joinFitting, wrapShellCommand, wrapWords } from "./wrapText.js";

const NO_STRATEGY = "as described";

export function renderCompareReport(
  result: CompareResult,
  colors: Palette,
  scenarioArg?: string,
  width = Number.POSITIVE_INFINITY,
): string {
  const lines = [...headerLines(result, colors, width), "", summaryTable(result, colors, width)];
  if (result.differences.length > 0) lines.push("", ...differenceLines(result, colors, width));
  const judged = gateJudgeLines([{ variant: undefined, strategies: result.strategies }], colors, width);
  if (judged.length > 0) lines.push("", ...judged);
  lines.push("", ...furtherLines(result, colors, scenarioArg, width));
  return lines.join("\n");
}

function headerLines(result: CompareResult, colors: Palette, width: number): string[] {
  const s = result.scenario;
  const seeds =
    result.runs === 1
      ? `seed ${result.seeds[0]}`
      : `seeds ${result.seeds[0]} … ${result.seeds[result.runs - 1]}`;
  const parts = [
    colors.bold(`maildrill compare · ${s.name}`),
    colors.dim(`${result.runs} run${result.runs === 1 ? "" : "s"} per strategy on ${seeds}`),
    colors.dim(`${formatCount(s.mailboxes)} mailboxes`),
    colors.dim(`horizon ${formatDurationMs(s.horizonMs)}`),
  ];
  const lines = [
    ...joinFitting(parts, width, colors.dim(" · "), "  "),
    ...wrapWords(
      `mean [95% interval] over ${result.runs} runs; run i of every strategy uses seed ${result.baseSeed}/i`,
      width,
    ).map(colors.dim),
  ];
  if (result.runs === 1)
    lines.push(
      ...wrapWords("1 run per strategy: intervals cannot be estimated (use --runs 2 or more)", width).map(
        colors.yellow,
      ),
    );
  return lines;
}

/** The column title; the baseline is named as such only when there is something to compare it with. */
function strategyLabel(s: StrategyOutcome, result: CompareResult): string {
  const name = s.name ?? NO_STRATEGY;
  return result.differences.length > 0 && s.name === result.baseline ? `${name} (baseline)` : name;
}

function summaryTable(result: CompareResult, colors: Palette, width: number): string {
  const header = ["", ...result.strategies.map((s) => colors.bold(strategyLabel(s, result)))];
  const rows = summaryRows(result);
  return fitTable(header, rows, { width, align: ["left", ...result.strategies.map(() => "right" as const)] });
}

/**
 * The headline rows, each a label (with the figure's one unit) and one cell per strategy:
 * every figure, the chance of any silent loss, and the total cost when the runs were priced.
 * The terminal table and the HTML report show the same rows.
 */
export function summaryRows(result: CompareResult): string[][] {
  const rows = FIGURE_NAMES.map((name) => {
    const scale = scaleOf(
      name,
      result.strategies.map((s) => s.summary.figures[name]),
    );
    return [
      FIGURE_DISPLAY[name].label + scale.unit,
      ...result.strategies.map((s) => summaryFigureText(s.summary, name, scale.format)),
    ];
  });
  rows.splice(4, 0, [
    SILENT_LOSS_LABEL,
    ...result.strategies.map((s) => proportionText(s.summary.anySilentLoss)),
  ]);
  if (result.strategies.every((s) => s.summary.cost !== undefined))
    rows.push(["total cost", ...result.strategies.map((s) => costText(s.summary.cost!, result.runs))]);
  return rows;
}

function differenceLines(result: CompareResult, colors: Palette, width: number): string[] {
  const header = ["", ...result.differences.map((d) => colors.bold(`${d.strategy} − ${d.baseline}`))];
  const rows = FIGURE_NAMES.map((name) => {
    const scale = scaleOf(
      name,
      result.differences.map((d) => d.figures[name]),
    );
    return [
      FIGURE_DISPLAY[name].label + scale.unit,
      ...result.differences.map((d) => {
        const e = d.figures[name];
        const text = differenceText(e, scale.format, result.runs);
        const side = intervalSide(e);
        return side < 0 ? colors.green(text) : side > 0 ? colors.red(text) : text;
      }),
    ];
  });
  if (result.differences.every((d) => d.cost !== undefined))
    rows.push([
      "total cost",
      ...result.differences.map((d) => costDifferenceText(d.cost!, result.runs, colors)),
    ]);
  return [
    ...titleLines(
      `Paired differences against ${result.baseline}`,
      "(run by run on the same seeds; negative = less than the baseline)",
      colors,
      width,
    ),
    fitTable(header, rows, { width, align: ["left", ...result.differences.map(() => "right" as const)] }),
    ...wrapWords(
      "* the 95% interval excludes 0: the strategies differ on this figure beyond the runs' noise",
      width,
      "  ",
    ).map(colors.dim),
  ];
}

function furtherLines(
  result: CompareResult,
  colors: Palette,
  scenarioArg: string | undefined,
  width: number,
): string[] {
  const file = scenarioArg === undefined ? "" : ` ${quoteArg(scenarioArg)}`;
  const worst = worstRun(result);
  const strategyFlag = worst.strategy === null ? "" : ` --strategy ${worst.strategy}`;
  const sweepPath = result.strategies.some((s) => s.name !== null)
    ? "migration.bandwidth=30TB/day,60TB/day"
    : "fleet.mailboxes=10000,20000";
  const sweepFile = scenarioArg === undefined ? " <scenario>" : file;
  const rows: [string, string][] = [
    ["more runs, narrower intervals:", `maildrill compare${file} --runs ${result.runs * 4}`],
    ["every figure and run as data (or --csv):", `maildrill compare${file} --json --out compare.json`],
    ["how a parameter moves them:", `maildrill sweep${sweepFile} --vary ${sweepPath}`],
    [`replay the worst run (${worst.why}):`, `maildrill run${file}${strategyFlag} --seed ${worst.seed}`],
  ];
  return goingFurtherLines(rows, colors, width);
}

/** A section's heading, then its dimmed note, wrapped between words to fit the width. */
export function titleLines(heading: string, note: string, colors: Palette, width: number): string[] {
  return joinFitting(
    [colors.bold(colors.cyan(heading)), ...wrapWords(note, width).map(colors.dim)],
    width,
    " ",
  );
}

/**
 * "Going further": what each follow-up command is for, beside it when the pairs fit the
 * width, otherwise each command under its description, whole, so it still pastes.
 */
export function goingFurtherLines(
  rows: readonly (readonly [string, string])[],
  colors: Palette,
  width: number,
): string[] {
  // The first row stands in as the header: this table has no column titles.
  const table = renderTable(rows[0]!, rows.slice(1), { indent: "  ", align: ["left", "left"] });
  const fits = table.split("\n").every((line) => visibleWidth(line) <= width);
  const stacked = rows.flatMap(([what, command]) => [
    `  ${what}`,
    ...wrapShellCommand(`    ${command}`, width, "    "),
  ]);
  return [colors.bold(colors.cyan("Going further")), ...(fits ? [table] : stacked)];
}

/** The run with the most mailbox-hours down, over all strategies (first in order on ties). */
function worstRun(result: CompareResult): { strategy: string | null; seed: string; why: string } {
  let best = { strategy: result.strategies[0]!.name, seed: result.seeds[0]!, hours: -1 };
  for (const s of result.strategies)
    for (const run of s.runs) {
      const hours = run.mailboxHoursDown ?? 0;
      if (hours > best.hours) best = { strategy: s.name, seed: run.seed, hours };
    }
  return { strategy: best.strategy, seed: best.seed, why: "most mailbox-hours down" };
}

/** A command-line argument as a shell would need it written. */
export function quoteArg(arg: string): string {
  return /^[\w./@:=+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
