/**
 * The terminal summary of one run: what an engineer reads first after `maildrill run`.
 *
 * After the migration's own block (when the scenario has one), four blocks answer four questions in order of how much they hurt:
 * how long users were without mail (Availability), what happened to every message (the
 * Mail ledger, with each class's share of arrivals and whether the ledger reconciles), how
 * long restoring took (Time to restore), and what the storage did (event counts). Colour
 * only marks what needs attention (silent loss, bounces, a ledger that does not reconcile);
 * with colour off the text is identical minus the escape codes.
 *
 * The title and the event list break to fit `width` columns (the terminal's, from the CLI).
 *
 * Contract: a pure function of its arguments; about 30 lines, no trailing newline.
 */

import type { Quantiles, RunMeasurements } from "../metrics/RunMeasurements.js";
import type { Palette } from "./colors.js";
import { costBlock } from "./costSummary.js";
import { formatCount, formatDurationMs, formatHours, formatPercent } from "./format.js";
import { rolloutBlock } from "./rolloutSummary.js";
import { renderTable } from "./table.js";
import { joinFitting } from "./wrapText.js";

export interface RunSummaryHeader {
  scenario: string;
  strategy?: string | null;
  seed: string | number;
  horizonMs: number;
  mailboxes: number;
}

const INDENT = "  ";
/** Without a terminal to fit, the width the title and the event list keep to. */
const DEFAULT_WIDTH = 100;

export function renderRunSummary(
  header: RunSummaryHeader,
  m: RunMeasurements,
  colors: Palette,
  width = DEFAULT_WIDTH,
): string {
  const titleParts = [
    colors.bold(`maildrill run · ${header.scenario}${header.strategy ? ` · ${header.strategy}` : ""}`),
    colors.dim(`seed ${header.seed}`),
    colors.dim(`${formatCount(header.mailboxes)} mailboxes`),
    colors.dim(`horizon ${formatDurationMs(header.horizonMs)}`),
  ];
  return [
    ...joinFitting(titleParts, width, colors.dim(" · "), INDENT),
    ...rolloutBlock(m, colors),
    ...availabilityBlock(m, colors),
    ...ledgerBlock(m, colors),
    ...timeToRestoreBlock(m, colors),
    ...integrityBlock(m, colors),
    ...eventsBlock(m, colors, width),
    ...costBlock(m, colors),
  ].join("\n");
}

function heading(text: string, colors: Palette): string {
  return colors.bold(colors.cyan(text));
}

function availabilityBlock(m: RunMeasurements, colors: Palette): string[] {
  const a = m.availability;
  const over = a.mailboxesDownOver;
  return [
    heading("Availability", colors),
    `${INDENT}fleet ${formatPercent(a.fleetAvailability, 4)}   login-weighted ${formatPercent(a.loginWeightedAvailability, 4)}` +
      `   peak down ${formatCount(a.peakMailboxesDown)} mailboxes`,
    `${INDENT}mailbox-hours down ${formatHours(a.mailboxHoursDown)}` +
      ` (cannot read ${formatHours(a.mailboxHoursReadDown)}, cannot receive ${formatHours(a.mailboxHoursWriteDown)})`,
    `${INDENT}mailboxes down >1h ${formatCount(over["1h"])}   >24h ${formatCount(over["24h"])}   >72h ${formatCount(over["72h"])}`,
    // Shown only when blocked storage gave dial-tone (service.dialTone).
    ...(m.integrity.mailboxHoursDataPending > 0
      ? [
          `${INDENT}dial-tone: service restored, data pending ${formatHours(m.integrity.mailboxHoursDataPending)}`,
        ]
      : []),
  ];
}

function ledgerBlock(m: RunMeasurements, colors: Palette): string[] {
  const l = m.ledger;
  const share = (n: number) => (l.arrived > 0 ? formatPercent(n / l.arrived, 4) : "-");
  const flag = (n: number, paint: (text: string) => string) =>
    n > 0 ? paint(formatCount(n)) : formatCount(n);
  // The label column carries the indent, so that the heading and the rows share one table.
  const rows: string[][] = [
    ["arrived", formatCount(l.arrived), share(l.arrived)],
    ["stored intact", formatCount(l.storedIntact), share(l.storedIntact)],
    ["delivered late", formatCount(l.deliveredLate), share(l.deliveredLate)],
    ["recovered", formatCount(l.recovered), share(l.recovered)],
    ["silently lost", flag(l.silentlyLost, (t) => colors.bold(colors.red(t))), share(l.silentlyLost)],
    ["corrupted, served", flag(l.corruptedServed, colors.red), share(l.corruptedServed)],
    ["bounced", flag(l.bounced, colors.yellow), share(l.bounced)],
    ["pending at horizon", formatCount(l.pending), share(l.pending)],
  ].map(([label, ...figures]) => [INDENT + label, ...figures] as string[]);
  const table = renderTable(
    [heading("Mail ledger", colors), colors.dim("messages"), colors.dim("share")],
    rows,
    {
      align: ["left", "right", "right"],
    },
  );
  const reconciles = l.reconciles ? colors.green("✓") : colors.red("✗ does not reconcile");
  return [
    ...table.split("\n"),
    `${INDENT}reconciles ${reconciles}   bounced by MX ${formatCount(l.bouncedByMx)}, by sender ${formatCount(l.bouncedBySender)}`,
    `${INDENT}late delay after restore ${quantilesText(l.lateDelay)}`,
    `${INDENT}mean time queued before late delivery ${formatDurationMs(l.meanSojournMs)}`,
  ];
}

function timeToRestoreBlock(m: RunMeasurements, colors: Palette): string[] {
  const t = m.timeToRestore;
  const curve = t.fleetCurve;
  const reached = (ms: number | null) => (ms === null ? colors.yellow("never") : formatDurationMs(ms));
  return [
    heading("Time to restore", colors),
    `${INDENT}affected ${formatCount(t.affectedMailboxes)} mailboxes   outages restored ${formatCount(t.episodes)}` +
      `   still down at horizon ${t.unrestoredAtHorizon > 0 ? colors.yellow(formatCount(t.unrestoredAtHorizon)) : "0"}`,
    `${INDENT}per mailbox ${quantilesText(t)}`,
    `${INDENT}fleet restored  50% ${reached(curve.t50Ms)}   90% ${reached(curve.t90Ms)}` +
      `   99% ${reached(curve.t99Ms)}   100% ${reached(curve.t100Ms)}`,
  ];
}

/** Data losses and restores: shown only when a group lost every copy. */
function integrityBlock(m: RunMeasurements, colors: Palette): string[] {
  const i = m.integrity;
  if (i.dataLossEvents === 0) return [];
  const lines = [
    heading("Data loss", colors),
    `${INDENT}${colors.red(formatCount(i.dataLossEvents))} groups lost every copy (${formatCount(i.mailboxesWithDataLoss)} mailboxes)` +
      `, first at ${formatDurationMs(i.firstDataLossMs ?? 0)}`,
  ];
  if (i.restores > 0)
    lines.push(
      `${INDENT}restored from backup ${formatCount(i.restores)}   data back after ${quantilesText(i.dataRestore)}`,
    );
  return lines;
}

function quantilesText(q: Quantiles): string {
  const parts: [string, number][] = [
    ["p50", q.p50Ms],
    ["p90", q.p90Ms],
    ["p99", q.p99Ms],
    ["max", q.maxMs],
    ["mean", q.meanMs],
  ];
  return parts.map(([name, ms]) => `${name} ${formatDurationMs(ms)}`).join("   ");
}

/** Event counts on as few lines as fit, in the (sorted) order of the measurements. */
function eventsBlock(m: RunMeasurements, colors: Palette, width: number): string[] {
  const items = Object.entries(m.events).map(([kind, count]) => `${kind} ${formatCount(count)}`);
  if (items.length === 0) return [`${heading("Storage events", colors)} none`];
  const lines = joinFitting(
    items.map((item, i) => (i === 0 ? INDENT + item : item)),
    width,
    " · ",
    INDENT,
  );
  return [heading("Storage events", colors), ...lines];
}
