/**
 * The pending-event set of a discrete-event simulation.
 *
 * A simulation spends most of its time taking the earliest pending event out and putting a
 * few new ones in, so this queue is a 4-ary min-heap laid out in typed arrays: no object is
 * allocated per event and the garbage collector never sees the hot path.
 *
 * Order is total and independent of the heap's internal layout: time ascending, then
 * priority ascending (lower runs first), then insertion order. Two runs that push the same
 * events in the same order pop them in the same order, whatever the heap did inside.
 *
 * Contract:
 * - `push(timeMs, priority, kind, arg)` returns a handle, a positive integer. `timeMs` is
 *   any number but NaN; `priority` is an integer in [-1024, 1023]; `kind` and `arg` are
 *   int32. A queue hands out handles below 2^42, which lasts at least 2^41 (2e12) pushes,
 *   and then refuses to push.
 * - `cancel(handle)` is true iff that event was pending and now never pops. A handle never
 *   names a different event: handles only grow, and each slot remembers whose it is.
 * - `pop()` removes the earliest live event, exposes it through the `popped*` getters until
 *   the next `pop()`, and returns false when nothing is pending.
 * - `size` counts live events only, exactly.
 *
 * How the pieces fit:
 * - Each heap entry is two doubles, `time` and `key = (priority + 1024) * 2^42 + handle`.
 *   Handles grow with every push, so comparing (time, key) lexicographically is exactly
 *   the (time, priority, insertion) order, with no lookup outside the heap.
 * - Kind and arg live in a slot table of power-of-two capacity, at slot `handle mod
 *   capacity`, which is also `key mod capacity` because 2^42 is a multiple of the capacity.
 *   A push takes the next handle whose slot is free; the table is kept at most half full,
 *   so that scan costs at most two probes per push, amortised. When the table doubles,
 *   each slot moves to `handle mod newCapacity`; two handles that differed modulo the old
 *   capacity still differ modulo the new one, so the moves never collide.
 * - Cancellation is lazy: a cancelled event stays in the heap as a tombstone and is dropped
 *   when it reaches the top. When tombstones outnumber live events the heap is rebuilt, so
 *   memory stays proportional to the live count.
 */

/** 2^42: the handle field of a key. Keys stay below 2^53, so they are exact doubles. */
const HANDLE_SPAN = 4398046511104;
const PRIORITY_BIAS = 1024;
export const MIN_PRIORITY = -PRIORITY_BIAS;
export const MAX_PRIORITY = PRIORITY_BIAS - 1;

/** Heap arity. Four halves the depth of a binary heap; four siblings are 64 adjacent bytes. */
const ARITY = 4;

/** Never rebuild for fewer tombstones than this: rebuilding a tiny heap costs more than it saves. */
const MIN_TOMBSTONES_TO_COMPACT = 64;

const MIN_SLOT_CAPACITY = 16;

function slotCapacityFor(events: number): number {
  let capacity = MIN_SLOT_CAPACITY;
  while (capacity < 2 * events) capacity *= 2;
  return capacity;
}

/** Room for every entry the slot table allows, plus a full sibling group of sentinels. */
function heapDoublesFor(slotCapacity: number): number {
  return 2 * (slotCapacity / 2 + ARITY);
}

export class EventQueue {
  // Entry i is heap[2i] (time) and heap[2i+1] (key). Every position at or past heapLength
  // holds (+Infinity, +Infinity), so the child selection below can read a full group of
  // four siblings without bounds checks and never choose a missing one.
  private heap: Float64Array;
  private heapLength = 0; // entries, tombstones included
  private liveCount = 0;

  // Slot table. slotHandle is 0 for a free slot, +handle for a live event and -handle for
  // a tombstone, so one array answers both "whose slot is this" and "is it cancelled".
  private capacity: number;
  private inverseCapacity: number;
  private slotHandle: Float64Array;
  private slotKind: Int32Array;
  private slotArg: Int32Array;

  private nextHandle = 1;

  private lastTimeMs = Number.NaN;
  private lastKey = 0;
  private lastKind = -1;
  private lastArg = -1;

  constructor(initialCapacity = 1024) {
    if (!(initialCapacity >= 0 && initialCapacity <= 2 ** 30)) {
      throw new RangeError(`initialCapacity must be in [0, 2^30], got ${initialCapacity}`);
    }
    this.capacity = slotCapacityFor(initialCapacity);
    this.inverseCapacity = 1 / this.capacity;
    this.heap = new Float64Array(heapDoublesFor(this.capacity)).fill(Number.POSITIVE_INFINITY);
    this.slotHandle = new Float64Array(this.capacity);
    this.slotKind = new Int32Array(this.capacity);
    this.slotArg = new Int32Array(this.capacity);
  }

  get size(): number {
    return this.liveCount;
  }

  get poppedTimeMs(): number {
    return this.lastTimeMs;
  }
  get poppedPriority(): number {
    return Math.floor(this.lastKey / HANDLE_SPAN) - PRIORITY_BIAS;
  }
  get poppedKind(): number {
    return this.lastKind;
  }
  get poppedArg(): number {
    return this.lastArg;
  }
  get poppedHandle(): number {
    return this.lastKey - Math.floor(this.lastKey / HANDLE_SPAN) * HANDLE_SPAN;
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    // One combined check: NaN would poison the heap order, non-int32 would be truncated.
    if (
      Number.isNaN(timeMs) ||
      (priority | 0) !== priority ||
      priority < MIN_PRIORITY ||
      priority > MAX_PRIORITY ||
      (kind | 0) !== kind ||
      (arg | 0) !== arg
    ) {
      throw new RangeError(`bad event: time ${timeMs}, priority ${priority}, kind ${kind}, arg ${arg}`);
    }
    if (2 * (this.heapLength + 1) > this.capacity) this.grow();
    const slot = this.claimSlot();
    const handle = this.nextHandle - 1;
    this.slotKind[slot] = kind;
    this.slotArg[slot] = arg;
    this.siftUp(this.heapLength++, timeMs, (priority + PRIORITY_BIAS) * HANDLE_SPAN + handle);
    this.liveCount++;
    return handle;
  }

  cancel(handle: number): boolean {
    if (!(handle >= 1 && handle < this.nextHandle)) return false;
    const slot = this.slotOf(handle);
    if (this.slotHandle[slot] !== handle) return false; // stale, cancelled, or not an integer
    this.slotHandle[slot] = -handle;
    this.liveCount--;
    const tombstones = this.heapLength - this.liveCount;
    if (tombstones >= MIN_TOMBSTONES_TO_COMPACT && tombstones > this.liveCount) this.compact();
    return true;
  }

  pop(): boolean {
    if (this.liveCount === 0) {
      if (this.heapLength > 0) this.compact(); // only tombstones are left
      return false;
    }
    const slot = this.liveTopSlot();
    this.lastTimeMs = this.heap[0];
    this.lastKey = this.heap[1];
    this.lastKind = this.slotKind[slot];
    this.lastArg = this.slotArg[slot];
    this.slotHandle[slot] = 0;
    this.liveCount--;
    this.removeTop();
    return true;
  }

  peekTimeMs(): number {
    if (this.liveCount === 0) return Number.POSITIVE_INFINITY;
    this.liveTopSlot();
    return this.heap[0];
  }

  /** Drops every pending event. Handles keep growing, so old handles stay dead. */
  clear(): void {
    this.slotHandle.fill(0);
    this.heap.fill(Number.POSITIVE_INFINITY);
    this.heapLength = 0;
    this.liveCount = 0;
  }

  /**
   * `x mod capacity` for a handle or a key. Performance: keys are near 2^52, where `x & mask`
   * falls off V8's fast int32 path into a runtime call; multiplying by a power of two and
   * flooring is exact and stays in floating-point registers.
   */
  private slotOf(x: number): number {
    return x - Math.floor(x * this.inverseCapacity) * this.capacity;
  }

  /**
   * Takes the next handle whose slot is free and returns that slot (the handle is then
   * nextHandle - 1). Why the scan is short: the cursor sweeps the table, and everything it
   * skips in one sweep was already there when the sweep began, at most half the table; so
   * each sweep claims at least half its slots, two probes per push at most, amortised, and
   * handles grow at most twice as fast as pushes.
   */
  private claimSlot(): number {
    const slots = this.slotHandle;
    let handle = this.nextHandle;
    let slot = this.slotOf(handle);
    while (slots[slot] !== 0) {
      handle++;
      slot = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    if (handle >= HANDLE_SPAN) throw new RangeError("EventQueue: all 2^42 handles used; start a new queue");
    slots[slot] = handle;
    this.nextHandle = handle + 1;
    return slot;
  }

  /**
   * Drops tombstones from the top and returns the slot of the live event there. Only called
   * while a live event is pending, so the loop ends.
   */
  private liveTopSlot(): number {
    let slot = this.slotOf(this.heap[1]);
    while (this.slotHandle[slot] < 0) {
      this.slotHandle[slot] = 0;
      this.removeTop();
      slot = this.slotOf(this.heap[1]);
    }
    return slot;
  }

  private siftUp(position: number, timeMs: number, key: number): void {
    const heap = this.heap;
    let hole = position;
    while (hole > 0) {
      const parent = (hole - 1) >> 2;
      const parentTime = heap[2 * parent];
      const parentKey = heap[2 * parent + 1];
      if (parentTime < timeMs || (parentTime === timeMs && parentKey < key)) break;
      heap[2 * hole] = parentTime;
      heap[2 * hole + 1] = parentKey;
      hole = parent;
    }
    heap[2 * hole] = timeMs;
    heap[2 * hole + 1] = key;
  }

  /**
   * Moves (timeMs, key) down from `position` to where it belongs.
   *
   * Performance: the smallest of four children is found with arithmetic on comparison
   * results instead of branches. Which child is smallest is a coin toss the branch
   * predictor always loses; the arithmetic costs the same every time.
   */
  private siftDown(position: number, timeMs: number, key: number): void {
    const heap = this.heap;
    const end = this.heapLength;
    let hole = position;
    let first = ARITY * hole + 1;
    while (first < end) {
      const h = 2 * first;
      const a =
        first + (+(heap[h + 2] < heap[h]) | (+(heap[h + 2] === heap[h]) & +(heap[h + 3] < heap[h + 1])));
      const b =
        first +
        2 +
        (+(heap[h + 6] < heap[h + 4]) | (+(heap[h + 6] === heap[h + 4]) & +(heap[h + 7] < heap[h + 5])));
      const bFirst =
        +(heap[2 * b] < heap[2 * a]) |
        (+(heap[2 * b] === heap[2 * a]) & +(heap[2 * b + 1] < heap[2 * a + 1]));
      const best = a + (b - a) * bFirst;
      const bestTime = heap[2 * best];
      const bestKey = heap[2 * best + 1];
      if (timeMs < bestTime || (timeMs === bestTime && key < bestKey)) break;
      heap[2 * hole] = bestTime;
      heap[2 * hole + 1] = bestKey;
      hole = best;
      first = ARITY * hole + 1;
    }
    heap[2 * hole] = timeMs;
    heap[2 * hole + 1] = key;
  }

  /** Removes the root entry, refilling its place from the last leaf. */
  private removeTop(): void {
    const heap = this.heap;
    const last = --this.heapLength;
    const timeMs = heap[2 * last];
    const key = heap[2 * last + 1];
    heap[2 * last] = Number.POSITIVE_INFINITY;
    heap[2 * last + 1] = Number.POSITIVE_INFINITY;
    if (last > 0) this.siftDown(0, timeMs, key);
  }

  /** Drops tombstones and re-heapifies in O(n) (Floyd's heap construction). */
  private compact(): void {
    const heap = this.heap;
    const oldLength = this.heapLength;
    let kept = 0;
    for (let read = 0; read < oldLength; read++) {
      const key = heap[2 * read + 1];
      const slot = this.slotOf(key);
      if (this.slotHandle[slot] < 0) {
        this.slotHandle[slot] = 0;
        continue;
      }
      heap[2 * kept] = heap[2 * read];
      heap[2 * kept + 1] = key;
      kept++;
    }
    heap.fill(Number.POSITIVE_INFINITY, 2 * kept, 2 * oldLength);
    this.heapLength = kept;
    for (let i = Math.floor((kept - 2) / ARITY); i >= 0; i--) {
      this.siftDown(i, heap[2 * i], heap[2 * i + 1]);
    }
  }

  /** Doubles the slot table and the heap; every slot moves to handle mod the new capacity. */
  private grow(): void {
    const oldCapacity = this.capacity;
    const capacity = 2 * oldCapacity;
    const handles = new Float64Array(capacity);
    const kinds = new Int32Array(capacity);
    const args = new Int32Array(capacity);
    for (let slot = 0; slot < oldCapacity; slot++) {
      const signedHandle = this.slotHandle[slot];
      if (signedHandle === 0) continue;
      const handle = Math.abs(signedHandle);
      const moved = handle - Math.floor(handle / capacity) * capacity;
      handles[moved] = signedHandle;
      kinds[moved] = this.slotKind[slot];
      args[moved] = this.slotArg[slot];
    }
    const heap = new Float64Array(heapDoublesFor(capacity)).fill(Number.POSITIVE_INFINITY);
    heap.set(this.heap.subarray(0, 2 * this.heapLength));
    this.heap = heap;
    this.slotHandle = handles;
    this.slotKind = kinds;
    this.slotArg = args;
    this.capacity = capacity;
    this.inverseCapacity = 1 / capacity;
  }
}
