/**
 * The pending-event set of a simulation whose clock never goes backwards: a radix heap.
 *
 * A simulation only ever schedules at or after the time of the event it last popped, and
 * its times are integer milliseconds. A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan,
 * 1990) uses exactly that: pending events sit in buckets by the highest bit in which their
 * time differs from the last popped time (the floor). Bucket 0 holds the events at the
 * floor itself; bucket b holds times whose XOR with the floor has bit length b. Popping
 * from an empty bucket 0 takes the lowest non-empty bucket, makes its minimum the new floor
 * and redistributes its events into lower buckets. An event only ever moves to a lower
 * bucket, so it moves at most ~log2(time span) times, each a sequential copy: no sift
 * through a big heap, and few cache misses at a million pending events.
 *
 * Ties are ordered exactly as in `EventQueue`: bucket 0 (one time) is a small binary heap by
 * `key = (priority + 1024) * 2^42 + handle` (`eventKey.ts`), so events pop in (time,
 * priority, insertion) order. Each entry is four doubles (time, key, kind, arg), and which
 * handles are pending is one bit each (`EventQueueCore`); cancellation is lazy, as in
 * `EventQueue`, with the same compaction rule.
 *
 * Contract: `EventQueue`'s (push, pushChecked, cancel, pop, popUntil, peekTimeMs, clear,
 * size, popped*), except that times are finite integers >= the floor, the time of the last
 * popped event (0 at first): an earlier, fractional or infinite time is a RangeError from
 * `push` (and a caller of `pushChecked` must guarantee it). `clear` keeps the floor.
 */
import { EventQueueCore } from "./EventQueueCore.js";
import { checkPushed, handleOfKey, keyOf } from "./eventKey.js";

/** Doubles per entry: time, key, kind, arg. */
const STRIDE = 4;
/** Bucket 0, one per possible bit length of a 53-bit XOR, and FAR. */
const BUCKETS = 55;
/**
 * Times from 2^53 on (a model's "never", e.g. a fill predicted at a rate near zero) have no
 * XOR bucket: they wait unordered in this last bucket, and when it is the lowest non-empty
 * one, the minimum's events move to bucket 0 and the rest stay.
 */
const FAR = 54;
const FAR_MS = 2 ** 53;
const TWO_TO_32 = 4294967296;
const INVERSE_TWO_TO_32 = 1 / TWO_TO_32;
const MIN_BUCKET_ENTRIES = 16;

export class MonotoneEventQueue extends EventQueueCore {
  private readonly buckets: Float64Array[] = [];
  private readonly lengths = new Int32Array(BUCKETS); // entries, tombstones included
  /** Bit b-1 of `lowMask` (b <= 32) or b-33 of `highMask` set iff bucket b >= 1 is non-empty. */
  private lowMask = 0;
  private highMask = 0;
  private floorMs = 0;
  private floorHigh = 0; // floor(floorMs / 2^32)
  private floorLow = 0; // floorMs mod 2^32, as int32 bits
  private heldCount = 0; // entries in all buckets, tombstones included
  private nextBucket = 0; // set by nextLiveTimeMs when bucket 0 is empty

  constructor() {
    super();
    for (let b = 0; b < BUCKETS; b++) this.buckets.push(new Float64Array(STRIDE * MIN_BUCKET_ENTRIES));
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    checkPushed(timeMs, priority, kind, arg);
    if (!Number.isInteger(timeMs) || timeMs < this.floorMs) {
      throw new RangeError(`bad event time ${timeMs}: must be a finite integer >= ${this.floorMs}`);
    }
    return this.pushChecked(timeMs, priority, kind, arg);
  }

  /** `push` for a caller that has already validated the event (Simulation): one check per event. */
  pushChecked(timeMs: number, priority: number, kind: number, arg: number): number {
    const handle = this.takeHandle();
    this.place(timeMs, keyOf(priority, handle), kind, arg);
    this.heldCount++;
    return handle;
  }

  protected popLiveUntil(untilMs: number): boolean {
    const timeMs = this.nextLiveTimeMs();
    if (timeMs > untilMs) return false;
    if (this.lengths[0] === 0) {
      this.redistribute(this.nextBucket, timeMs);
      // Drops tombstones redistributed to the top of bucket 0.
      if (this.heldCount !== this.liveCount) this.nextLiveTimeMs();
    }
    const top = this.buckets[0]!;
    this.recordPop(timeMs, top[1]!, top[2]!, top[3]!);
    this.removeTop();
    return true;
  }

  peekTimeMs(): number {
    return this.liveCount === 0 ? Number.POSITIVE_INFINITY : this.nextLiveTimeMs();
  }

  /** Drops every pending event. Handles keep growing, so old handles stay dead. */
  clear(): void {
    this.forgetAll();
    this.lengths.fill(0);
    this.lowMask = 0;
    this.highMask = 0;
    this.heldCount = 0;
  }

  protected heldEntries(): number {
    return this.heldCount;
  }

  /**
   * The time of the earliest live event, which is pending. Drops tombstones from the top of
   * bucket 0 and empties buckets that hold only tombstones. When bucket 0 is empty, the
   * answer is the minimum of the lowest bucket with a live event, remembered in
   * `nextBucket`; the floor moves only when that event is popped, so until then an event
   * may still be pushed at any time from the last popped one on.
   */
  private nextLiveTimeMs(): number {
    const checkLive = this.heldCount !== this.liveCount;
    for (;;) {
      if (this.lengths[0]! > 0) {
        if (!checkLive || this.live.has(handleOfKey(this.buckets[0]![1]!))) return this.floorMs;
        this.removeTop();
        continue;
      }
      const b = this.lowestBucket();
      const bucket = this.buckets[b]!;
      const end = STRIDE * this.lengths[b]!;
      let minMs = Number.POSITIVE_INFINITY;
      for (let at = 0; at < end; at += STRIDE) {
        if (bucket[at]! < minMs && (!checkLive || this.live.has(handleOfKey(bucket[at + 1]!)))) {
          minMs = bucket[at]!;
        }
      }
      if (minMs !== Number.POSITIVE_INFINITY) {
        this.nextBucket = b;
        return minMs;
      }
      this.heldCount -= this.lengths[b]!; // tombstones only
      this.emptied(b);
    }
  }

  private lowestBucket(): number {
    return this.lowMask !== 0
      ? 32 - Math.clz32(this.lowMask & -this.lowMask)
      : 64 - Math.clz32(this.highMask & -this.highMask);
  }

  private emptied(b: number): void {
    this.lengths[b] = 0;
    if (b <= 32) this.lowMask &= ~(1 << (b - 1));
    else this.highMask &= ~(1 << (b - 33));
  }

  /** Bit length of (timeMs XOR floor): the bucket of a time at or after the floor. */
  private bucketOf(timeMs: number): number {
    // Times below 2^32 (the first 49.7 days) with such a floor: one XOR on int32 bits.
    if (timeMs < TWO_TO_32 && this.floorHigh === 0) return 32 - Math.clz32((timeMs | 0) ^ this.floorLow);
    const high = Math.floor(timeMs * INVERSE_TWO_TO_32);
    const highDiff = high ^ this.floorHigh;
    if (highDiff !== 0) return 64 - Math.clz32(highDiff);
    return 32 - Math.clz32(((timeMs - high * TWO_TO_32) | 0) ^ this.floorLow);
  }

  private place(timeMs: number, key: number, kind: number, arg: number): void {
    const b = timeMs === this.floorMs ? 0 : timeMs >= FAR_MS ? FAR : this.bucketOf(timeMs);
    if (b === 0) {
      this.heapPush(timeMs, key, kind, arg);
      return;
    }
    const length = this.lengths[b]!;
    let bucket = this.buckets[b]!;
    if (STRIDE * length === bucket.length) bucket = this.growBucket(b);
    const at = STRIDE * length;
    writeEntry(bucket, at, timeMs, key, kind, arg);
    this.lengths[b] = length + 1;
    if (b <= 32) this.lowMask |= 1 << (b - 1);
    else this.highMask |= 1 << (b - 33);
  }

  /**
   * Bucket 0 is empty and `floorMs`, the minimum live time of bucket b, is the next to pop:
   * it becomes the floor and bucket b's entries move to lower buckets. Tombstones are
   * dropped on the way (one may lie below the new floor, where no bucket fits it).
   */
  private redistribute(b: number, floorMs: number): void {
    if (b === FAR) {
      this.takeFromFar(floorMs);
      return;
    }
    this.setFloor(floorMs);
    const source = this.buckets[b]!;
    const end = STRIDE * this.lengths[b]!;
    const checkLive = this.heldCount !== this.liveCount;
    this.emptied(b);
    // Every entry lands in a bucket below b, so `source` is never written while read.
    for (let at = 0; at < end; at += STRIDE) {
      if (checkLive && !this.live.has(handleOfKey(source[at + 1]!))) {
        this.heldCount--;
        continue;
      }
      this.place(source[at]!, source[at + 1]!, source[at + 2]!, source[at + 3]!);
    }
  }

  /** FAR's minimum becomes the floor: its events go to bucket 0, the others stay (compacted). */
  private takeFromFar(floorMs: number): void {
    this.floorMs = floorMs; // floorHigh/floorLow are never read again: every later time is FAR
    const far = this.buckets[FAR]!;
    const end = STRIDE * this.lengths[FAR]!;
    const checkLive = this.heldCount !== this.liveCount;
    let kept = 0;
    for (let at = 0; at < end; at += STRIDE) {
      if (checkLive && !this.live.has(handleOfKey(far[at + 1]!))) {
        this.heldCount--;
      } else if (far[at] === floorMs) {
        this.heapPush(floorMs, far[at + 1]!, far[at + 2]!, far[at + 3]!);
      } else {
        far.copyWithin(STRIDE * kept++, at, at + STRIDE);
      }
    }
    if (kept === 0) this.emptied(FAR);
    else this.lengths[FAR] = kept;
  }

  private setFloor(timeMs: number): void {
    const high = Math.floor(timeMs * INVERSE_TWO_TO_32);
    this.floorMs = timeMs;
    this.floorHigh = high;
    this.floorLow = (timeMs - high * TWO_TO_32) | 0;
  }

  private growBucket(b: number): Float64Array {
    const bucket = new Float64Array(2 * this.buckets[b]!.length);
    bucket.set(this.buckets[b]!);
    this.buckets[b] = bucket;
    return bucket;
  }

  // Bucket 0: a binary min-heap by key (all its times are the floor).

  private heapPush(timeMs: number, key: number, kind: number, arg: number): void {
    const length = this.lengths[0]!;
    let heap = this.buckets[0]!;
    if (STRIDE * length === heap.length) heap = this.growBucket(0);
    this.lengths[0] = length + 1;
    let hole = length;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const p = STRIDE * parent;
      if (heap[p + 1]! < key) break;
      copyEntry(heap, STRIDE * hole, p);
      hole = parent;
    }
    writeEntry(heap, STRIDE * hole, timeMs, key, kind, arg);
  }

  /** Removes bucket 0's root (one entry fewer held). */
  private removeTop(): void {
    const length = --this.lengths[0]!;
    this.heldCount--;
    if (length > 0) this.siftDown(0, length);
  }

  /** Fills the hole at `position` of bucket 0 with the entry at `from` (past the heap's end). */
  private siftDown(position: number, from: number): void {
    const heap = this.buckets[0]!;
    const length = this.lengths[0]!;
    const f = STRIDE * from;
    const timeMs = heap[f]!;
    const key = heap[f + 1]!;
    const kind = heap[f + 2]!;
    const arg = heap[f + 3]!;
    let hole = position;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= length) break;
      if (child + 1 < length && heap[STRIDE * (child + 1) + 1]! < heap[STRIDE * child + 1]!) child++;
      const c = STRIDE * child;
      if (key < heap[c + 1]!) break;
      copyEntry(heap, STRIDE * hole, c);
      hole = child;
    }
    writeEntry(heap, STRIDE * hole, timeMs, key, kind, arg);
  }

  /** Drops tombstones from every bucket and rebuilds bucket 0's heap. */
  protected compact(): void {
    let held = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const bucket = this.buckets[b]!;
      const end = STRIDE * this.lengths[b]!;
      let kept = 0;
      for (let at = 0; at < end; at += STRIDE) {
        if (!this.live.has(handleOfKey(bucket[at + 1]!))) continue;
        bucket.copyWithin(STRIDE * kept, at, at + STRIDE);
        kept++;
      }
      this.lengths[b] = kept;
      held += kept;
      if (b > 0 && kept === 0) this.emptied(b);
    }
    this.heldCount = held;
    // Floyd's construction for bucket 0: sift each internal entry down, last first.
    const length = this.lengths[0]!;
    const spare = STRIDE * length;
    if (this.buckets[0]!.length < spare + STRIDE) this.growBucket(0);
    for (let i = (length >> 1) - 1; i >= 0; i--) {
      const bucket = this.buckets[0]!;
      bucket.copyWithin(spare, STRIDE * i, STRIDE * i + STRIDE);
      this.siftDown(i, length);
    }
  }
}

/** Copies the entry at double offset `from` to offset `to` (a call V8 inlines). */
function copyEntry(entries: Float64Array, to: number, from: number): void {
  entries[to] = entries[from]!;
  entries[to + 1] = entries[from + 1]!;
  entries[to + 2] = entries[from + 2]!;
  entries[to + 3] = entries[from + 3]!;
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
