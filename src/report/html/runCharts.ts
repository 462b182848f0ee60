/**
 * runCharts: the Vega-Lite specs of one run's pictures, shared by the run and check reports —
 * mailboxes down over time with its shaded periods and the migration's progress on the same
 * time axis, the MX spool and the senders' deferred queues, the ledger, and the
 * time-to-restore distribution.
 *
 * Contract: pure functions from a RunTimeline (and ledger) to a spec; the data is the
 * timeline's bucket means, drawn as steps from each bucket's start. Nothing is rendered here.
 */
import type { TopLevelSpec } from "vega-lite";
import { LEDGER_CLASSES, type LedgerClasses, type RunTimeline } from "../../metrics/RunTimeline.js";
import { CHART_WIDTH, hours, PERIOD_SCALE, type TimeUnit, timeUnitFor } from "./chartStyle.js";

/** Axis labels in SI steps with B for billions (d3's "G" reads as giga-something). */
export const SI_LABEL = "replace(format(datum.value, '~s'), 'G', 'B')";

/** The x encoding every time chart of a run uses, over the whole horizon. */
export function timeAxis(timeline: { horizonMs: number }, unit: TimeUnit, title = true) {
  return {
    field: "t",
    type: "quantitative" as const,
    scale: { domain: [0, timeline.horizonMs / unit.ms], nice: false },
    axis: { title: title ? `${unit.name} since the start` : null, tickMinStep: 1 },
  };
}

/** One row per bucket start (plus the horizon, so the last step has a width) for each series. */
function seriesRows(
  timeline: RunTimeline,
  unit: TimeUnit,
  series: readonly { name: string; values: readonly number[] }[],
): { t: number; series: string; value: number }[] {
  const rows: { t: number; series: string; value: number }[] = [];
  for (const { name, values } of series) {
    values.forEach((value, i) => {
      rows.push({ t: (i * timeline.stepMs) / unit.ms, series: name, value });
    });
    if (values.length > 0)
      rows.push({ t: timeline.horizonMs / unit.ms, series: name, value: values.at(-1)! });
  }
  return rows;
}

// Legends inside the chart's top corners: the vconcat would put an outside legend under the last panel.
const PERIOD_LEGEND = {
  title: "shaded",
  orient: "top-right" as const,
  symbolType: "square",
  symbolOpacity: 0.45,
  fillColor: "rgba(255,255,255,0.85)",
};

/** Mailboxes down (read and write), periods shaded and labelled, and the share migrated below. */
export function availabilitySpec(timeline: RunTimeline, color: string, migrating: boolean): TopLevelSpec {
  const unit = timeUnitFor(timeline.horizonMs);
  const rows = seriesRows(timeline, unit, [
    { name: "cannot receive mail", values: timeline.mailboxesWriteDown },
    { name: "cannot be read", values: timeline.mailboxesReadDown },
  ]);
  const periods = timeline.periods.map((p, i) => ({
    t: p.startMs / unit.ms,
    t2: Math.max(p.endMs, p.startMs) / unit.ms,
    kind: p.kind,
    label: p.label,
    row: i % 3,
  }));
  const marks = timeline.marks.map((m, i) => ({ t: m.timeMs / unit.ms, label: m.label, row: i % 3 }));
  const migrated = seriesRows(timeline, unit, [{ name: "migrated", values: timeline.migratedShare }]);
  const x = timeAxis(timeline, unit);
  const top = {
    width: CHART_WIDTH,
    height: 280,
    title: "Mailboxes down",
    layer: [
      {
        data: { values: periods },
        mark: { type: "rect" as const, opacity: 0.16 },
        encoding: {
          x: { ...x, field: "t" },
          x2: { field: "t2" },
          color: { field: "kind", type: "nominal" as const, scale: PERIOD_SCALE, legend: PERIOD_LEGEND },
        },
      },
      ...(["left", "right"] as const).map((align) => ({
        data: { values: periods },
        // Labels in the last fifth of the axis are drawn leftwards from the period's end, inside the chart.
        transform: [
          { filter: `(datum.t > ${0.8 * (timeline.horizonMs / unit.ms)}) === ${align === "right"}` },
        ],
        mark: {
          type: "text" as const,
          align,
          baseline: "top" as const,
          dx: align === "left" ? 3 : -3,
          fontSize: 11,
        },
        encoding: {
          x: { field: align === "left" ? "t" : "t2", type: "quantitative" as const },
          y: { value: 0 },
          yOffset: { field: "row", type: "quantitative" as const, scale: { domain: [0, 3], range: [4, 46] } },
          text: { field: "label" },
          color: { field: "kind", type: "nominal" as const, scale: PERIOD_SCALE, legend: PERIOD_LEGEND },
        },
      })),
      {
        data: { values: rows },
        mark: { type: "line" as const, interpolate: "step-after" as const, strokeWidth: 2 },
        encoding: {
          x: { field: "t", type: "quantitative" as const },
          y: {
            field: "value",
            type: "quantitative" as const,
            axis: { title: "mailboxes", labelExpr: SI_LABEL, tickMinStep: 1 },
          },
          strokeDash: {
            field: "series",
            type: "nominal" as const,
            legend: { title: null, orient: "top-left" as const, fillColor: "rgba(255,255,255,0.85)" },
            scale: {
              domain: ["cannot receive mail", "cannot be read"],
              range: [
                [1, 0],
                [5, 3],
              ],
            },
          },
          color: { value: color },
        },
      },
      ...markLayers(marks),
    ],
    resolve: { scale: { yOffset: "independent" } },
  };
  const bottom = {
    width: CHART_WIDTH,
    height: 90,
    title: "Migration progress",
    data: { values: migrated },
    mark: { type: "area" as const, interpolate: "step-after" as const, color, opacity: 0.5, line: true },
    encoding: {
      x,
      y: {
        field: "value",
        type: "quantitative" as const,
        scale: { domain: [0, 1] },
        axis: { title: "share migrated", format: "~%", tickCount: 3 },
      },
    },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    vconcat: migrating ? [top, bottom] : [top],
    resolve: { scale: { color: "independent" } },
  } as TopLevelSpec;
}

/** Dashed rules with a label at the bottom for each mark (first incident, abort, …). */
function markLayers(marks: readonly { t: number; label: string; row: number }[]) {
  if (marks.length === 0) return [];
  return [
    {
      data: { values: marks },
      mark: { type: "rule" as const, strokeDash: [4, 3], color: "#555" },
      encoding: { x: { field: "t", type: "quantitative" as const } },
    },
    {
      data: { values: marks },
      mark: {
        type: "text" as const,
        align: "left" as const,
        baseline: "bottom" as const,
        dx: 3,
        fontSize: 11,
        color: "#333",
      },
      encoding: {
        x: { field: "t", type: "quantitative" as const },
        y: { value: 280 },
        yOffset: { field: "row", type: "quantitative" as const, scale: { domain: [0, 3], range: [-4, -46] } },
        text: { field: "label" },
      },
    },
  ];
}

export function queueSpec(timeline: RunTimeline): TopLevelSpec {
  const unit = timeUnitFor(timeline.horizonMs);
  const rows = seriesRows(timeline, unit, [
    { name: "MX spool", values: timeline.mxSpoolMessages },
    { name: "senders' deferred queues", values: timeline.senderQueueMessages },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: 200,
    data: { values: rows },
    mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
    encoding: {
      x: timeAxis(timeline, unit),
      y: { field: "value", type: "quantitative", axis: { title: "messages waiting", labelExpr: SI_LABEL } },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: ["MX spool", "senders' deferred queues"], range: ["#4e79a7", "#e15759"] },
        legend: { title: null, orient: "top-right" },
      },
    },
  } as TopLevelSpec;
}

const LEDGER_LABELS: Record<keyof LedgerClasses, string> = {
  storedIntact: "stored intact",
  deliveredLate: "delivered late",
  recovered: "recovered from backup",
  silentlyLost: "silently lost",
  corruptedServed: "corrupted, served",
  bounced: "bounced",
  pending: "pending at the horizon",
};

/** The ledger's classes as bars on a log axis (a zero is drawn at 1), one group per strategy; exact counts as text. */
export function ledgerSpec(
  ledgers: readonly { strategy: string; ledger: LedgerClasses }[],
  colors: { domain: string[]; range: string[] },
): TopLevelSpec {
  const rows = ledgers.flatMap(({ strategy, ledger }) =>
    LEDGER_CLASSES.map((c) => ({
      strategy,
      ledgerClass: LEDGER_LABELS[c],
      messages: ledger[c],
      drawn: Math.max(1, ledger[c]),
    })),
  );
  const many = ledgers.length > 1;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH - 260,
    height: { step: many ? 11 : 24 },
    data: { values: rows },
    layer: [
      // A bar on a log axis needs a base: it grows from 1 (where 0 is drawn).
      { mark: { type: "bar" }, encoding: { x2: { datum: 1 } } },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: many ? 10 : 12 },
        encoding: { text: { field: "messages", type: "quantitative", format: ",.0f" } },
      },
    ],
    encoding: {
      y: {
        field: "ledgerClass",
        type: "nominal",
        sort: LEDGER_CLASSES.map((c) => LEDGER_LABELS[c]),
        axis: { title: null, labelLimit: 220 },
      },
      ...(many ? { yOffset: { field: "strategy", type: "nominal", sort: colors.domain } } : {}),
      x: {
        field: "drawn",
        type: "quantitative",
        // Room at the right for the longest bar's number.
        scale: { type: "log", domain: [1, Math.max(10, ...rows.map((r) => r.drawn)) * 400] },
        axis: {
          title: many
            ? "messages, mean per run (log scale; 0 drawn at 1)"
            : "messages (log scale; 0 drawn at 1)",
          labelExpr: SI_LABEL,
          grid: false,
        },
      },
      color: {
        field: "strategy",
        type: "nominal",
        scale: colors,
        legend: many ? { title: null, orient: "bottom", direction: "horizontal" } : null,
      },
    },
  } as TopLevelSpec;
}

/** Time-to-restore CDFs: share of restored mailbox-episodes back within x hours, one line per strategy. */
export function ttrSpec(
  curves: readonly { strategy: string; quantilesMs: readonly number[]; probabilities: readonly number[] }[],
  colors: { domain: string[]; range: string[] },
): TopLevelSpec {
  const rows = curves.flatMap(({ strategy, quantilesMs, probabilities }) =>
    quantilesMs.map((q, i) => ({ strategy, hours: Math.max(hours(q), 1 / 60), share: probabilities[i]! })),
  );
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH - 180,
    height: 240,
    data: { values: rows },
    mark: { type: "line", interpolate: "step-after", strokeWidth: 2.5, opacity: 0.85 },
    encoding: {
      x: {
        field: "hours",
        type: "quantitative",
        scale: { type: "log", padding: 14 },
        axis: { title: "time to restore (hours, log scale)", format: "~g" },
      },
      y: {
        field: "share",
        type: "quantitative",
        axis: { title: "share of mailbox-episodes restored", format: "~%" },
      },
      color: { field: "strategy", type: "nominal", scale: colors, legend: { title: null } },
    },
  } as TopLevelSpec;
}
