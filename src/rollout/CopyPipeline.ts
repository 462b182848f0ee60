/**
 * CopyPipeline: the migration's bounded bandwidth. Copies run one unit at a time at the
 * whole bandwidth, first in first out, so progress is steady and a unit is usable as soon
 * as its own copy lands (sharing the bandwidth among every queued unit would land them all
 * together at the end).
 *
 * A copy starts only when it may (the source readable, the destination able to
 * take it, the rollout not halted); otherwise the pipeline looks again `retryMs` later. A
 * copy whose source or destination failed while it ran is redone.
 *
 * Contract: at most one copy runs; jobs land in queue order; `bytesCopied` counts every
 * byte sent, redone copies included.
 */
import type { Simulation } from "../engine/Simulation.js";

export interface CopyJob {
  readonly group: number;
  /** A copy back to the source (a rollback). */
  readonly back: boolean;
}

export interface CopyHooks {
  bytes(job: CopyJob): number;
  /** Whether the copy may start now (ends readable and able, rollout not halted). */
  mayStart(job: CopyJob): boolean;
  /** Whether a finished copy is good (both ends stayed usable while it ran). */
  intact(job: CopyJob): boolean;
  landed(job: CopyJob): void;
}

export class CopyPipeline {
  private readonly queue: CopyJob[] = [];
  private head = 0;
  private running = false;
  private retryPending = false;
  bytesForward = 0;
  bytesBack = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly bandwidthBytesPerSec: number,
    private readonly retryMs: number,
    private readonly hooks: CopyHooks,
  ) {}

  push(job: CopyJob): void {
    this.queue.push(job);
    this.tryStart();
  }

  /** Drops every queued copy to the target (an abort); copies back stay. */
  dropForwardJobs(): void {
    const kept = this.queue.slice(this.head).filter((job) => job.back);
    this.queue.length = 0;
    this.head = 0;
    this.queue.push(...kept);
  }

  get idle(): boolean {
    return !this.running && this.head === this.queue.length;
  }

  /** Starts the next copy if one is waiting and ready; otherwise looks again later. */
  tryStart(): void {
    if (this.running || this.head === this.queue.length) return;
    const job = this.queue[this.head]!;
    if (!this.hooks.mayStart(job)) {
      this.retryLater();
      return;
    }
    this.head++;
    this.running = true;
    const bytes = this.hooks.bytes(job);
    if (job.back) this.bytesBack += bytes;
    else this.bytesForward += bytes;
    const durationMs = Math.ceil((bytes / this.bandwidthBytesPerSec) * 1000);
    this.sim.callAt(this.sim.nowMs + durationMs, () => this.finish(job));
  }

  private finish(job: CopyJob): void {
    this.running = false;
    if (this.hooks.intact(job)) this.hooks.landed(job);
    else this.queue.splice(this.head, 0, job); // redo it once it can run
    this.tryStart();
  }

  private retryLater(): void {
    if (this.retryPending) return;
    this.retryPending = true;
    this.sim.callAt(this.sim.nowMs + this.retryMs, () => {
      this.retryPending = false;
      this.tryStart();
    });
  }
}
