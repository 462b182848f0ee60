/**
 * keyHeap: a binary min-heap by key over event entries in a Float64Array, as plain functions.
 *
 * `MonotoneEventQueue` keeps the events of one time (the floor) that came out of key order
 * here; all of them have the same time, so the heap compares keys only (`eventKey.ts`:
 * priority, then insertion). Entry i is the four doubles at 4i: time, key, kind, arg.
 *
 * Contract: the caller owns the array and its length and guarantees room: `pushByKey`
 * writes entry `length` (the caller then counts it), `siftDownByKey` fills the hole at
 * `position` with the entry at index `from` (at or past `length`, e.g. the old last entry
 * after a removal, or `position` itself). No validation.
 */

/** Doubles per entry: time, key, kind, arg. */
export const STRIDE = 4;

/** Inserts the entry at `source[at]` into the heap of `length` entries (as entry `length`, then sifting up). */
export function pushByKey(heap: Float64Array, length: number, source: Float64Array, at: number): void {
  copyEntry(heap, STRIDE * length, source, at);
  let hole = length;
  while (hole > 0) {
    const parent = (hole - 1) >> 1;
    if (heap[STRIDE * parent + 1]! < heap[STRIDE * hole + 1]!) break;
    swapEntries(heap, hole, parent);
    hole = parent;
  }
}

/** Fills the hole at `position` of a heap of `length` entries with the entry at index `from`. */
export function siftDownByKey(heap: Float64Array, length: number, position: number, from: number): void {
  if (from !== position) copyEntry(heap, STRIDE * position, heap, STRIDE * from);
  let hole = position;
  for (;;) {
    let child = 2 * hole + 1;
    if (child >= length) break;
    if (child + 1 < length && heap[STRIDE * (child + 1) + 1]! < heap[STRIDE * child + 1]!) child++;
    if (heap[STRIDE * hole + 1]! < heap[STRIDE * child + 1]!) break;
    swapEntries(heap, hole, child);
    hole = child;
  }
}

/** Floyd's construction: makes the first `length` entries a heap. */
export function heapifyByKey(heap: Float64Array, length: number): void {
  for (let i = (length >> 1) - 1; i >= 0; i--) siftDownByKey(heap, length, i, i);
}

function copyEntry(to: Float64Array, toAt: number, from: Float64Array, at: number): void {
  to[toAt] = from[at]!;
  to[toAt + 1] = from[at + 1]!;
  to[toAt + 2] = from[at + 2]!;
  to[toAt + 3] = from[at + 3]!;
}

/** Swaps entries i and j. PERF: swaps cost a few more copies than moving a hole; this heap is
 * small and rarely used (only events that came out of key order), so clarity wins. */
function swapEntries(heap: Float64Array, i: number, j: number): void {
  for (let k = 0; k < STRIDE; k++) {
    const t = heap[STRIDE * i + k]!;
    heap[STRIDE * i + k] = heap[STRIDE * j + k]!;
    heap[STRIDE * j + k] = t;
  }
}
