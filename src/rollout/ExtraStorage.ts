/**
 * ExtraStorage: the storage a migration holds beyond one copy per unit, integrated over time.
 *
 * Idea. While a unit has both its source and its target copy, its bytes are stored twice:
 * that is the migration's storage cost. The cost is the integral of the extra bytes over
 * time, reported in TB-days (docs/model.md#migrations-and-rollout-strategies). The integral
 * is exact: the extra bytes are piecewise constant, so each change first accrues the stretch
 * since the last one.
 *
 * Contract: `change` adds (or, negative, removes) extra bytes at `nowMs`, which never goes
 * back in time; `tbDays(endMs)` accrues up to `endMs` and returns the total so far. It does
 * not decide which copies are extra: the rollout does.
 */
import { MS_PER_DAY } from "../engine/time.js";

const BYTES_PER_TB = 1e12;

export class ExtraStorage {
  private extraBytes = 0;
  private extraByteMs = 0;
  private sinceMs = 0;

  change(bytes: number, nowMs: number): void {
    this.accrue(nowMs);
    this.extraBytes += bytes;
  }

  tbDays(endMs: number): number {
    this.accrue(endMs);
    return this.extraByteMs / BYTES_PER_TB / MS_PER_DAY;
  }

  private accrue(nowMs: number): void {
    this.extraByteMs += this.extraBytes * (nowMs - this.sinceMs);
    this.sinceMs = nowMs;
  }
}
