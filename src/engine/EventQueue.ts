/**
 * The pending-event set of a discrete-event simulation, for times in any order.
 *
 * A simulation spends most of its time taking the earliest pending event out and putting a
 * few new ones in, so this queue is a 4-ary min-heap laid out in one typed array: no object
 * is allocated per event and the garbage collector never sees the hot path. (`Simulation`
 * runs on `MonotoneEventQueue`, which is faster when times never go backwards; this one
 * accepts any time, and is the general-purpose queue of the engine's API.)
 *
 * Order is total and independent of the heap's internal layout: time ascending, then
 * priority ascending (lower runs first), then insertion order. Two runs that push the same
 * events in the same order pop them in the same order, whatever the heap did inside.
 *
 * Contract:
 * - `push(timeMs, priority, kind, arg)` returns a handle, a positive integer. `timeMs` is
 *   any number but NaN; `priority` is an integer in [-1024, 1023]; `kind` and `arg` are
 *   int32. A queue hands out handles below 2^42 (4e12 pushes), and then refuses to push.
 * - `cancel(handle)` is true iff that event was pending and now never pops. A handle never
 *   names a different event: handles only grow.
 * - `pop()` removes the earliest live event, exposes it through the `popped*` getters until
 *   the next `pop()`, and returns false when nothing is pending; `popUntil(untilMs)` does
 *   the same only if that event's time is <= untilMs (one look at the top, not two).
 * - `size` counts live events only, exactly.
 *
 * How the pieces fit:
 * - Each heap entry is four doubles: `time`, `key = (priority + 1024) * 2^42 + handle`,
 *   kind and arg. Handles grow with every push, so comparing (time, key) lexicographically
 *   is exactly the (time, priority, insertion) order, and a popped entry carries everything
 *   the caller needs: nothing outside the heap is read on the hot path.
 * - Handles, pending bits and lazy cancellation are `EventQueueCore`'s: a cancelled event
 *   stays in the heap as a tombstone and is dropped when it reaches the top; only while
 *   tombstones exist does a pop look its handle up.
 */

import { EventQueueCore } from "./EventQueueCore.js";
import { checkPushed, handleOfKey, keyOf, MAX_PRIORITY, MIN_PRIORITY } from "./eventKey.js";

export { MAX_PRIORITY, MIN_PRIORITY };

/** Heap arity. Four halves the depth of a binary heap. */
const ARITY = 4;
/** Doubles per entry: time, key, kind, arg. */
const STRIDE = 4;

const MIN_CAPACITY = 16;

export class EventQueue extends EventQueueCore {
  // Entry i is heap[4i .. 4i+3]. Every position at or past heapLength holds +Infinity
  // times and keys, so the child selection below can read a full group of four siblings
  // without bounds checks and never choose a missing one.
  private heap: Float64Array;
  private capacity: number; // entries, sentinels excluded
  private heapLength = 0; // entries, tombstones included

  constructor(initialCapacity = 1024) {
    super();
    if (!(initialCapacity >= 0 && initialCapacity <= 2 ** 30)) {
      throw new RangeError(`initialCapacity must be in [0, 2^30], got ${initialCapacity}`);
    }
    this.capacity = Math.max(MIN_CAPACITY, initialCapacity);
    this.heap = newHeap(this.capacity);
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    checkPushed(timeMs, priority, kind, arg);
    return this.pushChecked(timeMs, priority, kind, arg);
  }

  /** `push` for a caller that has already validated the event (Simulation): one check per event. */
  pushChecked(timeMs: number, priority: number, kind: number, arg: number): number {
    const handle = this.takeHandle();
    if (this.heapLength === this.capacity) this.grow();
    this.siftUp(this.heapLength++, timeMs, keyOf(priority, handle), kind, arg);
    return handle;
  }

  protected popLiveUntil(untilMs: number): boolean {
    if (this.heapLength !== this.liveCount) this.dropTopTombstones();
    const heap = this.heap;
    const timeMs = heap[0]!;
    if (timeMs > untilMs) return false;
    this.recordPop(heap, 0);
    this.removeTop();
    return true;
  }

  peekTimeMs(): number {
    if (this.liveCount === 0) return Number.POSITIVE_INFINITY;
    if (this.heapLength !== this.liveCount) this.dropTopTombstones();
    return this.heap[0]!;
  }

  /** Drops every pending event. Handles keep growing, so old handles stay dead. */
  clear(): void {
    this.forgetAll();
    this.heap.fill(Number.POSITIVE_INFINITY);
    this.heapLength = 0;
  }

  protected heldEntries(): number {
    return this.heapLength;
  }

  /** Pops tombstones off the top. Only called while a live event is pending, so it ends. */
  private dropTopTombstones(): void {
    while (!this.live.has(handleOfKey(this.heap[1]!))) this.removeTop();
  }

  private siftUp(position: number, timeMs: number, key: number, kind: number, arg: number): void {
    const heap = this.heap;
    let hole = position;
    while (hole > 0) {
      const parent = (hole - 1) >> 2;
      const p = STRIDE * parent;
      const parentTime = heap[p]!;
      const parentKey = heap[p + 1]!;
      if (parentTime < timeMs || (parentTime === timeMs && parentKey < key)) break;
      const h = STRIDE * hole;
      heap[h] = parentTime;
      heap[h + 1] = parentKey;
      heap[h + 2] = heap[p + 2]!;
      heap[h + 3] = heap[p + 3]!;
      hole = parent;
    }
    const h = STRIDE * hole;
    heap[h] = timeMs;
    heap[h + 1] = key;
    heap[h + 2] = kind;
    heap[h + 3] = arg;
  }

  /**
   * Moves an entry down from `position` to where it belongs.
   *
   * Performance: the smallest of four children is found with arithmetic on comparison
   * results instead of branches. Which child is smallest is a coin toss the branch
   * predictor always loses; the arithmetic costs the same every time.
   */
  private siftDown(position: number, timeMs: number, key: number, kind: number, arg: number): void {
    const heap = this.heap;
    const end = this.heapLength;
    let hole = position;
    let first = ARITY * hole + 1;
    while (first < end) {
      const c = STRIDE * first;
      const a =
        first + (+(heap[c + 4]! < heap[c]!) | (+(heap[c + 4] === heap[c]) & +(heap[c + 5]! < heap[c + 1]!)));
      const b =
        first +
        2 +
        (+(heap[c + 12]! < heap[c + 8]!) |
          (+(heap[c + 12] === heap[c + 8]) & +(heap[c + 13]! < heap[c + 9]!)));
      const sa = STRIDE * a;
      const sb = STRIDE * b;
      const bFirst = +(heap[sb]! < heap[sa]!) | (+(heap[sb] === heap[sa]) & +(heap[sb + 1]! < heap[sa + 1]!));
      const best = a + (b - a) * bFirst;
      const s = STRIDE * best;
      const bestTime = heap[s]!;
      const bestKey = heap[s + 1]!;
      if (timeMs < bestTime || (timeMs === bestTime && key < bestKey)) break;
      const h = STRIDE * hole;
      heap[h] = bestTime;
      heap[h + 1] = bestKey;
      heap[h + 2] = heap[s + 2]!;
      heap[h + 3] = heap[s + 3]!;
      hole = best;
      first = ARITY * hole + 1;
    }
    const h = STRIDE * hole;
    heap[h] = timeMs;
    heap[h + 1] = key;
    heap[h + 2] = kind;
    heap[h + 3] = arg;
  }

  /** Removes the root entry, refilling its place from the last leaf. */
  private removeTop(): void {
    const heap = this.heap;
    const l = STRIDE * --this.heapLength;
    const timeMs = heap[l]!;
    const key = heap[l + 1]!;
    heap[l] = Number.POSITIVE_INFINITY;
    heap[l + 1] = Number.POSITIVE_INFINITY;
    if (l > 0) this.siftDown(0, timeMs, key, heap[l + 2]!, heap[l + 3]!);
  }

  /** Drops tombstones and re-heapifies in O(n) (Floyd's heap construction). */
  protected compact(): void {
    const heap = this.heap;
    const oldLength = this.heapLength;
    let kept = 0;
    for (let read = 0; read < oldLength; read++) {
      const r = STRIDE * read;
      if (!this.live.has(handleOfKey(heap[r + 1]!))) continue;
      heap.copyWithin(STRIDE * kept, r, r + STRIDE);
      kept++;
    }
    heap.fill(Number.POSITIVE_INFINITY, STRIDE * kept, STRIDE * oldLength);
    this.heapLength = kept;
    for (let i = Math.floor((kept - 2) / ARITY); i >= 0; i--) {
      const p = STRIDE * i;
      this.siftDown(i, heap[p]!, heap[p + 1]!, heap[p + 2]!, heap[p + 3]!);
    }
  }

  private grow(): void {
    this.capacity *= 2;
    const heap = newHeap(this.capacity);
    heap.set(this.heap.subarray(0, STRIDE * this.heapLength));
    this.heap = heap;
  }
}

/** Room for `capacity` entries plus a full sibling group of sentinels, all +Infinity. */
function newHeap(capacity: number): Float64Array {
  return new Float64Array(STRIDE * (capacity + ARITY)).fill(Number.POSITIVE_INFINITY);
}
