/**
 * The HTML report of `maildrill compare --html`: which strategy to choose, drawn — a table of
 * every headline figure with its 95% interval, the same as forest plots, the paired
 * differences against the baseline, mailboxes down over time per strategy (median and the
 * band from the lowest to the highest run), time-to-restore curves, the ledger per strategy
 * and the risk–cost scatter.
 *
 * With scenario variants the page opens with the regret table and the verdict, then one group
 * of panels per variant (each the comparison as it came out under that variant).
 *
 * Contract: a pure function of the compare result, the per-run pictures (`picturesOf(variant)[s][i]`:
 * under that variant — undefined without variants — strategy s of the result, run i) and the
 * meta; the same input gives the same bytes. `compareSections` is one comparison's sections
 * without the page.
 */
import type { CompareResult } from "../../experiment/compare.js";
import type { Decision } from "../../experiment/variants.js";
import {
  LEDGER_CLASSES,
  type LedgerClasses,
  type RunPicture,
  TTR_PROBABILITIES,
} from "../../metrics/RunTimeline.js";
import { summaryRows } from "../compareReport.js";
import { formatCount, formatPercent } from "../format.js";
import { GATE_JUDGE_NOTE, gateJudgeTable } from "../gateJudgeReport.js";
import { strategyScale } from "./chartStyle.js";
import { availabilityBandsSpec, type BandSeries, forestSpec, riskCostSpec } from "./compareCharts.js";
import {
  type Cell,
  escapeHtml,
  figure,
  htmlPage,
  htmlTable,
  type ReportMeta,
  type ReportSection,
} from "./htmlPage.js";
import { renderChart } from "./renderChart.js";
import { ledgerSpec, ttrSpec } from "./runCharts.js";

const NO_STRATEGY = "as described";

export async function renderCompareHtml(
  result: CompareResult,
  picturesOf: (variant: string | undefined) => readonly (readonly RunPicture[])[],
  meta: ReportMeta,
): Promise<string> {
  if (result.variants === undefined || result.decision === undefined)
    return htmlPage(meta, await compareSections(result, picturesOf(undefined)));
  const sections: ReportSection[] = [decisionSection(result.decision)];
  for (const [v, variant] of result.variants.entries()) {
    const asCompared = { ...result, strategies: variant.strategies, differences: variant.differences };
    const panels = await compareSections(asCompared, picturesOf(variant.name), `v${v}-`);
    sections.push(
      ...panels.map((panel, k) =>
        k === 0
          ? {
              ...panel,
              heading: `Under variant ${variant.name}: ${panel.heading.toLowerCase()}`,
              intro: `${variant.description ?? "(no description)"}. ${panel.intro ?? ""}`,
            }
          : { ...panel, heading: `${variant.name}: ${panel.heading}` },
      ),
    );
  }
  return htmlPage(meta, sections);
}

/** The regret table across the variants and what it supports choosing. */
function decisionSection(decision: Decision): ReportSection {
  const figure = decision.figure === "cost" ? `expected cost (${decision.currency})` : "mailbox-hours down";
  const header = [
    "strategy",
    ...decision.variants.map((v, k) => `${v} (weight ${formatPercent(decision.weights[k]!)})`),
    "weighted mean",
    "worst regret",
  ];
  const rows = decision.rows.map((row) => [
    row.strategy,
    ...row.perVariant.map(
      (m, v) => `${formatCount(Math.round(m))} (regret ${formatCount(Math.round(row.regret[v]!))})`,
    ),
    formatCount(Math.round(row.weightedMean)),
    formatCount(Math.round(row.maxRegret)),
  ]);
  const verdict =
    decision.robust.length > 0
      ? `${decision.robust.join(" and ")} is best under every variant: a robust choice.`
      : `No strategy is best under every variant. The smallest worst regret is ${decision.choice}'s; ` +
        decision.flips.map((f) => `under ${f.variant}, ${f.best.join(" and ")} would be better`).join("; ") +
        ".";
  return {
    heading: "Which plan, under each assumption",
    intro: `Mean ${figure} per strategy under each variant of the scenario, and its regret: how far it is from the best strategy under that variant (0 = best). ${verdict}`,
    html: `<div style="overflow-x:auto">${htmlTable(header, rows)}</div>`,
  };
}

/**
 * One comparison's sections; `idPrefix` keeps chart ids distinct when one page holds several
 * comparisons (one group of panels per scenario variant).
 * @public
 */
export async function compareSections(
  result: CompareResult,
  pictures: readonly (readonly RunPicture[])[],
  idPrefix = "",
): Promise<ReportSection[]> {
  const names = result.strategies.map((s) => s.name ?? NO_STRATEGY);
  const colors = strategyScale(names);
  const chart = async (id: string, spec: Parameters<typeof renderChart>[1]) =>
    figure(`chart-${idPrefix}${id}`, await renderChart(`${idPrefix}${id}`, spec));
  const sections: ReportSection[] = [
    {
      heading: "Headline figures",
      intro: `Mean [95% interval] over ${result.runs} run${result.runs === 1 ? "" : "s"} per strategy; run i of every strategy uses seed ${result.baseSeed}/i, so they meet the same failures. Every figure is "lower is better".`,
      html: summaryTable(result, names),
    },
    {
      heading: "Figures with their 95% intervals",
      intro: "Each dot is a strategy's mean over its runs, the bar its 95% interval (none with one run).",
      html: await chart(
        "forest",
        forestSpec(
          (name) =>
            result.strategies.map((s, k) => ({ strategy: names[k]!, estimate: s.summary.figures[name] })),
          colors,
          false,
        ),
      ),
    },
  ];
  if (result.differences.length > 0) {
    sections.push({
      heading: `Paired differences against ${result.baseline}`,
      intro: `Each strategy minus ${result.baseline}, run by run on the same seeds: left of the grey line is better than the baseline. An interval that does not cross it is a difference the runs can tell.`,
      html: await chart(
        "differences",
        forestSpec(
          (name) => result.differences.map((d) => ({ strategy: d.strategy, estimate: d.figures[name] })),
          colors,
          true,
        ),
      ),
    });
  }
  const judged = gateJudgeTable([{ variant: undefined, strategies: result.strategies }]);
  if (judged !== undefined)
    sections.push({
      heading: "Judging the gates",
      intro: `How often each gate was wrong over the runs (${GATE_JUDGE_NOTE}).`,
      html: `<div style="overflow-x:auto">${htmlTable(judged.header, judged.rows)}</div>`,
    });
  const curves = ttrCurves(names, pictures);
  const unrestored = names.filter((n) => !curves.some((c) => c.strategy === n));
  sections.push(
    {
      heading: "Mailboxes down over time",
      intro:
        "Per strategy, the mailboxes that cannot receive mail: the median over runs (solid), the mean (dashed; outages fall on different days in different runs, so the median can stay near zero) and the band from the lowest to the highest run (shaded). Each row has its own scale: read the peak on its axis.",
      html: await chart("availability", availabilityBandsSpec(bands(names, pictures), colors)),
    },
    {
      heading: "Time to restore",
      intro:
        "Share of restored outage episodes (weighted by mailboxes) back within a given time; each curve averages the runs' quantiles." +
        (unrestored.length > 0 ? ` No episode to restore under: ${unrestored.join(", ")}.` : ""),
      html: curves.length > 0 ? await chart("ttr", ttrSpec(curves, colors)) : "",
    },
    {
      heading: "Mail ledger per strategy",
      intro:
        "Mean messages per run in each class of the ledger (log axis so that small classes show, 0 drawn at 1; the numbers are exact means).",
      html: await chart("ledger", ledgerSpec(meanLedgers(names, pictures), colors)),
    },
    {
      heading: "Risk and cost",
      intro:
        "Mailbox-hours down (risk) against the storage held beyond one copy per mailbox (cost), with 95% intervals: the strategies nearest the bottom-left corner buy the most safety for the least storage.",
      html: await chart(
        "risk-cost",
        riskCostSpec(
          result.strategies.map((s, k) => ({
            strategy: names[k]!,
            risk: s.summary.figures.mailboxHoursDown,
            cost: s.summary.figures.extraStorageTBDays,
          })),
          colors,
        ),
      ),
    },
  );
  return sections;
}

function summaryTable(result: CompareResult, names: readonly string[]): string {
  const header = [
    "",
    ...names.map((n) => (n === result.baseline && result.differences.length > 0 ? `${n} (baseline)` : n)),
  ];
  // The terminal table's rows (one unit per figure, named in its label), each cell on two lines.
  const rows = summaryRows(result).map(([label, ...cells]) => [label!, ...cells.map(twoLines)]);
  return `<div style="overflow-x:auto">${htmlTable(header, rows)}</div>`;
}

/** `mean [lo, hi] …` as the mean on one line and the rest, smaller, below. */
function twoLines(text: string): Cell {
  const cut = text.indexOf(" [");
  if (cut < 0) return text;
  return { html: `${escapeHtml(text.slice(0, cut))}<br><small>${escapeHtml(text.slice(cut + 1))}</small>` };
}

/** Per strategy and bucket: the median, lowest and highest run's mailboxes down. */
function bands(names: readonly string[], pictures: readonly (readonly RunPicture[])[]): BandSeries[] {
  return names.map((strategy, k) => {
    const runs = pictures[k]!.map((p) => p.timeline);
    const first = runs[0]!;
    const at = (i: number) => runs.map((t) => t.mailboxesWriteDown[i] ?? 0).sort((a, b) => a - b);
    const points = first.mailboxesWriteDown.map((_, i) => at(i));
    return {
      strategy,
      stepMs: first.stepMs,
      horizonMs: first.horizonMs,
      median: points.map(median),
      mean: points.map((v) => v.reduce((sum, x) => sum + x, 0) / v.length),
      low: points.map((v) => v[0]!),
      high: points.map((v) => v.at(-1)!),
    };
  });
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each strategy's time-to-restore quantiles averaged over the runs that restored anything. */
function ttrCurves(names: readonly string[], pictures: readonly (readonly RunPicture[])[]) {
  return names.flatMap((strategy, k) => {
    const runs = pictures[k]!.map((p) => p.timeline.ttrQuantilesMs).filter((q) => q.length > 0);
    if (runs.length === 0) return [];
    const quantilesMs = TTR_PROBABILITIES.map(
      (_, i) => runs.reduce((sum, q) => sum + q[i]!, 0) / runs.length,
    );
    return [{ strategy, quantilesMs, probabilities: TTR_PROBABILITIES }];
  });
}

function meanLedgers(names: readonly string[], pictures: readonly (readonly RunPicture[])[]) {
  return names.map((strategy, k) => {
    const runs = pictures[k]!;
    const ledger = Object.fromEntries(
      LEDGER_CLASSES.map((c) => [c, runs.reduce((sum, p) => sum + p.ledger[c], 0) / runs.length]),
    ) as LedgerClasses;
    return { strategy, ledger };
  });
}
