/**
 * The cost block of `maildrill run`'s summary: a priced run's total and, line by line, the
 * quantity priced and its amount, so the total can be checked by eye (src/metrics/costs.ts).
 *
 * Contract: pure; no lines for a run without `measurements.cost`.
 */
import { COST_LINES, type CostLine } from "../metrics/costs.js";
import type { RunMeasurements } from "../metrics/RunMeasurements.js";
import type { Palette } from "./colors.js";
import { formatCount } from "./format.js";
import { renderTable } from "./table.js";

const LABELS: Record<CostLine, string> = {
  mailboxHoursDown: "mailbox-hours down",
  bounced: "messages bounced",
  silentlyLost: "messages silently lost",
  extraStorageTBDays: "extra storage, TB-days",
  copiedTB: "copied, TB",
  operatorHours: "operator-hours",
};

export function costBlock(m: RunMeasurements, colors: Palette): string[] {
  const cost = m.cost;
  if (cost === undefined) return [];
  const quantity = (x: number) =>
    Math.abs(x) >= 100 || x === 0 ? formatCount(x) : String(Number(x.toPrecision(3)));
  const rows = COST_LINES.map((line) => [
    LABELS[line],
    quantity(cost.quantities[line]),
    `${formatCount(cost.breakdown[line])} ${cost.currency}`,
  ]);
  return [
    colors.bold(colors.cyan(`Cost ${formatCount(cost.total)} ${cost.currency}`)),
    renderTable(["", "quantity", "amount"], rows, { indent: "  ", align: ["left", "right", "right"] }),
  ];
}
