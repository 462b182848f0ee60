/**
 * The HTML report of `maildrill sweep --html`: each headline figure against the varied value,
 * its mean as a line and its 95% interval as a band, one colour per strategy run; with
 * several `--vary`, one small panel per combination of the other varied values (the last
 * `--vary` is the x axis, as it changes fastest in the grid).
 *
 * Contract: a pure function of the sweep result and the meta; the same input gives the same
 * bytes. Values that are all numbers get a numeric axis; otherwise they are placed in grid
 * order as written (`7d`, `30d`, …).
 */
import type { SweepResult } from "../../experiment/sweep.js";
import { FIGURE_NAMES, type FigureName } from "../../metrics/runFigures.js";
import { FIGURE_DISPLAY, scaleOf, summaryFigureText } from "../estimateText.js";
import { valueText } from "../sweepReport.js";
import { strategyScale } from "./chartStyle.js";
import { chartValue, figureTitle } from "./compareCharts.js";
import { figure, htmlPage, htmlTable, type ReportMeta, type ReportSection } from "./htmlPage.js";
import { renderChart } from "./renderChart.js";
import { SI_LABEL } from "./runCharts.js";

const NO_STRATEGY = "as described";

export async function renderSweepHtml(result: SweepResult, meta: ReportMeta): Promise<string> {
  const strategies = [...new Set(result.points.map((p) => p.strategy ?? NO_STRATEGY))];
  const colors = strategyScale(strategies);
  const sections: ReportSection[] = [];
  const xVary = result.vary.at(-1)!;
  const panels = result.vary.length > 1;
  for (const name of FIGURE_NAMES) {
    sections.push({
      heading: figureTitle(name),
      html: figure(`chart-${name}`, await renderChart(name, sweepSpec(result, name, colors, panels))),
    });
  }
  const intro =
    `Each figure against ${xVary.path}: the line is the mean over ${result.runs} run${result.runs === 1 ? "" : "s"} per point, ` +
    `the band its 95% interval; every point uses the same seeds (${result.baseSeed}/i).` +
    (panels
      ? ` One panel per value of ${result.vary
          .slice(0, -1)
          .map((v) => v.path)
          .join(" and ")}.`
      : "");
  // One unit per column, named in its heading, as in the terminal table.
  const scales = FIGURE_NAMES.map((n) =>
    scaleOf(
      n,
      result.points.map((p) => p.summary.figures[n]),
    ),
  );
  const header = [
    ...result.vary.map((v) => v.path),
    "strategy",
    ...FIGURE_NAMES.map((n, i) => FIGURE_DISPLAY[n].short + scales[i]!.unit),
  ];
  const rows = result.points.map((p) => [
    ...p.values.map(valueText),
    p.strategy ?? NO_STRATEGY,
    ...FIGURE_NAMES.map((n, i) => summaryFigureText(p.summary, n, scales[i]!.format)),
  ]);
  return htmlPage(meta, [
    { heading: "How to read it", intro, html: "" },
    ...sections,
    { heading: "Every point", html: `<div style="overflow-x:auto">${htmlTable(header, rows)}</div>` },
  ]);
}

function sweepSpec(
  result: SweepResult,
  name: FigureName,
  colors: { domain: string[]; range: string[] },
  panels: boolean,
) {
  const last = result.vary.length - 1;
  const numeric = result.vary[last]!.values.every((v) => typeof v === "number" && Number.isFinite(v));
  const order = result.vary[last]!.values.map(valueText);
  const rows = result.points.flatMap((p) => {
    const e = p.summary.figures[name];
    if (e.mean === null) return [];
    const mean = chartValue(name, e.mean);
    return [
      {
        x: numeric ? (p.values[last] as number) : valueText(p.values[last]),
        panel: p.values
          .slice(0, last)
          .map((v, i) => `${result.vary[i]!.path}=${valueText(v)}`)
          .join(", "),
        strategy: p.strategy ?? NO_STRATEGY,
        mean,
        lo: e.lo === null ? mean : chartValue(name, e.lo),
        hi: e.hi === null ? mean : chartValue(name, e.hi),
      },
    ];
  });
  const x = numeric
    ? { field: "x", type: "quantitative", axis: { title: result.vary[last]!.path } }
    : { field: "x", type: "ordinal", sort: order, axis: { title: result.vary[last]!.path, labelAngle: 0 } };
  const color = {
    field: "strategy",
    type: "nominal",
    scale: colors,
    legend: { title: "strategy", orient: "bottom", direction: "horizontal" },
  };
  const layered = {
    width: panels ? 240 : 620,
    height: panels ? 150 : 220,
    layer: [
      {
        mark: { type: "area", opacity: 0.2 },
        encoding: { x, y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color },
      },
      {
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: "mean",
            type: "quantitative",
            axis: { title: panels ? null : figureTitle(name), labelExpr: SI_LABEL },
          },
          color,
        },
      },
    ],
  };
  const schema = "https://vega.github.io/schema/vega-lite/v6.json";
  if (!panels)
    return { $schema: schema, data: { values: rows }, ...layered } as Parameters<typeof renderChart>[1];
  // One small chart per panel, laid out in rows of three (a facet would share axes across panels).
  const panelOrder = [...new Set(rows.map((r) => r.panel))];
  return {
    $schema: schema,
    columns: 3,
    resolve: { scale: { y: "shared" } },
    concat: panelOrder.map((panel) => ({
      title: { text: panel, fontSize: 12, fontWeight: "normal" },
      data: { values: rows.filter((r) => r.panel === panel) },
      ...layered,
    })),
  } as Parameters<typeof renderChart>[1];
}
