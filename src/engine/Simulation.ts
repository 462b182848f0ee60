/**
 * The run loop: simulated time only moves by jumping to the next pending event.
 *
 * A model registers handlers once (`register("disk/fail", onDiskFail)` gives a small
 * integer kind), then schedules events as (time, kind, arg) triples. `run()` repeatedly
 * takes the earliest event, sets `nowMs` to its time and calls its handler with `arg`.
 * Nothing happens between events, so a quiet week costs nothing. This is SimPy's core
 * without generators: handlers are plain functions, and state lives in the model's typed
 * arrays, addressed by `arg` (a node index, a mailbox group...), so the hot path allocates
 * nothing. `callAt` accepts a closure for the rare one-off that is not worth a kind.
 *
 * Contract:
 * - Times are integer milliseconds (see time.ts). Scheduling before `nowMs` or at a
 *   non-integer time throws a RangeError, so causality bugs surface where they are made.
 * - Events run in (time, priority, scheduling order); priority is an integer in
 *   [-1024, 1023], lower first, 0 by default.
 * - `run(untilMs)` runs every event with time <= untilMs, including those scheduled at
 *   exactly untilMs by earlier handlers, then leaves `nowMs = untilMs` (when untilMs is
 *   finite; an untilMs before `nowMs` is a RangeError). `stop()` inside a handler ends
 *   `run()` after that handler, with `nowMs` left at the event's time; a later `run()`
 *   resumes. `run()` is not re-entrant.
 * - Handles from `at`/`after`/`callAt` are positive integers; 0 is never a handle, so models
 *   may use it for "no timer".
 * - A handler that throws leaves the simulation consistent (the event is consumed) and the
 *   error propagates out of `run()`.
 *
 * Performance: the clock never goes backwards and times are integers, so the pending events
 * sit in a radix heap (`MonotoneEventQueue`); each event is validated once, here (the queue
 * takes it unchecked), and each step looks at the queue's top once (`popUntil`).
 */

import { MAX_PRIORITY, MIN_PRIORITY } from "./eventKey.js";
import { MonotoneEventQueue } from "./MonotoneEventQueue.js";

export type EventHandler = (arg: number) => void;
export type Tracer = (timeMs: number, kindName: string, arg: number) => void;

const CLOSURE_KIND_NAME = "callAt";

/** The event loop of one run: integer-ms simulated time (`nowMs`) and `callAt(timeMs, fn)` to schedule. */
export class Simulation {
  private readonly queue = new MonotoneEventQueue();
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private currentMs = 0;
  private processed = 0;
  private stopRequested = false;
  private running = false;
  private tracer: Tracer | undefined = undefined;
  private maxEvents = Number.POSITIVE_INFINITY;

  // callAt closures live in reusable array slots; the event's arg is the slot index.
  private readonly closures: ((() => void) | undefined)[] = [];
  private readonly freeClosureSlots: number[] = [];
  private readonly closureSlotByHandle = new Map<number, number>();
  private readonly closureKind: number;

  constructor() {
    this.closureKind = this.register(CLOSURE_KIND_NAME, (slot) => this.runClosure(slot));
  }

  get nowMs(): number {
    return this.currentMs;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Registers a handler; the returned kind is what `at`/`after` schedule. The name is for traces. */
  register(name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  /** The registered name of a kind, or `kind-<n>` for a number that is not one. */
  kindName(kind: number): string {
    return this.names[kind] ?? `kind-${kind}`;
  }

  at(timeMs: number, kind: number, arg = 0, priority = 0): number {
    // One combined test on the hot path; the detailed checks only name what failed.
    if (
      !(timeMs >= this.currentMs && timeMs < Number.POSITIVE_INFINITY && Math.floor(timeMs) === timeMs) ||
      !(kind >= 0 && kind < this.handlers.length && (kind | 0) === kind) ||
      !(arg >= 0 && (arg | 0) === arg) ||
      !(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY && (priority | 0) === priority)
    ) {
      this.explainBadEvent(timeMs, kind, arg, priority);
    }
    return this.queue.pushChecked(timeMs, priority, kind, arg);
  }

  after(delayMs: number, kind: number, arg = 0, priority = 0): number {
    if (!Number.isInteger(delayMs) || delayMs < 0) {
      throw new RangeError(`cannot schedule after ${delayMs} ms: the delay must be an integer >= 0`);
    }
    return this.at(this.currentMs + delayMs, kind, arg, priority);
  }

  /** Schedules a closure. Convenient but not free (a slot and a map entry): keep it off hot paths. */
  callAt(timeMs: number, fn: () => void, priority = 0): number {
    const slot = this.freeClosureSlots.pop() ?? this.closures.length;
    let handle: number;
    try {
      handle = this.at(timeMs, this.closureKind, slot, priority);
    } catch (error) {
      if (slot < this.closures.length) this.freeClosureSlots.push(slot);
      throw error;
    }
    this.closures[slot] = fn;
    this.closureSlotByHandle.set(handle, slot);
    return handle;
  }

  /** True iff the event was pending and now never runs. Stale handles are harmless. */
  cancel(handle: number): boolean {
    if (!this.queue.cancel(handle)) return false;
    const slot = this.closureSlotByHandle.get(handle);
    if (slot !== undefined) this.releaseClosure(handle, slot);
    return true;
  }

  setTracer(fn: Tracer | undefined): void {
    this.tracer = fn;
  }

  /**
   * A hard stop: `run()` throws EventLimitReached instead of processing event number
   * `max + 1`, so a run that turns out far bigger than estimated ends with a clear message.
   */
  limitEvents(max: number): void {
    this.maxEvents = max;
  }

  /** Ends the current `run()` after the handler that calls it returns. */
  stop(): void {
    this.stopRequested = true;
  }

  run(untilMs = Number.POSITIVE_INFINITY): void {
    if (Number.isNaN(untilMs) || untilMs < this.currentMs) {
      throw new RangeError(`cannot run until ${untilMs} ms: now is ${this.currentMs} ms`);
    }
    if (this.running) throw new Error("run() called from inside a handler");
    this.running = true;
    this.stopRequested = false;
    try {
      this.loop(untilMs);
    } finally {
      this.running = false;
    }
    if (!this.stopRequested && untilMs !== Number.POSITIVE_INFINITY) this.currentMs = untilMs;
  }

  private loop(untilMs: number): void {
    const queue = this.queue;
    const handlers = this.handlers;
    while (!this.stopRequested) {
      // The limit is one comparison per event; the next event is looked at only once it is reached,
      // and stays queued, so the error names it and a caller may raise the limit and go on.
      if (this.processed >= this.maxEvents) {
        const nextMs = queue.peekTimeMs();
        if (nextMs <= untilMs && nextMs !== Number.POSITIVE_INFINITY)
          throw new EventLimitReached(this.processed, nextMs);
      }
      if (!queue.popUntil(untilMs)) break;
      this.currentMs = queue.poppedTimeMs;
      this.processed++;
      const kind = queue.poppedKind;
      const arg = queue.poppedArg;
      if (this.tracer !== undefined) this.tracer(this.currentMs, this.names[kind]!, arg);
      handlers[kind]!(arg);
    }
  }

  private explainBadEvent(timeMs: number, kind: number, arg: number, priority: number): never {
    if (!Number.isInteger(timeMs) || timeMs < this.currentMs) {
      throw new RangeError(
        `cannot schedule at ${timeMs} ms: must be an integer >= now (${this.currentMs} ms)`,
      );
    }
    if (!(kind >= 0 && kind < this.handlers.length) || (kind | 0) !== kind) {
      throw new RangeError(`unknown event kind ${kind}`);
    }
    if ((arg | 0) !== arg || arg < 0)
      throw new RangeError(`event arg must be an integer in [0, 2^31), got ${arg}`);
    if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new RangeError(
        `priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`,
      );
    }
    throw new Error("unreachable: the event passed every detailed check");
  }

  private runClosure(slot: number): void {
    const fn = this.closures[slot]!;
    this.releaseClosure(this.queue.poppedHandle, slot);
    fn();
  }

  private releaseClosure(handle: number, slot: number): void {
    this.closures[slot] = undefined;
    this.freeClosureSlots.push(slot);
    this.closureSlotByHandle.delete(handle);
  }
}

/** Thrown by `run()` when the event limit set by `limitEvents` is reached. */
export class EventLimitReached extends Error {
  constructor(
    readonly events: number,
    readonly atMs: number,
  ) {
    super(`the run reached its limit of ${events} events at ${atMs} ms of simulated time`);
  }
}
