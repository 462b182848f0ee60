/**
 * The HTML report of `maildrill run --html`: one run drawn — mailboxes down over time with
 * faults, bug trips, fixes and the reopening shaded and labelled, the migration's progress on
 * the same time axis, the MX spool and senders' queues, the ledger and the time-to-restore
 * distribution — under the same text summary the terminal prints.
 *
 * Contract: a pure function of the run's result, its timeline and the report's meta (the
 * same input gives the same bytes); `runSections` is what the check report reuses.
 */
import type { RunResult } from "../../experiment/runScenario.js";
import { ledgerClasses, type RunTimeline, TTR_PROBABILITIES } from "../../metrics/RunTimeline.js";
import { palette } from "../colors.js";
import { renderRunSummary } from "../runSummary.js";
import { strategyColor } from "./chartStyle.js";
import { escapeHtml, figure, htmlPage, type ReportMeta, type ReportSection } from "./htmlPage.js";
import { renderChart } from "./renderChart.js";
import { availabilitySpec, ledgerSpec, queueSpec, ttrSpec } from "./runCharts.js";

export async function renderRunHtml(
  result: RunResult,
  timeline: RunTimeline,
  meta: ReportMeta,
  strategyIndex: number,
): Promise<string> {
  const summary = renderRunSummary(result.run, result.measurements, palette(false));
  return htmlPage(meta, [
    ...(await runSections(result, timeline, strategyIndex)),
    { heading: "Summary", html: `<pre>${escapeHtml(summary)}</pre>` },
  ]);
}

/** The four pictures of one run, in the order a reader asks: how long down, where mail waited, what it became, how long to restore. */
export async function runSections(
  result: RunResult,
  timeline: RunTimeline,
  strategyIndex: number,
): Promise<ReportSection[]> {
  const name = result.run.strategy ?? "as described";
  const color = strategyColor(strategyIndex);
  const colors = { domain: [name], range: [color] };
  const ledger = ledgerClasses(result.measurements.ledger);
  const restored = timeline.ttrQuantilesMs.length > 0;
  const migrating = result.measurements.rollout !== undefined;
  return [
    {
      heading: `Availability over time (${name})`,
      intro:
        "Mailboxes that cannot receive mail (solid) and cannot be read (dashed), as the mean over each " +
        `${formatStep(timeline.stepMs)} bucket, so the area is the run's mailbox-hours down. Shaded: explicit faults, ` +
        "OS bugs from trip to fix, and the vendor's reopening after the fix." +
        (migrating ? " Below: the share of mailboxes served from the migration target." : ""),
      html: figure(
        "chart-availability",
        await renderChart("availability", availabilitySpec(timeline, color, migrating)),
      ),
    },
    {
      heading: "Deferred mail over time",
      intro:
        "Messages waiting in the MX spool and in the sending servers' deferred queues (mean over each bucket). " +
        "They are delivered late when the store comes back, or bounced when a hold limit or retry schedule gives up.",
      html: figure("chart-queues", await renderChart("queues", queueSpec(timeline))),
    },
    {
      heading: "Mail ledger",
      intro: `Every message that arrived ends in exactly one class (${result.measurements.ledger.reconciles ? "the ledger reconciles" : "the ledger does NOT reconcile"}). The axis is logarithmic so that small classes show (0 is drawn at 1); the numbers are exact.`,
      html: figure(
        "chart-ledger",
        await renderChart("ledger", ledgerSpec([{ strategy: name, ledger }], colors)),
      ),
    },
    {
      heading: "Time to restore",
      intro: restored
        ? "Share of restored outage episodes (weighted by mailboxes) back within a given time."
        : "No outage episode was restored in this run, so there is no distribution to draw.",
      html: restored
        ? figure(
            "chart-ttr",
            await renderChart(
              "ttr",
              ttrSpec(
                [{ strategy: name, quantilesMs: timeline.ttrQuantilesMs, probabilities: TTR_PROBABILITIES }],
                colors,
              ),
            ),
          )
        : "",
    },
  ];
}

function formatStep(stepMs: number): string {
  const hours = stepMs / 3_600_000;
  if (hours >= 24) return `${hours / 24}-day`;
  if (hours >= 1) return `${hours}-hour`;
  return `${stepMs / 60_000}-minute`;
}
