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
 * after a removal), and `heapifyByKey` needs one spare entry past `length`. No validation.
 */

/** Doubles per entry: time, key, kind, arg. */
export const STRIDE = 4;

/** Inserts the entry at `source[at]` into the heap of `length` entries (as entry `length`, then sifting up). */
export function pushByKey(heap: Float64Array, length: number, source: Float64Array, at: number): void {
  const timeMs = source[at]!;
  const key = source[at + 1]!;
  const kind = source[at + 2]!;
  const arg = source[at + 3]!;
  let hole = length;
  while (hole > 0) {
    const parent = (hole - 1) >> 1;
    const p = STRIDE * parent;
    if (heap[p + 1]! < key) break;
    copyEntry(heap, STRIDE * hole, p);
    hole = parent;
  }
  const h = STRIDE * hole;
  heap[h] = timeMs;
  heap[h + 1] = key;
  heap[h + 2] = kind;
  heap[h + 3] = arg;
}

/** Fills the hole at `position` of a heap of `length` entries with the entry at index `from`. */
export function siftDownByKey(heap: Float64Array, length: number, position: number, from: number): void {
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
  const h = STRIDE * hole;
  heap[h] = timeMs;
  heap[h + 1] = key;
  heap[h + 2] = kind;
  heap[h + 3] = arg;
}

/** Floyd's construction: makes the first `length` entries a heap (uses entry `length` as scratch). */
export function heapifyByKey(heap: Float64Array, length: number): void {
  const spare = STRIDE * length;
  for (let i = (length >> 1) - 1; i >= 0; i--) {
    heap.copyWithin(spare, STRIDE * i, STRIDE * i + STRIDE);
    siftDownByKey(heap, length, i, length);
  }
}

/** Copies the entry at double offset `from` to offset `to` (a call V8 inlines). */
function copyEntry(entries: Float64Array, to: number, from: number): void {
  entries[to] = entries[from]!;
  entries[to + 1] = entries[from + 1]!;
  entries[to + 2] = entries[from + 2]!;
  entries[to + 3] = entries[from + 3]!;
}
