/**
 * LiveHandles: which event handles are still pending, one bit per handle.
 *
 * An event queue must answer "is this handle still pending?" for `cancel` (a stale handle
 * must never cancel anything) and, while cancelled events wait in the queue as tombstones,
 * for `pop`. A slot table of doubles indexed by handle answered it before, at 8–24 bytes per
 * slot; a bitmap answers it with one bit, so the part the hot path touches stays in cache.
 *
 * Contract:
 * - `add(handle)` takes handles in increasing order (a queue hands them out that way).
 * - `has(handle)` is true iff the handle was added and not removed since (or cleared);
 *   any other number, fractional, negative or NaN, is false.
 * - Memory: one bit per handle from the oldest pending one to the newest, rounded up to a
 *   power of two words. The window slides forward when its low end holds no pending
 *   handle, so a queue that keeps running does not accumulate bits for popped events.
 */
import { handleOfKey } from "./eventKey.js";

const MIN_WORDS = 32;

export class LiveHandles {
  private words = new Int32Array(MIN_WORDS);
  /** Handle of bit 0 of word 0; always a multiple of 32. */
  private base = 0;

  add(handle: number): void {
    let offset = handle - this.base;
    if (offset >= 32 * this.words.length) offset = this.makeRoom(handle);
    this.words[offset >>> 5]! |= 1 << (offset & 31);
  }

  remove(handle: number): void {
    const offset = handle - this.base;
    this.words[offset >>> 5]! &= ~(1 << (offset & 31));
  }

  /**
   * `remove` for the handle in the key at `entries[at]` (`eventKey.ts`). PERF: a handle or a
   * key is a double that V8 boxes into a fresh heap number when it crosses a call it does not
   * inline; the (array, offset) pair never does.
   */
  removeKeyAt(entries: Float64Array, at: number): void {
    const offset = handleOfKey(entries[at]!) - this.base;
    this.words[offset >>> 5]! &= ~(1 << (offset & 31));
  }

  has(handle: number): boolean {
    const offset = handle - this.base;
    if (!(offset >= 0 && offset < 32 * this.words.length) || (offset | 0) !== offset) return false;
    return (this.words[offset >>> 5]! & (1 << (offset & 31))) !== 0;
  }

  /** Forgets every handle; the window restarts at `nextHandle`. */
  clear(nextHandle: number): void {
    this.words.fill(0);
    this.base = nextHandle - (nextHandle % 32);
  }

  /**
   * Slides the window so that it starts at the oldest pending handle, doubling it when the
   * pending span fills more than half; returns `handle`'s offset in the new window. Cost
   * O(words), paid at most once per half-window of adds: amortised O(1).
   */
  private makeRoom(handle: number): number {
    const old = this.words;
    let first = 0;
    while (first < old.length && old[first] === 0) first++;
    const keptWords = old.length - first;
    const neededWords = ((handle - this.base) >>> 5) - first + 1;
    let length = old.length;
    while (2 * neededWords > length) length *= 2;
    const words = length === old.length ? old : new Int32Array(length);
    if (words === old) {
      old.copyWithin(0, first);
      old.fill(0, keptWords);
    } else {
      words.set(old.subarray(first));
    }
    this.words = words;
    this.base += 32 * first;
    return handle - this.base;
  }
}
