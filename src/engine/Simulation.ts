/**
 * Simulation: the run loop of a discrete-event simulation, after SimPy's core.
 *
 * The world is a set of handlers registered once under integer *kinds*; scheduling an event
 * puts (time, priority, kind, arg) in the queue, and `run` pops events in order, advances the
 * clock to each and calls its handler with its `arg` (a node index, a group index…). Kinds and
 * numeric args keep the hot path free of closures and allocation; `callAt` takes a closure for
 * the rare events where that is clearer (kept in a slot table, reused once run).
 *
 * Contract:
 * - Time never goes backwards: scheduling before `nowMs` throws. Times are integer ms.
 * - Order is total: time, then priority (lower first), then scheduling order.
 * - `run(untilMs)` processes every event with time ≤ untilMs, then sets the clock to untilMs
 *   (when finite); `stop()` from inside a handler ends `run` after that handler.
 * - A cancelled `callAt` keeps its closure slot until the run ends (cancellation is rare).
 */
import { EventQueue } from "./EventQueue.js";

export type EventHandler = (arg: number) => void;
type Tracer = (timeMs: number, kindName: string, arg: number) => void;

export class Simulation {
  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  private readonly names: string[] = [];
  private readonly closures: Array<(() => void) | undefined> = [];
  private readonly freeClosureSlots: number[] = [];
  private readonly closureKind: number;
  private clockMs = 0;
  private stopRequested = false;
  private processed = 0;
  private tracer: Tracer | undefined;

  constructor() {
    this.closureKind = this.register("call", (slot) => this.runClosure(slot));
  }

  get nowMs(): number {
    return this.clockMs;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  register(name: string, handler: EventHandler): number {
    this.handlers.push(handler);
    this.names.push(name);
    return this.handlers.length - 1;
  }

  kindName(kind: number): string {
    return this.names[kind] ?? `kind-${kind}`;
  }

  setTracer(tracer: Tracer | undefined): void {
    this.tracer = tracer;
  }

  at(timeMs: number, kind: number, arg = 0, priority = 0): number {
    if (!Number.isInteger(timeMs) || timeMs < this.clockMs) {
      throw new RangeError(
        `cannot schedule at ${timeMs} ms: times are integers not before now (${this.clockMs} ms)`,
      );
    }
    return this.queue.push(timeMs, priority, kind, arg);
  }

  after(delayMs: number, kind: number, arg = 0, priority = 0): number {
    if (!Number.isInteger(delayMs) || delayMs < 0)
      throw new RangeError(`a delay must be an integer >= 0 ms; got ${delayMs}`);
    return this.at(this.clockMs + delayMs, kind, arg, priority);
  }

  callAt(timeMs: number, fn: () => void, priority = 0): number {
    const slot = this.freeClosureSlots.pop() ?? this.closures.length;
    this.closures[slot] = fn;
    return this.at(timeMs, this.closureKind, slot, priority);
  }

  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  stop(): void {
    this.stopRequested = true;
  }

  run(untilMs = Number.POSITIVE_INFINITY): void {
    this.stopRequested = false;
    const queue = this.queue;
    while (!this.stopRequested && queue.size > 0 && queue.peekTimeMs() <= untilMs) {
      queue.pop();
      this.clockMs = queue.poppedTimeMs;
      this.processed++;
      const kind = queue.poppedKind;
      const arg = queue.poppedArg;
      if (this.tracer !== undefined) this.tracer(this.clockMs, this.names[kind]!, arg);
      this.handlers[kind]!(arg);
    }
    if (!this.stopRequested && Number.isFinite(untilMs) && untilMs > this.clockMs) this.clockMs = untilMs;
  }

  private runClosure(slot: number): void {
    const fn = this.closures[slot]!;
    this.closures[slot] = undefined;
    this.freeClosureSlots.push(slot);
    fn();
  }
}
