/**
 * The yardstick for the engine bench: the plainest correct event queue one would write
 * with typed arrays. A binary min-heap of (time, sequence) pairs interleaved in one
 * Float64Array (sequence numbers break ties first-in first-out, which a simulation needs),
 * the event's argument in a parallel Int32Array; no priorities, no cancellation, no
 * validation, no growth. maildrill's queues are reported as ratios to it, measured in the
 * same process in alternating rounds, so the machine's speed and load cancel out.
 */
export class PlainBinaryHeap {
  private readonly keys: Float64Array;
  private readonly args: Int32Array;
  private length = 0;
  private sequence = 0;
  poppedTimeMs = 0;
  poppedArg = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(2 * capacity);
    this.args = new Int32Array(capacity);
  }

  push(timeMs: number, arg: number): void {
    const keys = this.keys;
    const sequence = this.sequence++;
    let hole = this.length++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = keys[2 * parent]!;
      if (parentTime < timeMs || (parentTime === timeMs && keys[2 * parent + 1]! < sequence)) break;
      keys[2 * hole] = parentTime;
      keys[2 * hole + 1] = keys[2 * parent + 1]!;
      this.args[hole] = this.args[parent]!;
      hole = parent;
    }
    keys[2 * hole] = timeMs;
    keys[2 * hole + 1] = sequence;
    this.args[hole] = arg;
  }

  /** Removes the earliest entry into `popped*`; the caller never pops an empty heap. */
  pop(): void {
    const keys = this.keys;
    const args = this.args;
    this.poppedTimeMs = keys[0]!;
    this.poppedArg = args[0]!;
    const last = --this.length;
    const timeMs = keys[2 * last]!;
    const sequence = keys[2 * last + 1]!;
    const arg = args[last]!;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (keys[2 * right]! < keys[2 * child]! ||
          (keys[2 * right] === keys[2 * child] && keys[2 * right + 1]! < keys[2 * child + 1]!))
      ) {
        child = right;
      }
      const childTime = keys[2 * child]!;
      if (timeMs < childTime || (timeMs === childTime && sequence < keys[2 * child + 1]!)) break;
      keys[2 * hole] = childTime;
      keys[2 * hole + 1] = keys[2 * child + 1]!;
      args[hole] = args[child]!;
      hole = child;
    }
    keys[2 * hole] = timeMs;
    keys[2 * hole + 1] = sequence;
    args[hole] = arg;
  }
}
