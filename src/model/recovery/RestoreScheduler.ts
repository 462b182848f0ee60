/**
 * RestoreScheduler: the restore pipeline, bytes moved at a bounded bandwidth.
 *
 * Idea. A restore (from backup, a re-replication, a RAID rebuild) is a byte stream, and what
 * limits it is bandwidth: the pool's (the backup store's network or tape drives, B bytes/s
 * in all) and each stream's own (one restore process, one tape drive, one target disk: r
 * bytes/s). So the pipeline shares B *equally* among the active jobs, each capped at r, with
 * at most `parallelism` of them active: a job runs at min(B/n, r) when n are active. With no
 * stream cap (r = ∞) 1 is one stream working strictly one job after another (an M/G/1 FIFO
 * queue when requests are Poisson), Infinity is processor sharing (M/G/1-PS), and c in
 * between is c equal shares of one pool (a lone job gets all of B) — which, for exponential
 * sizes, is M/M/1 at rate B whatever c is: parallelism alone never helps. With the cap and
 * B ≥ c·r, c streams are c servers of rate r: an M/M/c queue (Erlang C,
 * docs/validation.md#mmc-restores), where a lone job gets only r. Waiting jobs start, one
 * per freed slot, in the order `order` sets; a running job is never pre-empted.
 *
 * When to choose. A slot freed at an exact time t inside a ms is filled at t from the jobs
 * already waiting. Anything that happens *at* a whole ms — submissions, a cancel, a
 * completion landing exactly on the ms — is settled by one dispatch at the end of that ms
 * (an event at MAX_PRIORITY, after the ordinary events of that ms), so jobs submitted
 * together are ordered together: a list submitted at t = 0 in any order restores in the
 * order `order` says. No time passes before the dispatch, so the start time is still exact;
 * until it runs, a job just submitted counts as queued.
 *
 * Exact time. The simulation clock is integer ms but a byte stream ends at a fractional
 * time. The scheduler keeps its own exact clock: every completion is computed at its exact
 * time, reported at that time, and only its *event* is put at the next whole ms
 * (`Math.ceil`). Progress always runs on exact times, never on event times, so rounding never
 * accumulates: the docs/validation.md#restoring-a-known-list schedules come out exact to floating point.
 *
 * Progress in O(log n). Instead of decrementing every active job's remaining bytes at each
 * change, the scheduler keeps a virtual clock `V`: the bytes a job active throughout would
 * have received so far. With n active jobs V grows at min(B/n, r). A job that starts at V₀ finishes
 * when V reaches V₀ + size, so the next completion is the smallest such finish value in a
 * heap, and a change of the active set only changes the slope of V. V restarts at 0 whenever
 * the pipeline goes idle, so it stays a small number next to the job sizes.
 *
 * Why its own heap beside the engine's `EventQueue`. The event queue is a heap specialised
 * for the run loop: typed arrays keyed by (integer ms, priority, insertion) with handles for
 * cancellation, and nothing else. The two heaps here order job records by comparators the
 * queue cannot express — fractional finish values of the virtual clock, and the restore
 * orders' multi-key rules (size, tier, activity, then submission) — and drop withdrawn jobs
 * lazily. Bending the queue to these keys would slow the hot path of every run for a
 * structure that holds at most the restores in flight, so `MinHeap` (end of this file) is a
 * small generic comparator heap.
 *
 * Contract:
 * - `submit` enters a job at `sim.nowMs`. A job of 0 bytes completes at once (it needs no
 *   slot: nothing is moved), and `onComplete` is called from inside `submit`.
 * - Order of starts: "fifo" submission order; "smallest-first" (SPT, Smith's rule);
 *   "largest-first" (LPT); "most-active-first" highest `activity` first (missing counts as
 *   0); "tier-first" lowest `tier` first (missing counts as +Infinity, after every tiered
 *   job), then smallest-first. Ties always go to the earlier submission, so the order is
 *   total and the run deterministic. Jobs that complete at the same exact time are reported
 *   in (finish value, submission) order.
 * - `onComplete(jobId, completedAtMs)` gets the exact (fractional) completion time; it is
 *   called with the simulation clock at `Math.ceil(completedAtMs)`, and may submit or cancel.
 *   A submit, cancel or query in the same ms first completes every job whose exact time is
 *   not after `sim.nowMs`, so the order of events within one ms never changes the result.
 * - `cancel(jobId)` withdraws a queued or active job (its bytes so far are wasted) and is
 *   false when the job is unknown or already complete. An id may be reused only after its
 *   job has left.
 * - Every active job receives bytes at min(B/n, r) with n active jobs, never more than r and
 *   never more than its share of B; the running jobs together never exceed B.
 * - More bandwidth never delays a completion under FIFO or processor sharing; under the
 *   priority orders with staggered arrivals it can (a scheduling anomaly: a job that would
 *   have waited for a better one starts first and blocks it). The tests pin an example.
 * - Little's law, sample path: over [0, t] with nothing in the system at t,
 *   `jobsInSystemIntegralMs(t)` = `completedSojournSumMs` + `withdrawnSojournSumMs`.
 */
import { MAX_PRIORITY } from "../../engine/EventQueue.js";
import type { Simulation } from "../../engine/Simulation.js";

export type RestoreOrder = "fifo" | "smallest-first" | "largest-first" | "most-active-first" | "tier-first";

export interface RestoreSchedulerOptions {
  /** The pool B shared by the active jobs. */
  bandwidthBytesPerSec: number;
  /** Each job's own cap r (one stream); omitted or Infinity: a job may take all of its share. */
  streamBandwidthBytesPerSec?: number;
  /** Most jobs active at once: an integer ≥ 1, or Infinity for processor sharing. */
  parallelism: number;
  order: RestoreOrder;
  /** Names the simulation event kind (`<name>/complete`) in traces. */
  name: string;
}

export interface RestoreJob {
  id: number;
  sizeBytes: number;
  /** Used by "most-active-first": higher starts first. */
  activity?: number;
  /** Used by "tier-first": lower starts first. */
  tier?: number;
}

const RESTORE_ORDERS: readonly RestoreOrder[] = [
  "fifo",
  "smallest-first",
  "largest-first",
  "most-active-first",
  "tier-first",
];

const MS_PER_SECOND = 1000;

const QUEUED = 0;
const ACTIVE = 1;

interface JobRecord {
  readonly id: number;
  readonly sizeBytes: number;
  /** Submission sequence: the final tie-break of every order. */
  readonly seq: number;
  readonly submittedMs: number;
  /** Queue keys, smallest starts first: (primaryKey, secondaryKey, seq). */
  readonly primaryKey: number;
  readonly secondaryKey: number;
  state: typeof QUEUED | typeof ACTIVE;
  /** Lazy deletion: a withdrawn record stays in its heap until it reaches the top. */
  withdrawn: boolean;
  /** Value of the virtual clock V at which this job, once active, has all its bytes. */
  finishVirtualBytes: number;
}

export class RestoreScheduler {
  private readonly bandwidthBytesPerMs: number;
  private readonly streamBytesPerMs: number;
  private readonly parallelism: number;
  private readonly completionKind: number;
  private readonly dispatchKind: number;

  private readonly jobs = new Map<number, JobRecord>();
  private readonly waiting: MinHeap<JobRecord> = new MinHeap(byQueueKeys);
  private readonly running: MinHeap<JobRecord> = new MinHeap(byFinish);
  private queued = 0;
  private active = 0;
  private nextSeq = 0;

  /** Exact (fractional) time up to which progress and the integral are accounted. */
  private exactClockMs = 0;
  /** Bytes received by a job active throughout since the pipeline last went idle. */
  private virtualBytes = 0;
  private integralJobMs = 0;
  private sojournSumMs = 0;
  private withdrawnSumMs = 0;
  private completed = 0;

  /** The one pending "next completion" event, and its time. */
  private eventHandle = 0;
  private eventAtMs = Number.NaN;
  /** The ms of the pending end-of-ms dispatch, or NaN when none is pending. */
  private dispatchAtMs = Number.NaN;

  constructor(
    private readonly sim: Simulation,
    private readonly options: RestoreSchedulerOptions,
    private readonly onComplete: (jobId: number, completedAtMs: number) => void,
  ) {
    const { bandwidthBytesPerSec, parallelism, order } = options;
    const streamBytesPerSec = options.streamBandwidthBytesPerSec ?? Number.POSITIVE_INFINITY;
    if (!(Number.isFinite(bandwidthBytesPerSec) && bandwidthBytesPerSec > 0))
      throw new RangeError(
        `restore bandwidth must be a finite number > 0 bytes/s; got ${bandwidthBytesPerSec}`,
      );
    if (!(streamBytesPerSec > 0))
      throw new RangeError(`restore stream bandwidth must be > 0 bytes/s; got ${streamBytesPerSec}`);
    if (!(parallelism === Number.POSITIVE_INFINITY || (Number.isInteger(parallelism) && parallelism >= 1)))
      throw new RangeError(`restore parallelism must be an integer >= 1 or Infinity; got ${parallelism}`);
    if (!RESTORE_ORDERS.includes(order))
      throw new RangeError(`unknown restore order "${order}"; expected one of ${RESTORE_ORDERS.join(", ")}`);
    this.bandwidthBytesPerMs = bandwidthBytesPerSec / MS_PER_SECOND;
    this.streamBytesPerMs = streamBytesPerSec / MS_PER_SECOND;
    this.parallelism = parallelism;
    this.completionKind = sim.register(`${options.name}/complete`, () => this.handleCompletionEvent());
    this.dispatchKind = sim.register(`${options.name}/dispatch`, () => this.handleDispatchEvent());
  }

  get queuedCount(): number {
    return this.queued;
  }

  get activeCount(): number {
    return this.active;
  }

  get completedCount(): number {
    return this.completed;
  }

  /** Σ (exact completion − submission) over completed jobs, ms. */
  get completedSojournSumMs(): number {
    return this.sojournSumMs;
  }

  /** Σ (withdrawal − submission) over cancelled jobs, ms: the rest of ∫(jobs in system) dt. */
  get withdrawnSojournSumMs(): number {
    return this.withdrawnSumMs;
  }

  /**
   * ∫ (queued + active) dt over [0, atMs], job·ms. `atMs` may lie anywhere from the last change
   * of the system up to `sim.nowMs` (the future is not known yet: arrivals may still come).
   */
  jobsInSystemIntegralMs(atMs: number): number {
    if (atMs > this.sim.nowMs)
      throw new RangeError(`cannot integrate to ${atMs} ms, after the clock (${this.sim.nowMs} ms)`);
    this.catchUp(atMs);
    if (atMs < this.exactClockMs)
      throw new RangeError(
        `cannot integrate to ${atMs} ms, before the last change (${this.exactClockMs} ms)`,
      );
    this.reschedule();
    return this.integralJobMs + (this.queued + this.active) * (atMs - this.exactClockMs);
  }

  submit(job: RestoreJob): void {
    const { id, sizeBytes } = job;
    if (!(Number.isFinite(sizeBytes) && sizeBytes >= 0))
      throw new RangeError(`restore job ${id}: size must be a finite number >= 0 bytes; got ${sizeBytes}`);
    if (this.jobs.has(id)) throw new RangeError(`restore job ${id} is already in the pipeline`);
    const nowMs = this.sim.nowMs;
    this.catchUp(nowMs);
    if (sizeBytes === 0) {
      // Nothing to move: done now, with no slot taken and nothing added to the integral.
      this.completed++;
      this.reschedule();
      this.onComplete(id, nowMs);
      return;
    }
    this.advanceTo(nowMs);
    const [primaryKey, secondaryKey] = this.queueKeys(job);
    const record: JobRecord = {
      id,
      sizeBytes,
      seq: this.nextSeq++,
      submittedMs: nowMs,
      primaryKey,
      secondaryKey,
      state: QUEUED,
      withdrawn: false,
      finishVirtualBytes: Number.NaN,
    };
    this.jobs.set(id, record);
    this.waiting.push(record);
    this.queued++;
    this.requestDispatch();
    this.reschedule();
  }

  cancel(jobId: number): boolean {
    const nowMs = this.sim.nowMs;
    this.catchUp(nowMs);
    const record = this.jobs.get(jobId);
    if (record === undefined) {
      this.reschedule();
      return false;
    }
    this.advanceTo(nowMs);
    this.jobs.delete(jobId);
    record.withdrawn = true;
    this.withdrawnSumMs += nowMs - record.submittedMs;
    if (record.state === QUEUED) {
      this.queued--;
    } else {
      this.active--;
      this.requestDispatch();
    }
    this.dropIfEmpty();
    this.reschedule();
    return true;
  }

  /** Primary and secondary queue keys; smaller starts first, then submission order. */
  private queueKeys(job: RestoreJob): [number, number] {
    switch (this.options.order) {
      case "fifo":
        return [0, 0];
      case "smallest-first":
        return [job.sizeBytes, 0];
      case "largest-first":
        return [-job.sizeBytes, 0];
      case "most-active-first": {
        const activity = job.activity ?? 0;
        if (!Number.isFinite(activity))
          throw new RangeError(`restore job ${job.id}: activity must be finite; got ${activity}`);
        return [-activity, 0];
      }
      case "tier-first": {
        const tier = job.tier ?? Number.POSITIVE_INFINITY;
        if (Number.isNaN(tier)) throw new RangeError(`restore job ${job.id}: tier is NaN`);
        return [tier, job.sizeBytes];
      }
    }
  }

  private handleCompletionEvent(): void {
    this.eventHandle = 0;
    this.eventAtMs = Number.NaN;
    this.catchUp(this.sim.nowMs);
    this.reschedule();
  }

  private requestDispatch(): void {
    const nowMs = this.sim.nowMs;
    if (this.dispatchAtMs === nowMs) return;
    this.sim.at(nowMs, this.dispatchKind, 0, MAX_PRIORITY);
    this.dispatchAtMs = nowMs;
  }

  private handleDispatchEvent(): void {
    this.dispatchAtMs = Number.NaN;
    const nowMs = this.sim.nowMs;
    this.catchUp(nowMs);
    this.advanceTo(nowMs);
    this.fillSlots();
    this.reschedule();
  }

  /** Exact time of the next completion with no new arrival, or +Infinity when idle. */
  private nextCompletionExactMs(): number {
    const next = this.peekRunning();
    if (next === undefined) return Number.POSITIVE_INFINITY;
    const bytesLeft = next.finishVirtualBytes - this.virtualBytes;
    if (bytesLeft <= 0) return this.exactClockMs;
    if (this.streamCapped()) return this.exactClockMs + bytesLeft / this.streamBytesPerMs;
    return this.exactClockMs + (bytesLeft * this.active) / this.bandwidthBytesPerMs;
  }

  /**
   * Whether each active job is held to its stream's rate r rather than its share B/n. The two
   * branches keep the share's arithmetic exactly as it was without a cap (bytes × n / B), so
   * a scenario with no cap, or one that never binds, gives the same floating-point times.
   */
  private streamCapped(): boolean {
    return this.streamBytesPerMs * this.active < this.bandwidthBytesPerMs;
  }

  /**
   * Completes, in time order, every job whose exact completion is not after `untilMs`.
   * State is consistent before each `onComplete`, which may re-enter submit or cancel, so
   * the loop re-reads everything on each pass.
   */
  private catchUp(untilMs: number): void {
    for (;;) {
      const completionMs = this.nextCompletionExactMs();
      if (completionMs > untilMs) return;
      const record = this.running.pop()!;
      this.advanceTo(completionMs);
      // Snap V to the finish value so the rounding of (time × rate) never leaves a sliver of
      // bytes behind, and jobs with equal finish values complete at the same exact time.
      this.virtualBytes = record.finishVirtualBytes;
      this.active--;
      this.jobs.delete(record.id);
      this.completed++;
      this.sojournSumMs += completionMs - record.submittedMs;
      // Inside a ms the waiting set is known and final; on the ms itself, later submissions
      // of that ms compete too, so the choice waits for the end-of-ms dispatch.
      if (completionMs < this.sim.nowMs) this.fillSlots();
      else this.requestDispatch();
      this.dropIfEmpty();
      this.onComplete(record.id, completionMs);
    }
  }

  /** Moves the exact clock forward with the system unchanged: the integral and V grow. */
  private advanceTo(exactMs: number): void {
    const elapsedMs = exactMs - this.exactClockMs;
    if (!(elapsedMs > 0)) return;
    this.integralJobMs += (this.queued + this.active) * elapsedMs;
    if (this.active > 0)
      this.virtualBytes += this.streamCapped()
        ? elapsedMs * this.streamBytesPerMs
        : (elapsedMs * this.bandwidthBytesPerMs) / this.active;
    this.exactClockMs = exactMs;
  }

  /** Starts waiting jobs, best first, while a slot is free. */
  private fillSlots(): void {
    while (this.active < this.parallelism && this.queued > 0) {
      const record = this.waiting.pop()!;
      if (record.withdrawn) continue;
      this.queued--;
      this.active++;
      record.state = ACTIVE;
      record.finishVirtualBytes = this.virtualBytes + record.sizeBytes;
      this.running.push(record);
    }
  }

  /** Withdrawn records left at the top of the running heap are discarded here. */
  private peekRunning(): JobRecord | undefined {
    for (;;) {
      const top = this.running.peek();
      if (top === undefined || !top.withdrawn) return top;
      this.running.pop();
    }
  }

  /** When the pipeline is idle, forget withdrawn records and restart V at 0. */
  private dropIfEmpty(): void {
    if (this.active === 0) {
      this.running.clear();
      this.virtualBytes = 0;
    }
    if (this.queued === 0) this.waiting.clear();
  }

  /** Keeps exactly one event, at the whole ms of the next exact completion. */
  private reschedule(): void {
    const completionMs = this.nextCompletionExactMs();
    const eventAtMs = Number.isFinite(completionMs)
      ? Math.max(Math.ceil(completionMs), this.sim.nowMs)
      : Number.NaN;
    if (eventAtMs === this.eventAtMs) return;
    if (this.eventHandle !== 0) this.sim.cancel(this.eventHandle);
    this.eventHandle = Number.isNaN(eventAtMs) ? 0 : this.sim.at(eventAtMs, this.completionKind);
    this.eventAtMs = eventAtMs;
  }
}

function byQueueKeys(a: JobRecord, b: JobRecord): boolean {
  if (a.primaryKey !== b.primaryKey) return a.primaryKey < b.primaryKey;
  if (a.secondaryKey !== b.secondaryKey) return a.secondaryKey < b.secondaryKey;
  return a.seq < b.seq;
}

function byFinish(a: JobRecord, b: JobRecord): boolean {
  if (a.finishVirtualBytes !== b.finishVirtualBytes) return a.finishVirtualBytes < b.finishVirtualBytes;
  return a.seq < b.seq;
}

/** A binary min-heap under a strict "comes before" relation (total, so pops are deterministic). */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  peek(): T | undefined {
    return this.items[0];
  }

  clear(): void {
    this.items.length = 0;
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(items[right]!, items[left]!) ? right : left;
      if (!this.before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
