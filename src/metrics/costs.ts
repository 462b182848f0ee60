/**
 * The cost of one run: the scenario's `costs` prices (src/scenario/costsSchema.ts) times what
 * the run measured, as a total and a breakdown, so strategies can be weighed in one currency.
 *
 * Each line is price × quantity, and the quantity is the run's own figure, never a re-count:
 * mailbox-hours down (availability: not Up, cannot read or cannot accept mail), messages
 * bounced and silently lost (the integrity ledger), TB-days of extra storage (the rollout's
 * integral of bytes held beyond one copy per mailbox, over the time they are really held),
 * TB copied (source → target, rollbacks and a prefill's synthetic writes) and operator-hours (time operators spent on
 * manual failover decisions, up to the horizon). The quantities are kept beside the amounts
 * so a reader can check every line.
 *
 * Contract: pure; `total` is the sum of the breakdown in its listed order.
 */
import type { CostsSpec } from "../scenario/costsSchema.js";

const BYTES_PER_TB = 1e12;

export const COST_LINES = [
  "mailboxHoursDown",
  "bounced",
  "silentlyLost",
  "extraStorageTBDays",
  "copiedTB",
  "operatorHours",
] as const;

export type CostLine = (typeof COST_LINES)[number];

export interface CostQuantities {
  mailboxHoursDown: number;
  bounced: number;
  silentlyLost: number;
  extraStorageTBDays: number;
  copiedBytes: number;
  operatorHours: number;
}

export interface RunCost {
  currency: string;
  total: number;
  /** Amount per line, in the currency. */
  breakdown: Record<CostLine, number>;
  /** The measured quantity each line prices (copied in TB). */
  quantities: Record<CostLine, number>;
}

export function runCost(prices: CostsSpec, measured: CostQuantities): RunCost {
  const quantities: Record<CostLine, number> = {
    mailboxHoursDown: measured.mailboxHoursDown,
    bounced: measured.bounced,
    silentlyLost: measured.silentlyLost,
    extraStorageTBDays: measured.extraStorageTBDays,
    copiedTB: measured.copiedBytes / BYTES_PER_TB,
    operatorHours: measured.operatorHours,
  };
  const price: Record<CostLine, number> = {
    mailboxHoursDown: prices.mailboxHourDown,
    bounced: prices.bouncedMessage,
    silentlyLost: prices.silentlyLostMessage,
    extraStorageTBDays: prices.extraStorageTBDay,
    copiedTB: prices.copiedTB,
    operatorHours: prices.operatorHour,
  };
  const breakdown = Object.fromEntries(
    COST_LINES.map((line) => [line, price[line] * quantities[line]]),
  ) as Record<CostLine, number>;
  let total = 0;
  for (const line of COST_LINES) total += breakdown[line];
  return { currency: prices.currency, total, breakdown, quantities };
}
