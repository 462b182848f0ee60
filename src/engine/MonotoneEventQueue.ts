/**
 * The pending-event set of a simulation whose clock never goes backwards: a multi-level
 * bucket queue (a radix heap with 256-way digits).
 *
 * A simulation only ever schedules at or after the time of the event it last popped (the
 * floor), and its times are integer milliseconds. Read a time as base-256 digits: an event
 * waits at the level of the highest digit in which it differs from the floor, in the bucket
 * of its own digit there (Ahuja, Mehlhorn, Orlin and Tarjan's radix heap, 1990, with a
 * 256-way radix as in Cherkassky, Goldberg and Silverstein's multi-level buckets, 1999).
 * Every bucket of level 0 holds one exact time; a bucket of level l > 0 holds a 256^l-ms
 * window. When nothing is left at the floor, the lowest non-empty bucket is taken: at level
 * 0 it becomes the events of the new floor as it is, at level l its minimum becomes the
 * floor and its events move to lower levels. An event moves at most once per level, and in
 * practice once or twice (level 1 spans 65 s, level 2 4.7 h, level 3 50 days): no sift
 * through a big heap, and sequential copies even at a million pending events.
 *
 * Ties are ordered exactly as in `EventQueue`, by `key = (priority + 1024) * 2^42 + handle`
 * (`eventKey.ts`): (time, priority, insertion). Every bucket keeps its events in insertion
 * order (handles ascending: a bucket receives the events of one redistribution, in the
 * order of their source bucket, and then new pushes, whose handles are larger), so the
 * events at the floor are usually already in key order and pop from the front of a plain
 * array (the run); only events that would break that order (a lower priority than the
 * run's last) wait in a small binary heap by key, and a pop takes the smaller key of the
 * two. Each entry is four doubles (time, key, kind, arg); which handles are pending is one
 * bit each (`EventQueueCore`); cancellation is lazy, as in `EventQueue`, with the same
 * compaction rule.
 *
 * Contract: `EventQueue`'s (push, pushChecked, cancel, pop, popUntil, peekTimeMs, clear,
 * size, popped*), except that times are finite integers >= the floor, the time of the last
 * popped event (0 at first): an earlier, fractional or infinite time is a RangeError from
 * `push` (and a caller of `pushChecked` must guarantee it). `clear` keeps the floor. A
 * `peekTimeMs` never moves the floor: an event may still be pushed before the one it saw.
 *
 * PERF: the hot methods pass entries as (array, offset), never as values: a time past 2^31
 * ms or a key (near 2^52) passed to or returned from a call V8 does not inline is boxed into
 * a fresh heap number, and those allocations were a tenth of a hold's cost.
 */
import { EventQueueCore } from "./EventQueueCore.js";
import { checkPushed, handleOfKey, keyOf, MAX_PRIORITY, MIN_PRIORITY } from "./eventKey.js";
import { heapifyByKey, pushByKey, STRIDE, siftDownByKey } from "./keyHeap.js";

/** Digits of 8 bits: levels 0..6 cover times below 2^56, so every time below 2^53. */
const DIGIT_BITS = 8;
const RADIX = 1 << DIGIT_BITS;
const LEVELS = 7;
const WORDS_PER_LEVEL = RADIX / 32;
/**
 * Times from 2^53 on (a model's "never", e.g. a fill predicted at a rate near zero) have no
 * digits: they wait unordered in one far bucket, taken when every level is empty.
 */
const FAR_MS = 2 ** 53;
const TWO_TO_32 = 4294967296;
const INVERSE_TWO_TO_32 = 1 / TWO_TO_32;
const MIN_ENTRIES = 16;
/** Spare arrays may always hold this many doubles (256 KB), however few events are held. */
const MIN_SPARE_DOUBLES = 32768;

export class MonotoneEventQueue extends EventQueueCore {
  /** Bucket (level, digit) is `buckets[level * RADIX + digit]`, allocated on first use. */
  private readonly buckets: (Float64Array | undefined)[] = new Array(LEVELS * RADIX).fill(undefined);
  private readonly lengths = new Int32Array(LEVELS * RADIX); // entries, tombstones included
  /** Bit d of word (level * 8 + d / 32) set iff that bucket is non-empty... */
  private readonly words = new Int32Array(LEVELS * WORDS_PER_LEVEL);
  /** ...bit w of `wordMasks[level]` iff that word is non-zero, bit l of `levelMask` iff that mask is. */
  private readonly wordMasks = new Int32Array(LEVELS);
  private levelMask = 0;
  private far: Float64Array = new Float64Array(STRIDE * MIN_ENTRIES);
  private farLength = 0;

  /** Events at the floor in key order: entries [runHead, runLength) of `run`. */
  private run: Float64Array = new Float64Array(STRIDE * MIN_ENTRIES);
  private runHead = 0;
  private runLength = 0;
  /** Events at the floor that came out of key order: a binary min-heap by key. */
  private heap: Float64Array = new Float64Array(STRIDE * MIN_ENTRIES);
  private heapLength = 0;
  /**
   * Arrays of drained buckets above level 0, for the next ones to fill (last in, first out):
   * a drained bucket gives its room back, so memory follows the events pending, not every
   * window the floor has passed (256 level-1 buckets of a million-event queue would
   * otherwise each keep megabytes). Several, because several buckets fill at once (a hold
   * at 1e3 events fills ~4 level-1 buckets at a time; with one spare, the others grew from
   * 16 entries by doubling, a tenth of a hold's cost); at most `spareCapDoubles()` doubles.
   */
  private readonly spares: Float64Array[] = [];
  private spareDoubles = 0;
  /** A pushed event, written here so that it travels as (array, offset). */
  private readonly pushed = new Float64Array(STRIDE);

  private floorMs = 0;
  private floorHigh = 0; // floor(floorMs / 2^32)
  private floorLow = 0; // floorMs mod 2^32, as int32 bits
  private heldCount = 0; // entries stored anywhere, tombstones included
  /** Set by `findNext`: the earliest live time, and when nothing is at the floor its bucket (-1: far). */
  private nextMs = 0;
  private nextBucket = 0;

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    // PERF: one combined test (as in Simulation.at); `refuse` names what failed. Two checks
    // in turn cost a third of a hold at 1e3 pending events.
    if (
      !(timeMs >= this.floorMs && timeMs < Number.POSITIVE_INFINITY && Math.floor(timeMs) === timeMs) ||
      !(priority >= MIN_PRIORITY && priority <= MAX_PRIORITY && (priority | 0) === priority) ||
      (kind | 0) !== kind ||
      (arg | 0) !== arg
    ) {
      this.refuse(timeMs, priority, kind, arg);
    }
    return this.pushChecked(timeMs, priority, kind, arg);
  }

  private refuse(timeMs: number, priority: number, kind: number, arg: number): never {
    checkPushed(timeMs, priority, kind, arg);
    throw new RangeError(`bad event time ${timeMs}: must be a finite integer >= ${this.floorMs}`);
  }

  /** `push` for a caller that has already validated the event (Simulation): one check per event. */
  pushChecked(timeMs: number, priority: number, kind: number, arg: number): number {
    const handle = this.takeHandle();
    writeEntry(this.pushed, 0, timeMs, keyOf(priority, handle), kind, arg);
    this.place(this.pushed, 0);
    this.heldCount++;
    return handle;
  }

  protected popLiveUntil(untilMs: number): boolean {
    if (this.heldCount === this.liveCount && (this.runHead < this.runLength || this.heapLength > 0)) {
      if (this.floorMs > untilMs) return false; // the common case: live events at the floor
    } else {
      this.findNext();
      if (this.nextMs > untilMs) return false;
      if (this.runHead === this.runLength && this.heapLength === 0) this.take(this.nextBucket);
    }
    const run = this.run;
    const head = STRIDE * this.runHead;
    if (this.heapLength === 0 || (this.runHead < this.runLength && run[head + 1]! < this.heap[1]!)) {
      this.recordPop(run, head);
      if (++this.runHead === this.runLength) this.runHead = this.runLength = 0;
    } else {
      this.recordPop(this.heap, 0);
      this.removeHeapTop();
    }
    this.heldCount--;
    return true;
  }

  peekTimeMs(): number {
    if (this.liveCount === 0) return Number.POSITIVE_INFINITY;
    this.findNext();
    return this.nextMs;
  }

  /** Drops every pending event. Handles keep growing, so old handles stay dead. */
  clear(): void {
    this.forgetAll();
    this.lengths.fill(0);
    this.words.fill(0);
    this.wordMasks.fill(0);
    this.levelMask = 0;
    this.farLength = 0;
    this.runHead = this.runLength = 0;
    this.heapLength = 0;
    this.heldCount = 0;
    this.spares.length = 0;
    this.spareDoubles = 0;
  }

  protected heldEntries(): number {
    return this.heldCount;
  }

  /**
   * Sets `nextMs` to the time of the earliest live event (one is pending). Drops tombstones
   * from the fronts of the run and the heap, and buckets that hold only tombstones. When
   * nothing is at the floor, that is the time of the lowest non-empty bucket (level 0) or
   * its minimum, and the bucket goes to `nextBucket`; the floor moves only when that event
   * is popped (`take`), so an event may still be pushed at any time from the last popped one on.
   */
  private findNext(): void {
    const checkLive = this.heldCount !== this.liveCount;
    for (;;) {
      if (this.runHead < this.runLength || this.heapLength > 0) {
        if (!checkLive || this.dropDeadAtFloor()) {
          this.nextMs = this.floorMs;
          return;
        }
        continue;
      }
      if (this.levelMask === 0) {
        // Callers ask only while an event is live, so an empty far bucket here is a bookkeeping bug.
        if (this.farLength === 0)
          throw new Error("MonotoneEventQueue: a live event is counted but not stored");
        this.nextBucket = -1;
        if (this.findMin(this.far, this.farLength, checkLive)) return;
        this.heldCount -= this.farLength; // tombstones only
        this.farLength = 0;
        continue;
      }
      const level = lowestBit(this.levelMask);
      const word = level * WORDS_PER_LEVEL + lowestBit(this.wordMasks[level]!);
      const digit = 32 * (word - level * WORDS_PER_LEVEL) + lowestBit(this.words[word]!);
      const b = level * RADIX + digit;
      this.nextBucket = b;
      if (level === 0 && !checkLive) {
        this.nextMs = this.floorMs + digit - (this.floorLow & (RADIX - 1));
        return;
      }
      if (this.findMin(this.buckets[b]!, this.lengths[b]!, checkLive)) return;
      this.heldCount -= this.lengths[b]!; // tombstones only
      this.emptied(b);
    }
  }

  /** Drops dead events from the fronts of the run and the heap; true iff one is still at the floor. */
  private dropDeadAtFloor(): boolean {
    const live = this.live;
    while (this.runHead < this.runLength && !live.has(handleOfKey(this.run[STRIDE * this.runHead + 1]!))) {
      this.heldCount--;
      if (++this.runHead === this.runLength) this.runHead = this.runLength = 0;
    }
    while (this.heapLength > 0 && !live.has(handleOfKey(this.heap[1]!))) {
      this.heldCount--;
      this.removeHeapTop();
    }
    return this.runHead < this.runLength || this.heapLength > 0;
  }

  /** Sets `nextMs` to the minimum live time among `length` entries; false when none is live. */
  private findMin(entries: Float64Array, length: number, checkLive: boolean): boolean {
    let minMs = Number.POSITIVE_INFINITY;
    const end = STRIDE * length;
    for (let at = 0; at < end; at += STRIDE) {
      if (entries[at]! < minMs && (!checkLive || this.live.has(handleOfKey(entries[at + 1]!)))) {
        minMs = entries[at]!;
      }
    }
    this.nextMs = minMs;
    return minMs !== Number.POSITIVE_INFINITY;
  }

  /** Stores the entry at `source[at]` at the floor, far, or in the bucket of its level and digit. */
  private place(source: Float64Array, at: number): void {
    const timeMs = source[at]!;
    if (timeMs === this.floorMs) {
      this.placeAtFloor(source, at);
      return;
    }
    if (timeMs >= FAR_MS) {
      if (STRIDE * this.farLength === this.far.length) this.far = grown(this.far);
      copyEntry(this.far, STRIDE * this.farLength++, source, at);
      return;
    }
    // The level is the highest differing digit; times below 2^32 with such a floor take one XOR.
    let level: number;
    let digit: number;
    if (timeMs < TWO_TO_32 && this.floorHigh === 0) {
      const low = timeMs | 0;
      level = (31 - Math.clz32(low ^ this.floorLow)) >> 3;
      digit = (low >>> (level << 3)) & (RADIX - 1);
    } else {
      const high = Math.floor(timeMs * INVERSE_TWO_TO_32);
      const highDiff = high ^ this.floorHigh;
      if (highDiff !== 0) {
        level = 4 + ((31 - Math.clz32(highDiff)) >> 3);
        digit = (high >>> ((level - 4) << 3)) & (RADIX - 1);
      } else {
        const low = (timeMs - high * TWO_TO_32) | 0;
        level = (31 - Math.clz32(low ^ this.floorLow)) >> 3;
        digit = (low >>> (level << 3)) & (RADIX - 1);
      }
    }
    const b = level * RADIX + digit;
    const length = this.lengths[b]!;
    let bucket = this.buckets[b];
    if (bucket === undefined) {
      bucket = (level > 0 ? this.takeSpare() : undefined) ?? new Float64Array(STRIDE * MIN_ENTRIES);
      this.buckets[b] = bucket;
    } else if (STRIDE * length === bucket.length) {
      bucket = grown(bucket);
      this.buckets[b] = bucket;
    }
    copyEntry(bucket, STRIDE * length, source, at);
    this.lengths[b] = length + 1;
    if (length === 0) {
      const word = level * WORDS_PER_LEVEL + (digit >> 5);
      this.words[word]! |= 1 << (digit & 31);
      this.wordMasks[level]! |= 1 << (digit >> 5);
      this.levelMask |= 1 << level;
    }
  }

  /** An event at the floor: at the end of the run if that keeps it in key order, else in the heap. */
  private placeAtFloor(source: Float64Array, at: number): void {
    const length = this.runLength;
    if (this.runHead < length && source[at + 1]! < this.run[STRIDE * (length - 1) + 1]!) {
      if (STRIDE * this.heapLength === this.heap.length) this.heap = grown(this.heap);
      pushByKey(this.heap, this.heapLength++, source, at);
      return;
    }
    if (STRIDE * length === this.run.length) {
      if (this.runHead > 0) {
        this.run.copyWithin(0, STRIDE * this.runHead, STRIDE * length);
        this.runLength -= this.runHead;
        this.runHead = 0;
      } else {
        this.run = grown(this.run);
      }
    }
    copyEntry(this.run, STRIDE * this.runLength++, source, at);
  }

  /**
   * Nothing is at the floor, and `nextMs`, the minimum live time of bucket b (-1: far), is
   * the next to pop: it becomes the floor and the bucket's events move down. A level-0
   * bucket holds only that time: when all its events are live and in key order (the rule),
   * it becomes the run as it is. Tombstones are dropped on the way (one may lie below the
   * new floor, where no bucket fits it).
   */
  private take(b: number): void {
    const checkLive = this.heldCount !== this.liveCount;
    if (b < 0) {
      this.takeFromFar(checkLive);
      return;
    }
    this.setFloor();
    const source = this.buckets[b]!;
    const end = STRIDE * this.lengths[b]!;
    this.emptied(b);
    if (b < RADIX && !checkLive && inKeyOrder(source, end)) {
      this.buckets[b] = this.run; // empty: nothing is at the floor
      this.run = source;
      this.runHead = 0;
      this.runLength = end / STRIDE;
      return;
    }
    if (b < 2 * RADIX && b >= RADIX && !checkLive) {
      this.takeLevel1(source, end);
    } else {
      this.redistribute(source, end, checkLive);
    }
    if (b >= RADIX) {
      this.buckets[b] = undefined;
      this.giveSpare(source);
    }
  }

  /**
   * `take`'s loop for a level-1 bucket without tombstones: every event lands at the floor or
   * in the level-0 bucket of its low digit (all share the floor's higher digits), so the
   * level is not computed per event. PERF: 1.42x the plain heap at 1e3 against 1.34x with
   * `place` (median of five alternating runs); the append below repeats `place`'s on purpose:
   * sharing it as a method made `place` slower (1.27x).
   */
  private takeLevel1(source: Float64Array, end: number): void {
    const floorMs = this.floorMs;
    const floorDigit = this.floorLow & (RADIX - 1);
    for (let at = 0; at < end; at += STRIDE) {
      const timeMs = source[at]!;
      if (timeMs === floorMs) {
        this.placeAtFloor(source, at);
        continue;
      }
      const digit = (timeMs - floorMs + floorDigit) | 0; // below RADIX: same window as the floor
      const length = this.lengths[digit]!;
      let bucket = this.buckets[digit];
      if (bucket === undefined) {
        bucket = new Float64Array(STRIDE * MIN_ENTRIES);
        this.buckets[digit] = bucket;
      } else if (STRIDE * length === bucket.length) {
        bucket = grown(bucket);
        this.buckets[digit] = bucket;
      }
      copyEntry(bucket, STRIDE * length, source, at);
      this.lengths[digit] = length + 1;
      if (length === 0) {
        this.words[digit >> 5]! |= 1 << (digit & 31);
        this.wordMasks[0]! |= 1 << (digit >> 5);
        this.levelMask |= 1;
      }
    }
  }

  /** Places every entry of a taken bucket again, dropping tombstones when `checkLive`. */
  private redistribute(source: Float64Array, end: number, checkLive: boolean): void {
    // Every entry lands at the floor or in a level below its bucket's, so `source` is never written while read.
    for (let at = 0; at < end; at += STRIDE) {
      if (checkLive && !this.live.has(handleOfKey(source[at + 1]!))) {
        this.heldCount--;
        continue;
      }
      this.place(source, at);
    }
  }

  private takeSpare(): Float64Array | undefined {
    const spare = this.spares.pop();
    if (spare !== undefined) this.spareDoubles -= spare.length;
    return spare;
  }

  /** Keeps a drained array while the spares stay within as many doubles as the events held. */
  private giveSpare(array: Float64Array): void {
    if (this.spareDoubles + array.length > Math.max(MIN_SPARE_DOUBLES, STRIDE * this.heldCount)) return;
    this.spares.push(array);
    this.spareDoubles += array.length;
  }

  /** The far bucket's minimum becomes the floor: its events go to the floor, the others stay (in order). */
  private takeFromFar(checkLive: boolean): void {
    const floorMs = this.nextMs;
    this.floorMs = floorMs; // floorHigh/floorLow are never read again: every later time is far
    const far = this.far;
    const end = STRIDE * this.farLength;
    let kept = 0;
    for (let at = 0; at < end; at += STRIDE) {
      if (checkLive && !this.live.has(handleOfKey(far[at + 1]!))) {
        this.heldCount--;
      } else if (far[at] === floorMs) {
        this.placeAtFloor(far, at);
      } else {
        far.copyWithin(STRIDE * kept++, at, at + STRIDE);
      }
    }
    this.farLength = kept;
  }

  /** The floor moves to `nextMs`. */
  private setFloor(): void {
    const timeMs = this.nextMs;
    const high = Math.floor(timeMs * INVERSE_TWO_TO_32);
    this.floorMs = timeMs;
    this.floorHigh = high;
    this.floorLow = (timeMs - high * TWO_TO_32) | 0;
  }
  /** Bucket b is now empty: its length and its bits. */
  private emptied(b: number): void {
    this.lengths[b] = 0;
    const level = b >> DIGIT_BITS;
    const digit = b & (RADIX - 1);
    const word = level * WORDS_PER_LEVEL + (digit >> 5);
    this.words[word]! &= ~(1 << (digit & 31));
    if (this.words[word] !== 0) return;
    this.wordMasks[level]! &= ~(1 << (digit >> 5));
    if (this.wordMasks[level] === 0) this.levelMask &= ~(1 << level);
  }

  private removeHeapTop(): void {
    const length = --this.heapLength;
    if (length > 0) siftDownByKey(this.heap, length, 0, length);
  }

  /** Drops tombstones everywhere, keeping every bucket's order, and rebuilds the heap. */
  protected compact(): void {
    let held = 0;
    for (let b = 0; b < LEVELS * RADIX; b++) {
      if (this.lengths[b] === 0) continue;
      const kept = this.keepLive(this.buckets[b]!, 0, this.lengths[b]!);
      if (kept === 0) this.emptied(b);
      else this.lengths[b] = kept;
      held += kept;
    }
    this.farLength = this.keepLive(this.far, 0, this.farLength);
    this.runLength = this.keepLive(this.run, this.runHead, this.runLength);
    this.runHead = 0;
    this.heapLength = this.keepLive(this.heap, 0, this.heapLength);
    heapifyByKey(this.heap, this.heapLength);
    this.heldCount = held + this.farLength + this.runLength + this.heapLength;
  }

  /** Moves the live entries among [first, end) to the front, in order; returns how many. */
  private keepLive(entries: Float64Array, first: number, end: number): number {
    let kept = 0;
    for (let at = STRIDE * first; at < STRIDE * end; at += STRIDE) {
      if (!this.live.has(handleOfKey(entries[at + 1]!))) continue;
      entries.copyWithin(STRIDE * kept++, at, at + STRIDE);
    }
    return kept;
  }
}

/** The index of the lowest set bit of a non-zero int32. */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** True iff the keys of the first `end / STRIDE` entries ascend. */
function inKeyOrder(entries: Float64Array, end: number): boolean {
  for (let at = STRIDE + 1; at < end; at += STRIDE) if (entries[at]! < entries[at - STRIDE]!) return false;
  return true;
}

function grown(entries: Float64Array): Float64Array {
  const bigger = new Float64Array(2 * entries.length);
  bigger.set(entries);
  return bigger;
}

/** Copies the entry at `from[at]` to `to[toAt]`. */
function copyEntry(to: Float64Array, toAt: number, from: Float64Array, at: number): void {
  to[toAt] = from[at]!;
  to[toAt + 1] = from[at + 1]!;
  to[toAt + 2] = from[at + 2]!;
  to[toAt + 3] = from[at + 3]!;
}

function writeEntry(
  entries: Float64Array,
  at: number,
  timeMs: number,
  key: number,
  kind: number,
  arg: number,
): void {
  entries[at] = timeMs;
  entries[at + 1] = key;
  entries[at + 2] = kind;
  entries[at + 3] = arg;
}
