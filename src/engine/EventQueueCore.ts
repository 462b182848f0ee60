/**
 * EventQueueCore: what both event queues share — handles, which of them are pending, the
 * popped event's fields and lazy cancellation — so that each queue is only its ordering
 * structure (`EventQueue`: a 4-ary heap; `MonotoneEventQueue`: a radix heap).
 *
 * Contract for subclasses: call `takeHandle()` for every event stored, `recordPop` for the
 * event popped, and keep `heldEntries()` (entries stored, cancelled ones included) exact;
 * `compact()` must drop every entry whose handle is no longer pending. Cancellation is lazy:
 * a cancelled event stays stored as a tombstone until it reaches the top or the queue is
 * compacted, which happens once tombstones outnumber live events (and number at least 64,
 * below which rebuilding costs more than it saves), so memory stays proportional to the
 * live count.
 */
import { checkHandleRoom, handleOfKey, priorityOfKey } from "./eventKey.js";
import { LiveHandles } from "./LiveHandles.js";

const MIN_TOMBSTONES_TO_COMPACT = 64;

export abstract class EventQueueCore {
  protected liveCount = 0;
  protected readonly live = new LiveHandles();
  private nextHandle = 1;

  private lastTimeMs = Number.NaN;
  private lastKey = 0;
  private lastKind = -1;
  private lastArg = -1;

  get size(): number {
    return this.liveCount;
  }

  get poppedTimeMs(): number {
    return this.lastTimeMs;
  }
  get poppedPriority(): number {
    return priorityOfKey(this.lastKey);
  }
  get poppedKind(): number {
    return this.lastKind;
  }
  get poppedArg(): number {
    return this.lastArg;
  }
  get poppedHandle(): number {
    return handleOfKey(this.lastKey);
  }

  /** True iff that event was pending and now never pops. Stale or malformed handles: false. */
  cancel(handle: number): boolean {
    if (!this.live.has(handle)) return false;
    this.live.remove(handle);
    this.liveCount--;
    const tombstones = this.heldEntries() - this.liveCount;
    if (tombstones >= MIN_TOMBSTONES_TO_COMPACT && tombstones > this.liveCount) this.compact();
    return true;
  }

  /** Removes the earliest live event into `popped*`; false when nothing is pending. */
  pop(): boolean {
    return this.popUntil(Number.POSITIVE_INFINITY);
  }

  /** As `pop`, only if that event's time is <= untilMs (one look at the top, not two). */
  popUntil(untilMs: number): boolean {
    if (this.liveCount === 0) {
      if (this.heldEntries() > 0) this.compact(); // only tombstones are left
      return false;
    }
    return this.popLiveUntil(untilMs);
  }

  /** `popUntil` while at least one event is live. */
  protected abstract popLiveUntil(untilMs: number): boolean;

  /** Entries stored, tombstones included. */
  protected abstract heldEntries(): number;

  /** Drops every tombstone. */
  protected abstract compact(): void;

  /** The next handle, now pending. */
  protected takeHandle(): number {
    const handle = this.nextHandle;
    checkHandleRoom(handle);
    this.nextHandle = handle + 1;
    this.live.add(handle);
    this.liveCount++;
    return handle;
  }

  /**
   * The event leaving the queue, the four doubles (time, key, kind, arg) at `entries[at]`:
   * exposed through `popped*`, no longer pending. PERF: it takes the array and an offset,
   * not the values, because a key (near 2^52) passed to a call V8 does not inline is boxed
   * into a fresh heap number, one allocation per event.
   */
  protected recordPop(entries: Float64Array, at: number): void {
    const key = entries[at + 1]!;
    this.lastTimeMs = entries[at]!;
    this.lastKey = key;
    this.lastKind = entries[at + 2]!;
    this.lastArg = entries[at + 3]!;
    this.live.remove(handleOfKey(key));
    this.liveCount--;
  }

  /** Forgets every pending handle; handles keep growing, so old ones stay dead. */
  protected forgetAll(): void {
    this.live.clear(this.nextHandle);
    this.liveCount = 0;
  }
}
