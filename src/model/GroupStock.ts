/**
 * GroupStock: what a protection group holds on disk now — its mailboxes' size at t = 0 plus
 * the mail stored since, less what users expunged — for the two readers that need a size, not
 * a ledger: a migration's copy (its bytes set how long the copy takes) and the OS-bug counters
 * (a copy landing on a node adds that many objects). docs/model.md#fleet.
 *
 * Without expunge (`fleet.expungePerDay` 0, the default) it is the t = 0 size plus the
 * expected messages the integrity ledger holds for the group (`heldMean`, which also drops
 * what a data loss took). With an expunge rate λ (per ms, from a share s per day:
 * λ = −ln(1 − s) / day) every stored message leaves at rate λ, so the t = 0 content decays as
 * e^{−λt} and mail arriving over [a, b] is weighted by (1 − e^{−λ(b − a)}) / (λ(b − a)) at b
 * (exact for arrivals spread evenly over the interval; within λ × 1 day relative for a
 * diurnal profile, < 1% below 1%/day).
 *
 * Contract: with λ = 0 the values are bit-identical to the size + `heldMean` sums used before;
 * it draws nothing. It does not change the ledger: expunged mail was delivered, and the
 * integrity classes count arrivals, not what the user keeps (docs/model.md#known-limitations).
 */
import type { Placement } from "./Placement.js";

export class GroupStock {
  /** Messages stored since t = 0, decayed to `updatedAtMs` (only with expunge). */
  private readonly arrivedDecayed: Float64Array;
  private readonly updatedAtMs: Float64Array;

  constructor(
    private readonly placement: Placement,
    private readonly messageSizeBytes: number,
    private readonly expungePerMs: number,
    /** The ledger's expected messages held by the group (used when nothing is expunged). */
    private readonly heldMean: (group: number) => number,
  ) {
    const expunging = expungePerMs > 0;
    this.arrivedDecayed = new Float64Array(expunging ? placement.groupCount : 0);
    this.updatedAtMs = new Float64Array(expunging ? placement.groupCount : 0);
  }

  /** `count` messages were stored over [fromMs, toMs] (arrivals while Up, or late mail at once). */
  stored(group: number, count: number, fromMs: number, toMs: number): void {
    if (!(this.expungePerMs > 0)) return;
    this.arrivedDecayed[group] = this.decayedTo(group, toMs) + count * this.spreadWeight(toMs - fromMs);
    this.updatedAtMs[group] = toMs;
  }

  /** Messages the group holds at `nowMs`; `pending` arrived since `pendingFromMs` and is not yet recorded. */
  messagesNow(group: number, nowMs: number, pending = 0, pendingFromMs = nowMs): number {
    const initial = this.placement.groupSizeBytes[group]! / this.messageSizeBytes;
    if (!(this.expungePerMs > 0)) return initial + this.heldMean(group) + pending;
    return (
      initial * Math.exp(-this.expungePerMs * nowMs) +
      this.decayedTo(group, nowMs) +
      pending * this.spreadWeight(nowMs - pendingFromMs)
    );
  }

  /** Bytes the group holds at `nowMs` (what a copy must move). */
  bytesNow(group: number, nowMs: number, pending = 0, pendingFromMs = nowMs): number {
    const initialBytes = this.placement.groupSizeBytes[group]!;
    if (!(this.expungePerMs > 0))
      return initialBytes + (this.heldMean(group) + pending) * this.messageSizeBytes;
    return this.messagesNow(group, nowMs, pending, pendingFromMs) * this.messageSizeBytes;
  }

  private decayedTo(group: number, nowMs: number): number {
    return this.arrivedDecayed[group]! * Math.exp(-this.expungePerMs * (nowMs - this.updatedAtMs[group]!));
  }

  /** The share of mail spread evenly over the last `spanMs` still held at its end. */
  private spreadWeight(spanMs: number): number {
    const x = this.expungePerMs * spanMs;
    return x > 1e-12 ? -Math.expm1(-x) / x : 1;
  }
}

/** The continuous expunge rate per ms of a share deleted per day: −ln(1 − s) / day. */
export function expungePerMs(sharePerDay: number, msPerDay: number): number {
  return sharePerDay > 0 ? -Math.log1p(-sharePerDay) / msPerDay : 0;
}
