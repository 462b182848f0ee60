/**
 * Placement: which protection group holds each mailbox, and the per-group totals the
 * world needs at every state change (mailboxes, inbound rate, logins).
 *
 * Mailboxes are spread round-robin over the protection groups, so groups are balanced to
 * within one mailbox and the assignment needs no randomness.
 *
 * Contract: the totals always equal the sums over the current members (tests check this).
 */
import { MS_PER_DAY } from "../engine/time.js";
import type { Fleet } from "./Fleet.js";

export class Placement {
  readonly groupOf: Int32Array;
  readonly groupMailboxes: Int32Array;
  /** Σ daily-average inbound rate of the members, per ms. */
  readonly groupRatePerMs: Float64Array;
  readonly groupLoginsPerDay: Float64Array;
  readonly groupSizeBytes: Float64Array;

  constructor(
    fleet: Fleet,
    readonly groupCount: number,
  ) {
    this.groupOf = new Int32Array(fleet.count);
    this.groupMailboxes = new Int32Array(groupCount);
    this.groupRatePerMs = new Float64Array(groupCount);
    this.groupLoginsPerDay = new Float64Array(groupCount);
    this.groupSizeBytes = new Float64Array(groupCount);
    // PERF: group by group with a stride (no modulo per mailbox, totals kept in locals).
    for (let g = 0; g < groupCount; g++) {
      let mailboxes = 0;
      let inboundPerDay = 0;
      let logins = 0;
      let bytes = 0;
      for (let m = g; m < fleet.count; m += groupCount) {
        this.groupOf[m] = g;
        mailboxes += 1;
        inboundPerDay += fleet.inboundPerDay[m]!;
        logins += fleet.loginsPerDay[m]!;
        bytes += fleet.sizeBytes[m]!;
      }
      this.groupMailboxes[g] = mailboxes;
      this.groupRatePerMs[g] = inboundPerDay / MS_PER_DAY;
      this.groupLoginsPerDay[g] = logins;
      this.groupSizeBytes[g] = bytes;
    }
  }
}
