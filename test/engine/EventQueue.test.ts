/**
 * EventQueue and MonotoneEventQueue: the total order (time, priority, insertion), exact
 * `size`, and handles that never cancel the wrong event. The model-based property drives
 * each queue with arbitrary push/pop/peek/cancel/clear sequences, stale handles included,
 * and compares every answer with a sorted-array reference that is obviously right (for the
 * monotone queue, pushed times are offsets from the last popped time).
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { EventQueue, MAX_PRIORITY, MIN_PRIORITY } from "../../src/engine/EventQueue.js";
import { MonotoneEventQueue } from "../../src/engine/MonotoneEventQueue.js";

type AnyQueue = EventQueue | MonotoneEventQueue;

interface Popped {
  timeMs: number;
  priority: number;
  kind: number;
  arg: number;
  handle: number;
}

function popOne(queue: AnyQueue): Popped | undefined {
  if (!queue.pop()) return undefined;
  return {
    timeMs: queue.poppedTimeMs,
    priority: queue.poppedPriority,
    kind: queue.poppedKind,
    arg: queue.poppedArg,
    handle: queue.poppedHandle,
  };
}

function drain(queue: AnyQueue): Popped[] {
  const out: Popped[] = [];
  for (let event = popOne(queue); event !== undefined; event = popOne(queue)) out.push(event);
  return out;
}

describe("EventQueue basics", () => {
  it("is empty at first", () => {
    const queue = new EventQueue();
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBe(false);
    expect(queue.peekTimeMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("orders by time, then priority, then insertion", () => {
    const queue = new EventQueue(1);
    queue.push(20, 0, 1, 0);
    queue.push(10, 5, 2, 0);
    queue.push(10, -3, 3, 0);
    queue.push(10, 5, 4, 0);
    queue.push(10, -3, 5, 0);
    queue.push(5, MAX_PRIORITY, 6, 0);
    queue.push(20, MIN_PRIORITY, 7, 0);
    expect(queue.peekTimeMs()).toBe(5);
    expect(drain(queue).map((e) => e.kind)).toEqual([6, 3, 5, 2, 4, 7, 1]);
  });

  it("returns every field of the popped event, negative priorities included", () => {
    const queue = new EventQueue();
    const handle = queue.push(123_456_789_012, -7, 42, 2 ** 31 - 1);
    expect(popOne(queue)).toEqual({
      timeMs: 123_456_789_012,
      priority: -7,
      kind: 42,
      arg: 2 ** 31 - 1,
      handle,
    });
  });

  it("hands out distinct positive handles, never 0", () => {
    const queue = new EventQueue(2);
    const handles = Array.from({ length: 100 }, (_, i) => queue.push(i, 0, 0, i));
    expect(new Set(handles).size).toBe(100);
    expect(Math.min(...handles)).toBeGreaterThan(0);
  });

  it("rejects values that would corrupt the order or be truncated", () => {
    const queue = new EventQueue();
    expect(() => queue.push(Number.NaN, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(1, 0.5, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(1, MAX_PRIORITY + 1, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(1, MIN_PRIORITY - 1, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(1, 0, 1.5, 0)).toThrow(RangeError);
    expect(() => queue.push(1, 0, 0, 2 ** 31)).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});

describe("EventQueue cancellation", () => {
  it("cancels a pending event exactly once", () => {
    const queue = new EventQueue();
    const a = queue.push(1, 0, 1, 0);
    queue.push(2, 0, 2, 0);
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.peekTimeMs()).toBe(2);
    expect(drain(queue).map((e) => e.kind)).toEqual([2]);
  });

  it("refuses popped, unknown and malformed handles", () => {
    const queue = new EventQueue();
    const a = queue.push(1, 0, 1, 0);
    queue.pop();
    for (const handle of [a, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 50]) {
      expect(queue.cancel(handle)).toBe(false);
    }
  });

  it("never lets a stale handle cancel the event that reused its slot", () => {
    const queue = new EventQueue(1);
    const stale = queue.push(0, 0, 0, 0);
    queue.pop();
    // The hold pattern reuses slots constantly; none of these may answer to `stale`.
    let cancelledSomething = false;
    for (let i = 0; i < 5000; i++) {
      queue.push(i + 1, 0, 0, i);
      cancelledSomething ||= queue.cancel(stale);
      queue.pop();
    }
    expect(cancelledSomething).toBe(false);
    expect(queue.size).toBe(0);
  });

  it("keeps handles valid across growth", () => {
    const queue = new EventQueue(0);
    const handles = Array.from({ length: 1000 }, (_, i) => queue.push(1000 - i, 0, 0, i));
    for (let i = 0; i < 1000; i += 2) expect(queue.cancel(handles[i]!)).toBe(true);
    expect(queue.size).toBe(500);
    expect(drain(queue).map((e) => e.arg)).toEqual(Array.from({ length: 500 }, (_, i) => 999 - 2 * i));
  });

  it("compacts when tombstones dominate, without losing or reordering live events", () => {
    const queue = new EventQueue(16);
    const handles = Array.from({ length: 10_000 }, (_, i) => queue.push((i * 7919) % 10_007, 0, 0, i));
    for (let i = 0; i < handles.length; i++) if (i % 10 !== 0) queue.cancel(handles[i]!);
    expect(queue.size).toBe(1000);
    const times = drain(queue).map((e) => e.timeMs);
    expect(times).toHaveLength(1000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("clear drops everything and old handles stay dead", () => {
    const queue = new EventQueue();
    const a = queue.push(5, 0, 0, 0);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBe(false);
    expect(queue.cancel(a)).toBe(false);
    const b = queue.push(1, 0, 9, 0);
    expect(b).not.toBe(a);
    expect(popOne(queue)?.kind).toBe(9);
  });
});

// ---------------------------------------------------------------- model-based property

type Command =
  | { op: "push"; timeMs: number; priority: number; kind: number }
  | { op: "pop" }
  | { op: "peek" }
  | { op: "cancel"; pick: number }
  | { op: "clear" };

interface RefEvent {
  timeMs: number;
  priority: number;
  seq: number;
  kind: number;
  arg: number;
  handle: number;
}

/** The reference: a plain array, sorted on every pop. Slow and obviously right. */
class ReferenceQueue {
  private events: RefEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.events.length;
  }
  push(timeMs: number, priority: number, kind: number, arg: number, handle: number): void {
    this.events.push({ timeMs, priority, seq: this.seq++, kind, arg, handle });
  }
  pop(): RefEvent | undefined {
    this.events.sort(
      (a, b) => compareNumbers(a.timeMs, b.timeMs) || a.priority - b.priority || a.seq - b.seq,
    );
    return this.events.shift();
  }
  peekTimeMs(): number {
    return this.events.reduce((min, e) => Math.min(min, e.timeMs), Number.POSITIVE_INFINITY);
  }
  cancel(handle: number): boolean {
    const index = this.events.findIndex((e) => e.handle === handle);
    if (index < 0) return false;
    this.events.splice(index, 1);
    return true;
  }
  clear(): void {
    this.events = [];
  }
}

/** Like a - b but defined for equal infinities. */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Few distinct times and priorities, so ties are the rule, plus extremes.
const timeArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(-5, 2 ** 50, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 100,
    arbitrary: fc.record({
      op: fc.constant("push" as const),
      timeMs: timeArb,
      priority: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(MIN_PRIORITY, MAX_PRIORITY)),
      kind: fc.integer({ min: 0, max: 1000 }),
    }),
  },
  { weight: 60, arbitrary: fc.constant({ op: "pop" as const }) },
  { weight: 20, arbitrary: fc.constant({ op: "peek" as const }) },
  { weight: 80, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: "clear" as const }) },
);

/** A bare assertion: vitest's expect() costs microseconds, and this loop runs ~10^5 times. */
function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

function samePopped(actual: Popped | undefined, expected: RefEvent | undefined): boolean {
  if (actual === undefined || expected === undefined) return actual === expected;
  return (
    Object.is(actual.timeMs, expected.timeMs) &&
    actual.priority === expected.priority &&
    actual.kind === expected.kind &&
    actual.arg === expected.arg &&
    actual.handle === expected.handle
  );
}

/** For the monotone queue, a pushed time is an offset from the last popped time. */
function monotoneOffsetArb(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
    // Whole multiples of 250 ms tie often and land on levels 0-2 of the 256-way radix.
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 }).map((k) => 250 * k) },
    { weight: 1, arbitrary: fc.integer({ min: 13, max: 2 ** 34 }) },
    { weight: 1, arbitrary: fc.constantFrom(31, 256, 65_536, 2 ** 32 + 3, 2 ** 50, 2 ** 60, 4.7e25) },
  );
}

function runCommands(initialCapacity: number, commands: Command[]): void {
  runOn(new EventQueue(initialCapacity), commands, (timeMs) => timeMs);
}

function runMonotone(commands: Command[]): void {
  runOn(new MonotoneEventQueue(), commands, (offsetMs, floorMs) => floorMs + offsetMs);
}

function runOn(
  queue: AnyQueue,
  commands: Command[],
  timeOf: (timeMs: number, floorMs: number) => number,
): void {
  let floorMs = 0;
  const reference = new ReferenceQueue();
  const issued: number[] = []; // every handle ever returned, live or not
  const issuedSet = new Set<number>();
  let arg = 0;
  commands.forEach((command, step) => {
    const where = () => `step ${step} (${JSON.stringify(command)})`;
    switch (command.op) {
      case "push": {
        const timeMs = timeOf(command.timeMs, floorMs);
        const handle = queue.push(timeMs, command.priority, command.kind, arg);
        check(!issuedSet.has(handle), () => `${where()}: handle ${handle} issued twice`);
        issued.push(handle);
        issuedSet.add(handle);
        reference.push(timeMs, command.priority, command.kind, arg, handle);
        arg++;
        break;
      }
      case "pop": {
        const expected = reference.pop();
        const actual = popOne(queue);
        if (expected !== undefined) floorMs = expected.timeMs;
        check(
          samePopped(actual, expected),
          () => `${where()}: popped ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        );
        break;
      }
      case "peek": {
        const actual = queue.peekTimeMs();
        check(Object.is(actual, reference.peekTimeMs()), () => `${where()}: peek ${actual}`);
        break;
      }
      case "cancel": {
        // Many picks are popped or already cancelled; the queue must agree with the reference.
        const handle = issued.length === 0 ? command.pick : (issued[command.pick % issued.length] ?? 0);
        const actual = queue.cancel(handle);
        check(actual === reference.cancel(handle), () => `${where()}: cancel(${handle}) gave ${actual}`);
        break;
      }
      case "clear":
        queue.clear();
        reference.clear();
        break;
    }
    check(queue.size === reference.size, () => `${where()}: size ${queue.size}, expected ${reference.size}`);
  });
  // Whatever is left drains in the reference order.
  for (let expected = reference.pop(); expected !== undefined; expected = reference.pop()) {
    const actual = popOne(queue);
    check(
      samePopped(actual, expected),
      () => `drain: popped ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    );
  }
  check(!queue.pop(), () => "queue not empty after the reference drained");
}

describe("EventQueue against a sorted-array reference", () => {
  it("agrees on every pop, peek, cancel and size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.array(commandArb, { maxLength: 400, size: "max" }),
        runCommands,
      ),
      { numRuns: 150, seed: 20_240_601 },
    );
  });

  it("agrees under heavy cancellation, through compaction", () => {
    const compact = vi.spyOn(EventQueue.prototype as unknown as { compact(): void }, "compact");
    const push = fc.record({
      op: fc.constant("push" as const),
      timeMs: timeArb,
      priority: fc.integer({ min: -1, max: 1 }),
      kind: fc.nat(9),
    });
    const cancel = fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() });
    const churn: fc.Arbitrary<Command> = fc.oneof(
      { weight: 6, arbitrary: cancel },
      { weight: 1, arbitrary: push },
      { weight: 1, arbitrary: fc.constant({ op: "pop" as const }) },
    );
    // A block of pushes, then mostly cancels: tombstones come to outnumber live events.
    const scenario = fc
      .tuple(
        fc.array(push, { minLength: 150, maxLength: 400, size: "max" }),
        fc.array(churn, { minLength: 200, maxLength: 800, size: "max" }),
      )
      .map(([pushes, rest]) => [...pushes, ...rest]);
    fc.assert(
      fc.property(scenario, (commands) => runCommands(4, commands)),
      { numRuns: 20, seed: 7 },
    );
    expect(compact).toHaveBeenCalled();
    compact.mockRestore();
  });
});

describe("MonotoneEventQueue against a sorted-array reference", () => {
  const push = (offset: fc.Arbitrary<number>) =>
    fc.record({
      op: fc.constant("push" as const),
      timeMs: offset,
      priority: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(MIN_PRIORITY, MAX_PRIORITY)),
      kind: fc.integer({ min: 0, max: 1000 }),
    });

  it("agrees on every pop, peek, cancel and size", () => {
    const command: fc.Arbitrary<Command> = fc.oneof(
      { weight: 100, arbitrary: push(monotoneOffsetArb()) },
      { weight: 60, arbitrary: fc.constant({ op: "pop" as const }) },
      { weight: 20, arbitrary: fc.constant({ op: "peek" as const }) },
      { weight: 80, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.constant({ op: "clear" as const }) },
    );
    fc.assert(fc.property(fc.array(command, { maxLength: 400, size: "max" }), runMonotone), {
      numRuns: 200,
      seed: 20_261_203,
    });
  });

  it("agrees under heavy cancellation, through compaction", () => {
    const compact = vi.spyOn(MonotoneEventQueue.prototype as unknown as { compact(): void }, "compact");
    const churn: fc.Arbitrary<Command> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: push(monotoneOffsetArb()) },
      { weight: 1, arbitrary: fc.constant({ op: "pop" as const }) },
    );
    const scenario = fc
      .tuple(
        fc.array(push(monotoneOffsetArb()), { minLength: 150, maxLength: 400, size: "max" }),
        fc.array(churn, { minLength: 200, maxLength: 800, size: "max" }),
      )
      .map(([pushes, rest]) => [...pushes, ...rest]);
    fc.assert(fc.property(scenario, runMonotone), { numRuns: 30, seed: 11 });
    expect(compact).toHaveBeenCalled();
    compact.mockRestore();
  });

  it("refuses a time before the last popped one, or a fractional one", () => {
    const queue = new MonotoneEventQueue();
    queue.push(10, 0, 0, 0);
    queue.pop();
    expect(() => queue.push(9, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(10.5, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(-1, 0, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(Number.POSITIVE_INFINITY, 0, 0, 0)).toThrow(RangeError);
    expect(queue.push(10, 0, 0, 0)).toBeGreaterThan(0);
  });

  it("lets an event be pushed before an unpopped later one after popUntil stops short", () => {
    const queue = new MonotoneEventQueue();
    queue.push(1000, 0, 1, 0);
    queue.push(3000, 0, 2, 0);
    expect(queue.popUntil(1500)).toBe(true);
    expect(queue.popUntil(1500)).toBe(false);
    queue.push(1200, 0, 3, 0);
    expect(drain(queue).map((e) => e.kind)).toEqual([3, 2]);
  });
});
