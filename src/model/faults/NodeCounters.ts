/**
 * NodeCounters: the counters a storage OS keeps per node — objects, bytes, writes, fill —
 * that threshold bugs watch (the Libero class: a value in the vendor's OS was reached).
 *
 * A node's counters start from what its shards hold at t = 0 and grow at the write rate of
 * the protection groups it serves: every message a group stores is written to each of its
 * shards. Rates change only when a group's access changes, so each counter is a piecewise
 * linear function of time, kept as (value at the last change, rate since).
 *
 * Users delete mail: with an expunge rate λ (`fleet.expungePerDay`, docs/model.md#fleet) the
 * objects on a node leave at λ × objects, so between changes the object count follows
 * dO/dt = r − λO, i.e. O(t) = r/λ + (O₀ − r/λ)·e^{−λ(t − t₀)}; the write count (every write
 * ever made) does not fall. With λ = 0 it is the linear model above, computed as before.
 *
 * Contract: `counterNow` is exact for the piecewise model; `onRatesChanged`
 * listeners are told after every change, so crossing times can be re-predicted. A node's
 * cluster never changes (it is read once, here).
 *
 * PERF: bug watches re-read every waiting unit's counter at each rate change, so a cluster's
 * nodes are listed once (ascending, as a scan would meet them) and a read visits only those,
 * instead of every node of the backend through a closure. The sum is the same, term by term
 * and in the same order, so every value is bit-identical to the scan's.
 */
import type { CounterReading } from "./CounterWatch.js";
import type { CounterName, CounterScope } from "./OsBug.js";

export interface CounterSetup {
  readonly nodeCount: number;
  readonly clusterOf: (node: number) => number;
  readonly clusterCount: number;
  /** Bytes of one message on disk, to turn messages into bytes. */
  readonly messageBytes: number;
  /** Usable capacity per node, for the fill ratio. */
  readonly nodeCapacityBytes: number;
  /** Share of stored objects deleted per ms (continuous rate λ); 0 or absent: none. */
  readonly expungePerMs?: number;
}

export class NodeCounters {
  private readonly objects: Float64Array;
  private readonly writes: Float64Array;
  private readonly ratePerMs: Float64Array;
  private readonly updatedAtMs: Float64Array;
  private readonly listeners: Array<() => void> = [];
  /** Nodes of cluster c: clusterNodes[clusterStart[c] .. clusterStart[c + 1]). */
  private readonly clusterNodes: Int32Array;
  private readonly clusterStart: Int32Array;
  private readonly allNodes: Int32Array;

  constructor(
    private readonly setup: CounterSetup,
    initialObjects: Float64Array,
    private readonly now: () => number,
  ) {
    this.objects = Float64Array.from(initialObjects);
    this.writes = new Float64Array(setup.nodeCount);
    this.ratePerMs = new Float64Array(setup.nodeCount);
    this.updatedAtMs = new Float64Array(setup.nodeCount);
    this.allNodes = Int32Array.from({ length: setup.nodeCount }, (_, node) => node);
    this.clusterStart = new Int32Array(setup.clusterCount + 1);
    this.clusterNodes = new Int32Array(setup.nodeCount);
    const clusterOfNode = Int32Array.from({ length: setup.nodeCount }, (_, node) => setup.clusterOf(node));
    for (const c of clusterOfNode) if (c >= 0 && c < setup.clusterCount) this.clusterStart[c + 1]!++;
    for (let c = 0; c < setup.clusterCount; c++) this.clusterStart[c + 1]! += this.clusterStart[c]!;
    const fill = this.clusterStart.slice(0, setup.clusterCount);
    clusterOfNode.forEach((c, node) => {
      if (c >= 0 && c < setup.clusterCount) this.clusterNodes[fill[c]!++] = node;
    });
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

  counterNow(counter: CounterName, per: CounterScope, unit: number): CounterReading {
    const count = this.setup.nodeCount;
    // The nodes to sum: list[from .. to), in ascending node order.
    let list = this.allNodes;
    let from = 0;
    let to = count;
    if (per === "node") {
      from = Math.max(0, Math.min(count, unit));
      to = Math.max(from, Math.min(count, unit + 1));
    } else if (per === "cluster") {
      list = this.clusterNodes;
      const valid = unit >= 0 && unit < this.setup.clusterCount;
      from = valid ? this.clusterStart[unit]! : 0;
      to = valid ? this.clusterStart[unit + 1]! : 0;
    }
    const nowMs = this.now();
    const decaying = counter !== "writes" && this.expungePerMs > 0;
    const base = counter === "writes" ? this.writes : this.objects;
    let value = 0;
    let rate = 0;
    for (let i = from; i < to; i++) {
      const node = list[i]!;
      const r = this.ratePerMs[node]!;
      const sinceMs = nowMs - this.updatedAtMs[node]!;
      value += decaying ? this.decayed(base[node]!, r, sinceMs) : base[node]! + r * sinceMs;
      rate += r;
    }
    const reading = this.scale(counter, per, value, rate);
    return decaying ? { ...reading, decayPerMs: this.expungePerMs } : reading;
  }

  private get expungePerMs(): number {
    return this.setup.expungePerMs ?? 0;
  }

  /** Objects after `sinceMs` from `objects` with inflow r and expunge λ: r/λ + (O₀ − r/λ)·e^{−λt}. */
  private decayed(objects: number, ratePerMs: number, sinceMs: number): number {
    const asymptote = ratePerMs / this.expungePerMs;
    return asymptote + (objects - asymptote) * Math.exp(-this.expungePerMs * sinceMs);
  }

  private scale(counter: CounterName, per: CounterScope, objects: number, ratePerMs: number): CounterReading {
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
    const sinceMs = nowMs - this.updatedAtMs[node]!;
    const grown = this.ratePerMs[node]! * sinceMs;
    if (this.expungePerMs > 0)
      this.objects[node] = this.decayed(this.objects[node]!, this.ratePerMs[node]!, sinceMs);
    else this.objects[node]! += grown;
    this.writes[node]! += grown;
    this.updatedAtMs[node] = nowMs;
  }
}
