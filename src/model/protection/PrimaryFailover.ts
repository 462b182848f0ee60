/**
 * PrimaryFailover: which shard of a replicated group serves, and how service moves off it.
 *
 * Idea. With replication and a quorum of 1 one shard is the primary (docs/model.md#protection-groups).
 * When it cannot serve — or serves read-only while another shard could take writes — service
 * moves only after the failure is noticed: a detection delay, then, in manual mode, an
 * operator's decision (`FailoverDecisions`: a bounded pool working one decision per backend
 * at a time). Meanwhile the group is down (or read-only). When the failover completes the
 * best shard at that moment takes service: the first writable one, else the first read-only
 * one. An asynchronous replica that takes over has missed the last `lag` of acknowledged
 * writes. If the primary recovers first, the pending detection or decision is withdrawn.
 *
 * Contract: `update(group)` is called at every change of the group's shards; it starts,
 * keeps or withdraws a failover and never moves service at once — except when nothing was
 * serving (after a total loss), when the first usable shard serves immediately.
 * `primary[g]` is the group's primary shard within the group (−1: none); the protection
 * groups may set it directly (a cut-over, a restore). A completed failover reports a
 * `failover` event, tells `failedOver`, then `lagLost` (async with a lag), then calls
 * `changed(group)` so access is recomputed. `rank` (how well a shard can serve: 0, 1 or 2)
 * is the protection groups' verdict; this decides nothing about shards' states.
 */
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import { FailoverDecisions } from "./FailoverDecisions.js";
import type { ProtectionHooks, ProtectionSpec } from "./ProtectionGroups.js";

/** Not serving: the lowest rank. */
const UNSERVING = 0;

export class PrimaryFailover {
  /** Each group's primary shard (within the group); −1 when none. */
  readonly primary: Int8Array;
  /** The pending detection of each group's failover; −1 when none. */
  private readonly failoverTimer: Float64Array;
  private readonly decisions: FailoverDecisions;

  constructor(
    groupCount: number,
    private readonly n: number,
    private readonly spec: ProtectionSpec,
    private readonly sim: Simulation,
    rng: RandomStream,
    private readonly rank: (shard: number) => number,
    private readonly hooks: ProtectionHooks,
    private readonly changed: (group: number) => void,
  ) {
    this.primary = new Int8Array(groupCount);
    this.failoverTimer = new Float64Array(groupCount).fill(-1);
    this.decisions = new FailoverDecisions(
      groupCount,
      spec.operators,
      spec.failover.decision,
      sim,
      rng,
      (group) => this.complete(group),
    );
  }

  /** Operator time spent on failover decisions up to `endMs` (running ones counted so far). */
  busyMs(endMs: number): number {
    return this.decisions.busyMs(endMs);
  }

  /**
   * A primary that cannot serve — or serves read-only while another shard could take writes —
   * is replaced after detection (and, in manual mode, a decision).
   */
  update(group: number): void {
    const p = this.primary[group]!;
    const candidate = this.bestShard(group);
    const primaryRank = p < 0 ? UNSERVING : this.rank(group * this.n + p);
    if (candidate < 0) return; // nothing to fail over to; a pending detection runs on
    if (primaryRank >= this.rank(group * this.n + candidate)) {
      this.cancel(group);
      return;
    }
    if (this.failoverTimer[group]! >= 0 || this.decisions.awaiting(group)) return;
    if (p < 0) {
      // Nothing was serving (e.g. after total loss): the first usable shard serves at once.
      this.primary[group] = candidate;
      return;
    }
    this.failoverTimer[group] = this.sim.callAt(this.sim.nowMs + this.spec.failover.detectionMs, () =>
      this.afterDetection(group),
    );
  }

  /** Withdraws a pending detection or decision. */
  cancel(group: number): void {
    if (this.failoverTimer[group]! >= 0) {
      this.sim.cancel(this.failoverTimer[group]!);
      this.failoverTimer[group] = -1;
    }
    this.decisions.withdraw(group);
  }

  /** The first writable shard of a group, else its first read-only one, else −1. */
  bestShard(group: number): number {
    let best = -1;
    let bestRank = UNSERVING;
    for (let s = 0; s < this.n; s++) {
      const rank = this.rank(group * this.n + s);
      if (rank > bestRank) {
        best = s;
        bestRank = rank;
      }
    }
    return best;
  }

  private afterDetection(group: number): void {
    this.failoverTimer[group] = -1;
    if (this.spec.failover.mode === "automatic") this.complete(group);
    else this.decisions.request(group, this.hooks.backendOfShard(this.primary[group]!));
  }

  private complete(group: number): void {
    const base = group * this.n;
    const p = this.primary[group]!;
    const candidate = this.bestShard(group);
    // Nothing better to fail over to (it came back meanwhile, or nothing is left): `update` retries on the next change.
    if (candidate < 0 || (p >= 0 && this.rank(base + p) >= this.rank(base + candidate))) return;
    this.primary[group] = candidate;
    this.hooks.event("failover", { group, to: candidate });
    this.hooks.failedOver(group, candidate);
    if (this.spec.replication === "async" && this.spec.lagMs > 0) this.hooks.lagLost(group, this.spec.lagMs);
    this.changed(group);
  }
}
