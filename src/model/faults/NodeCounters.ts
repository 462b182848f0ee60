/**
 * NodeCounters: the counters a storage OS keeps per node — objects, bytes, writes, fill —
 * that threshold bugs watch (the Libero class: a value in the vendor's OS was reached).
 *
 * A node's counters start from what its shards hold at t = 0 and grow at the write rate of
 * the protection groups it serves: every message a group stores is written to each of its
 * shards. Rates change only when a group's access changes, so each counter is a piecewise
 * linear function of time, kept as (value at the last change, rate since).
 *
 * Contract: `counterNow` is exact for the piecewise-linear model; `onRatesChanged`
 * listeners are told after every change, so crossing times can be re-predicted.
 */
import type { CounterName, CounterScope } from "./OsBug.js";

export interface CounterSetup {
  readonly nodeCount: number;
  readonly clusterOf: (node: number) => number;
  readonly clusterCount: number;
  /** Bytes of one message on disk, to turn messages into bytes. */
  readonly messageBytes: number;
  /** Usable capacity per node, for the fill ratio. */
  readonly nodeCapacityBytes: number;
}

export class NodeCounters {
  private readonly objects: Float64Array;
  private readonly writes: Float64Array;
  private readonly ratePerMs: Float64Array;
  private readonly updatedAtMs: Float64Array;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly setup: CounterSetup,
    initialObjects: Float64Array,
    private readonly now: () => number,
  ) {
    this.objects = Float64Array.from(initialObjects);
    this.writes = new Float64Array(setup.nodeCount);
    this.ratePerMs = new Float64Array(setup.nodeCount);
    this.updatedAtMs = new Float64Array(setup.nodeCount);
  }

  onRatesChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A node's write rate (messages per ms) changed by `deltaPerMs`. */
  addRate(node: number, deltaPerMs: number): void {
    this.advance(node);
    this.ratePerMs[node] = Math.max(0, this.ratePerMs[node]! + deltaPerMs);
  }

  /** Objects written at once (deferred mail delivered in a burst when a group reopens). */
  addObjects(node: number, count: number): void {
    this.advance(node);
    this.objects[node]! += count;
    this.writes[node]! += count;
  }

  /** Objects deleted (a decommissioned copy): the object count drops, the write count does not. */
  removeObjects(node: number, count: number): void {
    this.advance(node);
    this.objects[node] = Math.max(0, this.objects[node]! - count);
  }

  /** Tells listeners once a batch of `addRate` calls is complete. */
  ratesChanged(): void {
    for (const listener of this.listeners) listener();
  }

  counterNow(counter: CounterName, per: CounterScope, unit: number): { value: number; ratePerMs: number } {
    let value = 0;
    let rate = 0;
    const first = per === "node" ? unit : 0;
    const last = per === "node" ? unit + 1 : this.setup.nodeCount;
    for (let node = first; node < last; node++) {
      if (per === "cluster" && this.setup.clusterOf(node) !== unit) continue;
      const elapsed = this.now() - this.updatedAtMs[node]!;
      const r = this.ratePerMs[node]!;
      value += (counter === "writes" ? this.writes[node]! : this.objects[node]!) + r * elapsed;
      rate += r;
    }
    return this.scale(counter, per, value, rate);
  }

  private scale(
    counter: CounterName,
    per: CounterScope,
    objects: number,
    ratePerMs: number,
  ): { value: number; ratePerMs: number } {
    if (counter === "objects" || counter === "writes") return { value: objects, ratePerMs };
    const bytes = objects * this.setup.messageBytes;
    const bytesRate = ratePerMs * this.setup.messageBytes;
    if (counter === "bytes") return { value: bytes, ratePerMs: bytesRate };
    const nodes =
      per === "node"
        ? 1
        : per === "cluster"
          ? this.setup.nodeCount / this.setup.clusterCount
          : this.setup.nodeCount;
    const capacity = nodes * this.setup.nodeCapacityBytes;
    return { value: bytes / capacity, ratePerMs: bytesRate / capacity };
  }

  private advance(node: number): void {
    const nowMs = this.now();
    const grown = this.ratePerMs[node]! * (nowMs - this.updatedAtMs[node]!);
    this.objects[node]! += grown;
    this.writes[node]! += grown;
    this.updatedAtMs[node] = nowMs;
  }
}
