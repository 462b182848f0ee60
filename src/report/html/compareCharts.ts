/**
 * compareCharts: the Vega-Lite specs of a comparison of strategies — forest plots of the
 * headline figures and of the paired differences against the baseline, availability over
 * time per strategy (median and the band from the lowest to the highest run), and the
 * risk–cost scatter (mailbox-hours down against extra storage).
 *
 * Contract: pure functions of plain rows; colours come from one strategy scale per report,
 * so a strategy has the same colour in every chart. Durations are shown in hours.
 */
import type { TopLevelSpec } from "vega-lite";
import { FIGURE_NAMES, type FigureName } from "../../metrics/runFigures.js";
import type { Estimate } from "../../metrics/statistics.js";
import { FIGURE_DISPLAY } from "../estimateText.js";
import { CHART_WIDTH, hours, timeUnitFor } from "./chartStyle.js";
import { SI_LABEL, timeAxis } from "./runCharts.js";

type Colors = { domain: string[]; range: string[] };
const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** A figure's axis title with its unit; times are drawn in hours. */
export function figureTitle(name: FigureName): string {
  const label = FIGURE_DISPLAY[name].label;
  if (name.endsWith("Ms")) return `${label} (hours)`;
  if (name === "mailboxHoursDown") return `${label} (mailbox-hours)`;
  if (name === "migrationDurationDays") return `${label} (days)`;
  if (name === "extraStorageTBDays") return `${label} (TB-days)`;
  return label;
}

/** A figure's value in the unit the chart shows. */
export function chartValue(name: FigureName, value: number): number {
  return name.endsWith("Ms") ? hours(value) : value;
}

export interface EstimateRow {
  strategy: string;
  estimate: Estimate;
}

/** One panel per figure: each strategy's mean as a point and its 95% interval as a bar. */
export function forestSpec(
  rowsOf: (name: FigureName) => EstimateRow[],
  colors: Colors,
  zeroRule: boolean,
): TopLevelSpec {
  const panels = FIGURE_NAMES.map((name) => {
    const rows = rowsOf(name)
      .filter((r) => r.estimate.mean !== null)
      .map((r) => {
        const mean = chartValue(name, r.estimate.mean!);
        return {
          strategy: r.strategy,
          mean,
          lo: r.estimate.lo === null ? mean : chartValue(name, r.estimate.lo),
          hi: r.estimate.hi === null ? mean : chartValue(name, r.estimate.hi),
        };
      });
    const y = { field: "strategy", type: "nominal", sort: colors.domain, axis: { title: null } };
    const x = { type: "quantitative", axis: { title: null, labelExpr: SI_LABEL, tickCount: 5 } };
    return {
      title: { text: figureTitle(name), fontSize: 13 },
      width: CHART_WIDTH / 2 - 150,
      height: { step: 16 },
      data: { values: rows },
      layer: [
        ...(zeroRule
          ? [{ mark: { type: "rule", color: "#888" }, encoding: { x: { datum: 0, type: "quantitative" } } }]
          : []),
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            y,
            x: { ...x, field: "lo" },
            x2: { field: "hi" },
            color: { field: "strategy", scale: colors, legend: null },
          },
        },
        {
          mark: { type: "point", filled: true, size: 50 },
          encoding: {
            y,
            x: { ...x, field: "mean" },
            color: { field: "strategy", scale: colors, legend: null },
          },
        },
      ],
    };
  });
  return { $schema: SCHEMA, columns: 2, concat: panels, spacing: 24 } as TopLevelSpec;
}

export interface BandSeries {
  strategy: string;
  stepMs: number;
  horizonMs: number;
  median: number[];
  /** The mean over runs: its area is the strategy's mean mailbox-hours down. */
  mean: number[];
  low: number[];
  high: number[];
}

/**
 * One row per strategy: mailboxes down over time — the median over runs (solid), the mean
 * (dashed: outages fall on different days in different runs, so the median alone can stay
 * near zero) and the band from the lowest to the highest run.
 */
export function availabilityBandsSpec(series: readonly BandSeries[], colors: Colors): TopLevelSpec {
  const rows = series.map((s) => {
    const unit = timeUnitFor(s.horizonMs);
    const values = s.median.map((median, i) => ({
      t: (i * s.stepMs) / unit.ms,
      median,
      mean: s.mean[i]!,
      low: s.low[i]!,
      high: s.high[i]!,
      strategy: s.strategy,
    }));
    const peak = Math.max(0, ...s.high);
    return {
      title: { text: s.strategy, color: colors.range[colors.domain.indexOf(s.strategy)]!, fontSize: 13 },
      width: CHART_WIDTH,
      height: 90,
      data: { values },
      encoding: { x: timeAxis(s, unit, s === series.at(-1)) },
      layer: [
        {
          mark: { type: "area", interpolate: "step-after", opacity: 0.25 },
          encoding: {
            y: {
              field: "low",
              type: "quantitative",
              // An empty band still gets whole-number ticks.
              scale: { domain: [0, peak > 0 ? peak : 10] },
              axis: { title: "mailboxes", labelExpr: SI_LABEL, tickCount: 3 },
            },
            y2: { field: "high" },
            color: { field: "strategy", scale: colors, legend: null },
          },
        },
        {
          mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5, strokeDash: [4, 2] },
          encoding: {
            y: { field: "mean", type: "quantitative" },
            color: { field: "strategy", scale: colors, legend: null },
          },
        },
        {
          mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
          encoding: {
            y: { field: "median", type: "quantitative" },
            color: { field: "strategy", scale: colors, legend: null },
          },
        },
      ],
    };
  });
  return { $schema: SCHEMA, vconcat: rows, spacing: 14 } as TopLevelSpec;
}

export interface RiskCostRow {
  strategy: string;
  risk: Estimate;
  cost: Estimate;
}

/** Mailbox-hours down (risk) against extra storage (cost), each with its 95% interval, on log axes (0 drawn at 1). */
export function riskCostSpec(rows: readonly RiskCostRow[], colors: Colors): TopLevelSpec {
  const atLeastOne = (value: number | null, fallback: number) => Math.max(1, value ?? fallback);
  const values = rows
    .filter((r) => r.risk.mean !== null)
    .map((r) => {
      const risk = r.risk.mean!;
      const cost = r.cost.mean ?? 0;
      return {
        strategy: r.strategy,
        risk: atLeastOne(risk, 0),
        riskLo: atLeastOne(r.risk.lo, risk),
        riskHi: atLeastOne(r.risk.hi, risk),
        cost: atLeastOne(cost, 0),
        costLo: atLeastOne(r.cost.lo, cost),
        costHi: atLeastOne(r.cost.hi, cost),
      };
    });
  const log = { type: "log", domainMin: 1, nice: true };
  const x = {
    type: "quantitative",
    scale: log,
    axis: { title: "extra storage (TB-days, log scale; 0 drawn at 1)", labelExpr: SI_LABEL },
  };
  const y = {
    type: "quantitative",
    scale: log,
    axis: { title: "mailbox-hours down (log scale; 0 drawn at 1)", labelExpr: SI_LABEL },
  };
  const color = { field: "strategy", type: "nominal", scale: colors, legend: { title: null } };
  return {
    $schema: SCHEMA,
    width: CHART_WIDTH - 260,
    height: 340,
    data: { values },
    layer: [
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x: { ...x, field: "costLo" },
          x2: { field: "costHi" },
          y: { ...y, field: "risk" },
          color,
        },
      },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y: { ...y, field: "riskLo" },
          y2: { field: "riskHi" },
          x: { ...x, field: "cost" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 110, opacity: 0.9 },
        encoding: {
          x: { ...x, field: "cost" },
          y: { ...y, field: "risk" },
          color,
          shape: {
            field: "strategy",
            type: "nominal",
            scale: { domain: colors.domain },
            legend: { title: null },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
