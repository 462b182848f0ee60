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
    for (let m = 0; m < fleet.count; m++) {
      const g = m % groupCount;
      this.groupOf[m] = g;
      this.groupMailboxes[g]! += 1;
      this.groupRatePerMs[g]! += fleet.inboundPerDay[m]! / MS_PER_DAY;
      this.groupLoginsPerDay[g]! += fleet.loginsPerDay[m]!;
      this.groupSizeBytes[g]! += fleet.sizeBytes[m]!;
    }
  }
}
