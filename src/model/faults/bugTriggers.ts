/**
 * Bug triggers: the processes that decide *when* a storage-OS bug trips, and for which unit.
 *
 * A trigger watches *units*: each node, each cluster, or the whole backend (one unit, 0). A
 * unit trips at most once. Two families:
 *
 * - **Conditions** that, once true, stay true: a date passed (`at`), a node's power-on time
 *   passed (`uptime`, the 32,768-hour firmware class), a counter over its threshold
 *   (`CounterWatch.ts`). If a condition comes true on a unit with no node running the buggy
 *   version, the unit is *armed*: it trips as soon as one of its nodes is reported (through an
 *   operation such as `upgrade`) to run that version — upgrading into a time bomb that has
 *   already gone off trips it at once.
 * - **Events** that either hit or miss: an operation (`snapshot`, `failover` …, tripping with a
 *   probability) and a hazard (an exponential time to trip per node). A miss is not retried.
 *
 * Contract: a trigger asks its `TripSink` to trip a unit and learns whether it fired, found no
 * susceptible node (`dormant`) or found the bug closed (patched). Every random draw comes from
 * the named stream it is given, in unit order, whatever the versions or the strategy, so
 * every strategy sees the same thresholds and hazard times (common random numbers). Nothing
 * past the horizon is scheduled. In a biased run (`maildrill estimate`) a hazard's trip times
 * are drawn through BiasedClocks instead (the first trip forced within the horizon).
 */
import { exponential } from "../../engine/distributions.js";
import { hazardClockOf } from "../../engine/LikelihoodRatio.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import { BiasedClocks } from "./BiasedClocks.js";
import type { FailureBiasing } from "./FailureBiasing.js";

export type UnitLevel = "node" | "cluster" | "backend";
export type TripOutcome = "fired" | "dormant" | "closed";

/** What triggers need of the bug: tripping, and whether a node runs the buggy version and is unpatched. */
export interface TripSink {
  trip(level: UnitLevel, unit: number): TripOutcome;
  susceptible(node: number): boolean;
}

/** The topology a trigger needs (a subset of `BugHost`). */
export interface Topology {
  readonly nodeCount: number;
  readonly clusterCount: number;
  nodeCluster(node: number): number;
  nodeInstalledAtMs(node: number): number;
}

export interface TriggerSource {
  start(): void;
  /** The host's counter growth rates changed: re-predict crossings. */
  ratesChanged(): void;
  /** An operation took effect on a node (its version may have changed). */
  operation(operation: string, node: number): void;
  /** The bug is patched: cancel everything still pending. */
  stop(): void;
}

export function unitCount(topology: Topology, level: UnitLevel): number {
  if (level === "node") return topology.nodeCount;
  return level === "cluster" ? topology.clusterCount : 1;
}

export function unitOfNode(topology: Topology, level: UnitLevel, node: number): number {
  if (level === "node") return node;
  return level === "cluster" ? topology.nodeCluster(node) : 0;
}

/**
 * A future time rounded up to whole ms. Float noise of a few ulps is forgiven first, so that a
 * quotient meant to be exactly 57,600 ms does not become 57,601.
 */
export function ceilMs(timeMs: number): number {
  const nearest = Math.round(timeMs);
  return Math.abs(timeMs - nearest) <= 8 * Number.EPSILON * Math.abs(timeMs) ? nearest : Math.ceil(timeMs);
}

const WAITING = 0;
const ARMED = 1;
const DONE = 2;

/**
 * Per-unit bookkeeping shared by triggers: one cancellable event per unit, and the unit's
 * state (waiting for its condition, armed with no susceptible node, or done).
 */
export class UnitBook {
  readonly state: Uint8Array;
  private readonly handles: Float64Array;
  readonly dueMs: Float64Array;
  private readonly kind: number;

  constructor(
    private readonly sim: Simulation,
    private readonly horizonMs: number,
    units: number,
    kindName: string,
    onDue: (unit: number) => void,
  ) {
    this.state = new Uint8Array(units);
    this.handles = new Float64Array(units).fill(-1);
    this.dueMs = new Float64Array(units).fill(Number.NaN);
    this.kind = sim.register(kindName, (unit) => {
      this.handles[unit] = -1;
      this.dueMs[unit] = Number.NaN;
      onDue(unit);
    });
  }

  get units(): number {
    return this.state.length;
  }

  /** (Re)schedules a unit's event; `undefined`, a time past the horizon or a non-finite one means none. */
  schedule(unit: number, timeMs: number | undefined): void {
    const due = timeMs === undefined || !(timeMs <= this.horizonMs) ? Number.NaN : timeMs;
    if (Object.is(due, this.dueMs[unit])) return; // unchanged: keep the queued event
    this.unschedule(unit);
    if (Number.isNaN(due)) return;
    this.dueMs[unit] = due;
    this.handles[unit] = this.sim.at(due, this.kind, unit);
  }

  unschedule(unit: number): void {
    if (this.handles[unit]! >= 0) this.sim.cancel(this.handles[unit]!);
    this.handles[unit] = -1;
    this.dueMs[unit] = Number.NaN;
  }

  /** Records what a trip attempt found: armed units wait for a susceptible node, others are done. */
  settle(unit: number, outcome: TripOutcome, persistent: boolean): void {
    this.state[unit] = outcome === "dormant" && persistent ? ARMED : DONE;
  }

  isWaiting(unit: number): boolean {
    return this.state[unit] === WAITING;
  }

  isArmed(unit: number): boolean {
    return this.state[unit] === ARMED;
  }

  /** Back to waiting (a counter fell below its threshold while armed). */
  rewait(unit: number): void {
    this.state[unit] = WAITING;
  }

  closeAll(): void {
    for (let unit = 0; unit < this.units; unit++) {
      this.unschedule(unit);
      this.state[unit] = DONE;
    }
  }
}

type TimedTriggerSpec =
  | { readonly kind: "at"; readonly atMs: number }
  | { readonly kind: "uptime"; readonly uptimeMs: number }
  | { readonly kind: "hazard"; readonly meanMs: number; readonly recurring?: boolean };

/**
 * `at` (one unit, the backend), `uptime` and `hazard` (one unit per node): each unit's trip
 * time is known at start. `at` and `uptime` are conditions (persist); `hazard` is an event.
 * An uptime already passed at start trips at once, like a threshold already exceeded.
 */
export class TimedTrigger implements TriggerSource {
  private readonly book: UnitBook;
  private readonly level: UnitLevel;
  private readonly persistent: boolean;

  constructor(
    private readonly spec: TimedTriggerSpec,
    private readonly topology: Topology,
    private readonly sink: TripSink,
    private readonly sim: Simulation,
    private readonly hazardStream: RandomStream,
    horizonMs: number,
    kindName: string,
    biasing?: FailureBiasing,
  ) {
    this.level = spec.kind === "at" ? "backend" : "node";
    this.persistent = spec.kind !== "hazard";
    const units = unitCount(topology, this.level);
    this.book = new UnitBook(sim, horizonMs, units, kindName, (unit) => this.due(unit));
    this.biased =
      biasing && spec.kind === "hazard"
        ? new BiasedClocks(
            biasing,
            [hazardClockOf({ kind: "exponential", mean: spec.meanMs })!],
            units,
            units,
            sim,
            hazardStream,
            (unit) => this.due(unit),
          )
        : undefined;
  }

  /**
   * Biased runs (`maildrill estimate`): a hazard's trips are drawn through BiasedClocks, all
   * nodes one group: the bug's first trip is forced within the horizon, later ones unbiased.
   */
  private readonly biased: BiasedClocks | undefined;

  start(): void {
    if (this.biased) {
      for (let unit = 0; unit < this.book.units; unit++) this.biased.start(unit);
      this.biased.redraw(0, false, -1);
      return;
    }
    for (let unit = 0; unit < this.book.units; unit++) this.book.schedule(unit, this.tripTimeMs(unit));
  }

  private tripTimeMs(unit: number): number {
    const nowMs = this.sim.nowMs;
    switch (this.spec.kind) {
      case "at":
        return Math.max(nowMs, this.spec.atMs);
      case "uptime":
        return Math.max(nowMs, ceilMs(this.topology.nodeInstalledAtMs(unit) + this.spec.uptimeMs));
      case "hazard":
        return nowMs + ceilMs(exponential(this.hazardStream, this.spec.meanMs));
    }
  }

  private due(unit: number): void {
    const outcome = this.sink.trip(this.level, unit);
    this.book.settle(unit, outcome, this.persistent);
    // A recurring hazard is a renewal process: each unit trips again after a fresh draw.
    const again = this.spec.kind === "hazard" && this.spec.recurring && outcome !== "closed";
    if (this.biased) {
      // The first trip is behind the bug: every clock from now on runs unbiased.
      this.biased.markFailed(0);
      if (again) {
        this.book.rewait(unit);
        this.biased.start(unit);
      }
      this.biased.redraw(0, false, -1);
      return;
    }
    if (again) {
      this.book.rewait(unit);
      this.book.schedule(unit, this.tripTimeMs(unit));
    }
  }

  ratesChanged(): void {}

  operation(_operation: string, node: number): void {
    const unit = unitOfNode(this.topology, this.level, node);
    if (this.book.isArmed(unit) && this.sink.susceptible(node)) this.due(unit);
  }

  stop(): void {
    if (this.biased) for (let unit = 0; unit < this.book.units; unit++) this.biased.stop(unit);
    this.book.closeAll();
  }
}

/** Trips the operated node with a probability, drawn for every matching operation while the bug is open. */
export class OperationTrigger implements TriggerSource {
  private open = true;

  constructor(
    private readonly spec: { readonly operation: string; readonly probability: number },
    private readonly sink: TripSink,
    private readonly stream: RandomStream,
  ) {}

  start(): void {}

  ratesChanged(): void {}

  operation(operation: string, node: number): void {
    if (!this.open || operation !== this.spec.operation) return;
    if (this.stream.next() < this.spec.probability) this.sink.trip("node", node);
  }

  stop(): void {
    this.open = false;
  }
}
