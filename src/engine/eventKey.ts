/**
 * eventKey: the one number that orders events of equal time, shared by both event queues.
 *
 * `key = (priority + 1024) * 2^42 + handle`. Handles grow with every push, so comparing
 * (time, key) lexicographically is exactly the (time, priority, insertion) order, and keys
 * stay below 2^53, so they are exact doubles. The price: priorities are integers in
 * [-1024, 1023] and a queue hands out at most 2^42 handles (about 4e12 pushes).
 *
 * Also the one push validation both queues share, so their errors read the same.
 */

/** 2^42: the handle field of a key. */
const HANDLE_SPAN = 4398046511104;
const INVERSE_HANDLE_SPAN = 1 / HANDLE_SPAN;
const PRIORITY_BIAS = 1024;
export const MIN_PRIORITY = -PRIORITY_BIAS;
export const MAX_PRIORITY = PRIORITY_BIAS - 1;

export function keyOf(priority: number, handle: number): number {
  return (priority + PRIORITY_BIAS) * HANDLE_SPAN + handle;
}

/**
 * The handle field of a key. Performance: keys are near 2^52, where `key & mask` falls off
 * V8's int32 fast path; multiplying by a power of two and flooring is exact and stays in
 * floating-point registers.
 */
export function handleOfKey(key: number): number {
  return key - Math.floor(key * INVERSE_HANDLE_SPAN) * HANDLE_SPAN;
}

export function priorityOfKey(key: number): number {
  return Math.floor(key * INVERSE_HANDLE_SPAN) - PRIORITY_BIAS;
}

/** Throws unless priority is in range and kind and arg are int32 (one combined test first). */
export function checkPushed(timeMs: number, priority: number, kind: number, arg: number): void {
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
}

export function checkHandleRoom(nextHandle: number): void {
  if (nextHandle >= HANDLE_SPAN)
    throw new RangeError("event queue: all 2^42 handles used; start a new queue");
}
