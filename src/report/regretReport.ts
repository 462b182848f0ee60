/**
 * The terminal report of `maildrill compare` on a scenario with variants: the decision, not
 * every figure. One table gives each strategy's decision figure (total cost, else
 * mailbox-hours down) under each variant, its weighted mean and worst case; a second gives
 * the regret (distance from the best strategy under that variant) and the largest regret;
 * then the verdict — the robust choice, or the choice with the least largest regret and the
 * assumptions under which another strategy wins — how often each gate was wrong under each
 * variant (gateJudgeReport.ts, only for strategies with gates) — and the commands that go deeper (one
 * variant's full table, more runs, a replay).
 *
 * Contract: a pure function of a compare result that has a `decision` (and its `variants`),
 * the palette and how the scenario was named on the command line; no trailing newline.
 */
import type { CompareResult } from "../experiment/compare.js";
import type { Decision } from "../experiment/variants.js";
import type { Palette } from "./colors.js";
import { goingFurtherLines, quoteArg, titleLines } from "./compareReport.js";
import { fitTable } from "./fitTable.js";
import { formatCount, formatDurationMs } from "./format.js";
import { gateJudgeLines } from "./gateJudgeReport.js";
import { joinFitting, wrapWords } from "./wrapText.js";

export function renderRegretReport(
  result: CompareResult,
  colors: Palette,
  scenarioArg?: string,
  width = Number.POSITIVE_INFINITY,
): string {
  const decision = result.decision!;
  const file = scenarioArg === undefined ? "" : ` ${quoteArg(scenarioArg)}`;
  const title = (heading: string, note: string) => titleLines(heading, note, colors, width);
  return [
    ...headerLines(result, colors, width),
    "",
    ...title(
      `${figureLabel(decision)} under each variant`,
      `(mean over ${result.runs} runs; lower is better)`,
    ),
    figureTable(decision, colors, width),
    "",
    ...title("Regret", "(how far each strategy is from the best strategy under that variant; 0 = best)"),
    regretTable(decision, colors, width),
    "",
    ...verdictLines(decision, colors).flatMap((line) => wrapKeepingIndent(line, width)),
    "",
    ...judgeLines(result, colors, width),
    ...furtherLines(result, colors, file, width),
  ].join("\n");
}

/** The judge of the judges under every variant, then a blank line; nothing when no strategy has gates. */
function judgeLines(result: CompareResult, colors: Palette, width: number): string[] {
  const worlds = result.variants!.map((v) => ({ variant: v.name, strategies: v.strategies }));
  const lines = gateJudgeLines(worlds, colors, width);
  return lines.length > 0 ? [...lines, ""] : [];
}

function headerLines(result: CompareResult, colors: Palette, width: number): string[] {
  const s = result.scenario;
  const variants = result.variants!;
  const seeds =
    result.runs === 1 ? `seed ${result.seeds[0]}` : `seeds ${result.seeds[0]} … ${result.seeds.at(-1)}`;
  const weights = variants.map((v, k) => `${v.name} ${formatShare(result.decision!.weights[k]!)}`).join(", ");
  const parts = [
    colors.bold(`maildrill compare · ${s.name}`),
    colors.dim(
      `${variants.length} variants × ${result.strategies.length} strategies × ${result.runs} runs on ${seeds}`,
    ),
    colors.dim(`${formatCount(s.mailboxes)} mailboxes`),
    colors.dim(`horizon ${formatDurationMs(s.horizonMs)}`),
  ];
  return [
    ...joinFitting(parts, width, colors.dim(" · "), "  "),
    ...wrapWords(
      `run i of every strategy under every variant uses seed ${result.baseSeed}/i; weights: ${weights}`,
      width,
    ).map(colors.dim),
    ...variants.flatMap((v) =>
      wrapWords(`${v.name}: ${v.description ?? "(no description)"}`, width - 2, "  ").map((line) =>
        colors.dim(`  ${line}`),
      ),
    ),
  ];
}

function figureLabel(decision: Decision): string {
  return decision.figure === "cost" ? `Expected cost (${decision.currency})` : "Mailbox-hours down";
}

function figureTable(decision: Decision, colors: Palette, width: number): string {
  const header = ["", ...decision.variants, "weighted mean", "worst"].map((h) => colors.bold(h));
  const rows = decision.rows.map((row) => [
    row.strategy,
    ...row.perVariant.map((value, v) =>
      markBest(formatAmount(value), decision.best[v]!.includes(row.strategy), colors),
    ),
    formatAmount(row.weightedMean),
    formatAmount(row.worst),
  ]);
  return fitTable(header, rows, { width, align: ["left", ...header.slice(1).map(() => "right" as const)] });
}

function regretTable(decision: Decision, colors: Palette, width: number): string {
  const header = ["", ...decision.variants, "max regret"].map((h) => colors.bold(h));
  const rows = decision.rows.map((row) => [
    row.strategy,
    ...row.regret.map((value) => formatAmount(value)),
    row.strategy === decision.choice
      ? colors.green(formatAmount(row.maxRegret))
      : formatAmount(row.maxRegret),
  ]);
  return fitTable(header, rows, { width, align: ["left", ...header.slice(1).map(() => "right" as const)] });
}

/** A line wrapped at words, its own leading indent kept and continued two columns further in. */
function wrapKeepingIndent(line: string, width: number): string[] {
  const indent = line.slice(0, line.length - line.trimStart().length);
  return wrapWords(line.trimStart(), width - indent.length, "  ").map((part) => indent + part);
}

/** The verdict in words: robust, or which assumption flips the choice. */
function verdictLines(decision: Decision, colors: Palette): string[] {
  if (decision.robust.length > 0) {
    const names = decision.robust.join(" and ");
    return [
      colors.bold(`Verdict: ${names} ${decision.robust.length > 1 ? "are" : "is"} robust`) +
        ` — best under every variant (${decision.variants.join(", ")}).`,
    ];
  }
  const choice = decision.rows.find((r) => r.strategy === decision.choice)!;
  const lines = [
    colors.bold("Verdict: no strategy is best under every variant; the choice depends on the world."),
  ];
  for (const [winners, variants] of groupByBest(decision))
    lines.push(`  ${winners} ${winners.includes(",") ? "are" : "is"} best under ${variants.join(", ")}`);
  lines.push(
    `  least largest regret: ${decision.choice} (${formatAmount(choice.maxRegret)}; worst case ${formatAmount(choice.worst)})`,
  );
  const flipGroups = new Map<string, string[]>();
  for (const f of decision.flips) {
    const winners = f.best.join(" or ");
    flipGroups.set(winners, [...(flipGroups.get(winners) ?? []), f.variant]);
  }
  const under =
    flipGroups.size === 1
      ? `${[...flipGroups.keys()][0]} wins`
      : [...flipGroups]
          .map(([winners, variants]) => `${winners} wins under ${variants.join(", ")}`)
          .join("; ");
  lines.push(
    `The deciding assumption is what ${decision.flips.map((f) => f.variant).join(" and ")} assume and the others do not: ` +
      `if it holds, ${under}; if you cannot tell, ${decision.choice} keeps the largest regret smallest.`,
  );
  return lines;
}

/** Variants grouped by the strategies best under them, in variant order. */
function groupByBest(decision: Decision): [string, string[]][] {
  const groups = new Map<string, string[]>();
  decision.variants.forEach((variant, v) => {
    const winners = decision.best[v]!.join(", ");
    groups.set(winners, [...(groups.get(winners) ?? []), variant]);
  });
  return [...groups];
}

function furtherLines(result: CompareResult, colors: Palette, file: string, width: number): string[] {
  const variants = result.variants!;
  const worst = worstRun(result);
  const rows: [string, string][] = [
    [`one variant, every figure:`, `maildrill compare${file} --variants ${variants.at(-1)!.name}`],
    ["narrower intervals:", `maildrill compare${file} --precision 10% --max-runs ${result.runs * 8}`],
    ["every figure and run as data:", `maildrill compare${file} --json --out out/compare.json   (or --csv)`],
    ["the scenario as written only:", `maildrill compare${file} --variants none`],
    [
      `replay the worst run (${worst.variant}):`,
      `maildrill run${file} --variant ${worst.variant} --strategy ${worst.strategy} --seed ${worst.seed}`,
    ],
  ];
  return goingFurtherLines(rows, colors, width);
}

/** The run with the most mailbox-hours down over every variant and strategy (first on ties). */
function worstRun(result: CompareResult): { variant: string; strategy: string | null; seed: string } {
  let worst = {
    variant: result.variants![0]!.name,
    strategy: result.strategies[0]!.name,
    seed: result.seeds[0]!,
    hours: -1,
  };
  for (const v of result.variants!)
    for (const s of v.strategies)
      for (const run of s.runs)
        if ((run.mailboxHoursDown ?? 0) > worst.hours)
          worst = { variant: v.name, strategy: s.name, seed: run.seed, hours: run.mailboxHoursDown ?? 0 };
  return worst;
}

function markBest(text: string, best: boolean, colors: Palette): string {
  return best ? colors.green(`${text} ✓`) : `${text}  `;
}

/** Three significant digits with k / M / G: a decision table is read by order of magnitude. */
export function formatAmount(value: number): string {
  const abs = Math.abs(value);
  if (abs < 10_000) return formatCount(value);
  for (const [size, unit] of [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ] as const)
    if (abs >= size) return `${Number((value / size).toPrecision(3))} ${unit}`;
  return formatCount(value);
}

function formatShare(weight: number): string {
  return `${Number((weight * 100).toPrecision(3))}%`;
}
