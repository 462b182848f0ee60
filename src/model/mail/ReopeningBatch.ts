/**
 * ReopeningBatch: groups that reopen in the same instant after the same outage are settled
 * together.
 *
 * When a vendor's fix reopens a node, every group on it comes back at once, and they all went
 * down at the same instant: their outage mail has one shape. Arrivals of several groups are
 * independent Poisson streams, so their sum is one Poisson stream with the summed rate —
 * settling the sum once (the pieces cut at each retry age, the bounces, the late deliveries)
 * is exact in distribution, and costs one settlement instead of one per group. The messages
 * delivered late are then split among the groups in proportion to their rates (a multinomial
 * draw, exact again), because each group keeps its own at risk of a later loss and its
 * node's counters grow with them.
 *
 * PERF: this is what makes a fleet-wide multi-day outage cost per reopening instant rather
 * than per group. Contract: `add` during an instant, and the batch is settled at the end of
 * that instant (maximum priority), in the order the windows were first added.
 */

import { binomial } from "../../engine/distributions.js";
import { MAX_PRIORITY } from "../../engine/EventQueue.js";
import type { Rng } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";

export interface OutageWindow {
  readonly startMs: number;
  readonly spoolEndMs: number;
  readonly restoredAtMs: number;
  /** Start of the arrivals still to settle (the outage start, or a later settlement point). */
  readonly windowStartMs: number;
}

export interface SettleTarget {
  rateOf(group: number): number;
  /** Settles a window's arrivals at a summed rate; returns how many were delivered late. */
  settle(ratePerMs: number, window: OutageWindow, windowEndMs: number): number;
  /** `count` of the messages delivered late belong to `group`. */
  deliver(group: number, count: number): void;
}

export class ReopeningBatch {
  private readonly pending = new Map<string, { window: OutageWindow; groups: number[] }>();

  constructor(
    private readonly sim: Simulation,
    private readonly rng: Rng,
    private readonly target: SettleTarget,
  ) {}

  /** A group reopened now after `window`: settle it with the others of this instant. */
  add(group: number, window: OutageWindow): void {
    if (this.pending.size === 0) this.sim.callAt(this.sim.nowMs, () => this.flush(), MAX_PRIORITY);
    const key = `${window.startMs}/${window.spoolEndMs}/${window.restoredAtMs}/${window.windowStartMs}`;
    const entry = this.pending.get(key);
    if (entry) entry.groups.push(group);
    else this.pending.set(key, { window, groups: [group] });
  }

  /** The windows added this instant and not yet settled, with their groups (read only). */
  pendingWindows(): Iterable<{ readonly window: OutageWindow; readonly groups: readonly number[] }> {
    return this.pending.values();
  }

  /** Settles everything added so far (also called before the run's final accounting). */
  flush(): void {
    const nowMs = this.sim.nowMs;
    for (const { window, groups } of this.pending.values()) this.settleTogether(groups, window, nowMs);
    this.pending.clear();
  }

  /** Settles groups that share a window as one, then splits the late deliveries among them. */
  settleTogether(groups: readonly number[], window: OutageWindow, windowEndMs: number): void {
    let rate = 0;
    for (const g of groups) rate += this.target.rateOf(g);
    let left = this.target.settle(rate, window, windowEndMs);
    let rateLeft = rate;
    for (let i = 0; i < groups.length && left > 0; i++) {
      const g = groups[i]!;
      const share = this.target.rateOf(g);
      const count =
        i === groups.length - 1 || share >= rateLeft ? left : binomial(this.rng, left, share / rateLeft);
      rateLeft -= share;
      left -= count;
      if (count > 0) this.target.deliver(g, count);
    }
  }
}
