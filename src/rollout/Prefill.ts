/**
 * Prefill: a scale test before real mailboxes move (`prefill: { objects, rate, clusters }`).
 *
 * Synthetic message-sized objects are written onto the target's nodes — each node up to
 * `objects` × the objects it will hold once every mailbox has moved (a share of production,
 * so per-node, per-cluster and whole-backend counters all reach that level together) — at
 * `rate` bytes per second over all nodes, every node in step, so the test lasts
 * total bytes / rate. Counter- and fill-triggered bugs then meet production load with no
 * user on the target. The test's own health check looks at the written nodes every
 * `checkEveryMs`: a node that can no longer take writes (blocked or read-only) fails the test
 * at that check, an incident noticed at once (the operators are watching it). Passed or
 * failed, the synthetic objects are deleted when it ends, and the bytes written and the time
 * it took are charged to the rollout (docs/model.md#migrations-and-rollout-strategies).
 *
 * Contract: objects are counted on top of what a node holds when the test starts (a prefill
 * belongs before the first move); the bytes written are exact — the planned total when it
 * completes, the elapsed share of it when it fails or is stopped. No randomness.
 */
import type { Simulation } from "../engine/Simulation.js";
import type { MigrationPort } from "../model/MigrationPort.js";
import { TARGET_SHARD } from "../model/protection/resolveProtection.js";
import type { PrefillStep } from "./compilePlan.js";

export class Prefill {
  private readonly sim: Simulation;
  /** The running test's target shards (one per unit in scope), their rates and planned bytes. */
  private shards: number[] = [];
  private bytesPerMs: number[] = [];
  private plannedBytes: number[] = [];
  /** One target shard per written node: what the health check looks at. */
  private watched: number[] = [];
  private startedMs = 0;
  private durationMs = 0;
  private timer = -1;
  private onEnd: ((failed: boolean) => void) | undefined;
  /** Bytes the last test wrote (for its end event). */
  private lastBytes = 0;
  /** Totals over every prefill step of the run. */
  bytesWritten = 0;
  elapsedMs = 0;

  constructor(
    private readonly port: MigrationPort,
    private readonly checkEveryMs: number,
  ) {
    this.sim = port.sim;
  }

  get running(): boolean {
    return this.onEnd !== undefined;
  }

  /** Starts the test; `onEnd(failed)` is called once when it completes or fails (not when stopped). */
  start(step: PrefillStep, onEnd: (failed: boolean) => void): void {
    const port = this.port;
    this.shards = [];
    this.plannedBytes = [];
    const nodes = new Set<number>();
    this.watched = [];
    for (let g = 0; g < port.groupCount; g++) {
      const shard = g * port.shardCount + TARGET_SHARD;
      if (step.clusters !== undefined && port.shardCluster(shard) >= step.clusters) continue;
      this.shards.push(shard);
      this.plannedBytes.push(step.level * port.groupBytes(g));
      const node = port.shardNode(shard);
      if (!nodes.has(node)) {
        nodes.add(node);
        this.watched.push(shard);
      }
    }
    let total = 0;
    for (const b of this.plannedBytes) total += b;
    this.startedMs = this.sim.nowMs;
    this.durationMs = total > 0 ? Math.max(1, Math.ceil((total * 1000) / step.rateBytesPerSec)) : 0;
    this.bytesPerMs = this.plannedBytes.map((b) => (this.durationMs > 0 ? b / this.durationMs : 0));
    this.onEnd = onEnd;
    port.rolloutEvent("prefill-start", { nodes: nodes.size, bytes: total, durationMs: this.durationMs });
    port.addSyntheticWrites(this.shards, this.bytesPerMs);
    this.check();
  }

  /** Whether every node the last test wrote to can take writes now (true if none ran). */
  targetHealthy(): boolean {
    for (const shard of this.watched) if (!this.port.canReceive(shard)) return false;
    return true;
  }

  /** Ends a running test without calling back (an abort): its objects are deleted all the same. */
  stop(): void {
    if (this.running) this.end();
  }

  private check(): void {
    this.timer = -1;
    const nowMs = this.sim.nowMs;
    if (!this.targetHealthy()) {
      this.finish(true);
      return;
    }
    const endMs = this.startedMs + this.durationMs;
    if (nowMs >= endMs) {
      this.finish(false);
      return;
    }
    this.timer = this.sim.callAt(Math.min(endMs, nowMs + this.checkEveryMs), () => this.check());
  }

  private finish(failed: boolean): void {
    const onEnd = this.onEnd!;
    this.end();
    this.port.rolloutEvent(failed ? "prefill-failed" : "prefill-done", { bytes: this.lastBytes });
    onEnd(failed);
  }

  /** Stops the writes, deletes what was written and charges it. */
  private end(): void {
    if (this.timer >= 0) this.sim.cancel(this.timer);
    this.timer = -1;
    this.onEnd = undefined;
    const elapsedMs = Math.min(this.sim.nowMs - this.startedMs, this.durationMs);
    const done = this.durationMs > 0 ? elapsedMs / this.durationMs : 1;
    const written = this.plannedBytes.map((b) => (done >= 1 ? b : b * done));
    this.port.addSyntheticWrites(
      this.shards,
      this.bytesPerMs.map((r) => -r),
    );
    this.port.deleteSynthetic(this.shards, written);
    this.lastBytes = 0;
    for (const b of written) this.lastBytes += b;
    this.bytesWritten += this.lastBytes;
    this.elapsedMs += this.sim.nowMs - this.startedMs;
  }
}
