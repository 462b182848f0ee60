/**
 * CopiesNeverBelowZero: the copies ledger of each group, read from the storage events. A group's
 * copies are its shards less those lost: `shard-lost` takes one away (again on a shard still
 * lost is legal — it kills the rebuild under way, the count stays), `shard-rebuilt` gives
 * one back, and `data-loss` (no copy left) restarts the group empty on all its shards.
 * So a rebuild must follow a loss of that very shard — a copy rebuilt twice would let the
 * next losses take the group below zero copies — and a total data loss needs at least one
 * copy gone.
 */
import { Checker, type EventDetail } from "./Checker.js";

export class CopiesNeverBelowZero extends Checker {
  readonly name = "copies-never-below-zero";
  /** Shards lost and not yet rebuilt, per group. */
  private readonly lost = new Map<number, Set<number>>();

  override storageEvent(kind: string, timeMs: number, detail: EventDetail): void {
    const group = Number(detail.group);
    const lost = this.lost.get(group);
    switch (kind) {
      case "shard-lost":
        if (lost) lost.add(Number(detail.shard));
        else this.lost.set(group, new Set([Number(detail.shard)]));
        return;
      case "shard-rebuilt":
        if (!lost?.delete(Number(detail.shard)))
          this.fail(`shard ${detail.shard} of group ${group} rebuilt at ${timeMs} ms without being lost`);
        return;
      case "data-loss":
        if (!lost || lost.size === 0)
          this.fail(`group ${group} lost its data at ${timeMs} ms with no copy gone`);
        this.lost.delete(group);
        return;
    }
  }
}
