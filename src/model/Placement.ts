/**
 * Placement: which protection group holds each mailbox, and the per-group totals the
 * world needs at every state change (mailboxes, inbound rate, logins, bytes).
 *
 * Mailboxes are spread round-robin over the protection groups (mailbox m in group m mod G),
 * so groups are balanced to within one mailbox and the assignment needs no randomness. The
 * fleet draws its attributes straight into these totals (`Fleet.groupTotals`), so no
 * per-mailbox group index or attribute array is kept.
 *
 * Contract: the totals equal the sums over each group's members, summed in mailbox order.
 */
import { MS_PER_DAY } from "../engine/time.js";
import type { Fleet } from "./Fleet.js";

export class Placement {
  readonly groupMailboxes: Int32Array;
  /** Σ daily-average inbound rate of the members, per ms. */
  readonly groupRatePerMs: Float64Array;
  readonly groupLoginsPerDay: Float64Array;
  readonly groupSizeBytes: Float64Array;

  constructor(
    fleet: Fleet,
    readonly groupCount: number,
  ) {
    const totals = fleet.groupTotals(groupCount);
    // Copies: the fleet's totals are shared by every run on this seed, a run's are its own.
    this.groupMailboxes = totals.mailboxes.slice();
    this.groupRatePerMs = totals.inboundPerDay.map((perDay) => perDay / MS_PER_DAY);
    this.groupLoginsPerDay = totals.loginsPerDay.slice();
    this.groupSizeBytes = totals.sizeBytes.slice();
  }
}
