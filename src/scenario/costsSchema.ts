/**
 * `costs`: prices for what a run measures, so strategies can be weighed in one currency
 * (src/metrics/costs.ts turns a run's figures into a total and a breakdown).
 *
 *   costs:
 *     currency: EUR
 *     mailboxHourDown: 0.05
 *     bouncedMessage: 0.01
 *     silentlyLostMessage: 1
 *     extraStorageTBDay: 0.8       # a TB-day of storage held beyond one copy per mailbox
 *     copiedTB: 2                  # per TB a migration copies (either direction)
 *     operatorHour: 60             # per hour operators spend on manual failovers
 *
 * Every price is a plain number ≥ 0 per unit named; an omitted price is 0.
 */
import { z } from "zod";
import { strictObject as strict } from "./strictObject.js";

const price = z.number().nonnegative().finite();

export const costsSchema = strict({
  /** A label printed beside every amount. */
  currency: z.string().min(1).max(8).prefault("EUR").describe("A label printed beside every amount"),
  mailboxHourDown: price.prefault(0).describe("Price of one mailbox-hour down (cannot read or receive mail)"),
  bouncedMessage: price.prefault(0).describe("Price of one bounced message"),
  silentlyLostMessage: price.prefault(0).describe("Price of one silently lost message"),
  extraStorageTBDay: price
    .prefault(0)
    .describe("Price of a TB-day of storage held beyond one copy per mailbox"),
  copiedTB: price
    .prefault(0)
    .describe("Price per TB a migration copies (either direction) or a prefill writes"),
  operatorHour: price.prefault(0).describe("Price of an hour operators spend on manual failovers"),
});

export type CostsSpec = z.output<typeof costsSchema>;
