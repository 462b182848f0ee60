/**
 * chartStyle: what every chart of a report agrees on — one colour per strategy (the same in
 * every chart of a report: the strategy's place in the compared list picks it), the colours
 * of shaded periods and ledger classes, the chart width, and the time unit of time axes
 * (days for a horizon of three days or more, else hours).
 *
 * Contract: pure functions of their arguments; no chart is rendered here.
 */
import { MS_PER_DAY, MS_PER_HOUR } from "../../engine/time.js";

export const CHART_WIDTH = 860;

/** Tableau 10: distinct, colour-blind-friendlier than Vega's default, and printable. */
const STRATEGY_PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** A Vega-Lite colour scale giving each strategy, in list order, its palette colour. */
export function strategyScale(names: readonly string[]): { domain: string[]; range: string[] } {
  return {
    domain: [...names],
    range: names.map((_, i) => STRATEGY_PALETTE[i % STRATEGY_PALETTE.length]!),
  };
}

/** The colour of strategy `index` in the list: for charts of one strategy. */
export function strategyColor(index: number): string {
  return STRATEGY_PALETTE[Math.max(0, index) % STRATEGY_PALETTE.length]!;
}

export const PERIOD_SCALE = {
  domain: ["fault", "bug", "reopening"],
  range: ["#d62728", "#ff7f0e", "#2ca02c"],
};

export interface TimeUnit {
  ms: number;
  /** For axis titles: "days since the start". */
  name: "days" | "hours";
}

export function timeUnitFor(horizonMs: number): TimeUnit {
  return horizonMs >= 3 * MS_PER_DAY ? { ms: MS_PER_DAY, name: "days" } : { ms: MS_PER_HOUR, name: "hours" };
}

/** A duration in the unit a reader expects for its size, for chart data: hours. */
export function hours(ms: number): number {
  return ms / MS_PER_HOUR;
}
