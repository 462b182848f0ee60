/**
 * CounterWatch: trips a bug when a storage counter (objects, bytes, fill, writes) of a unit —
 * a node, a cluster, or the whole backend — crosses that unit's threshold: the Libero class,
 * where a value "known only to the vendor" was reached part-way through a migration.
 *
 * The threshold is uncertain, so it is a distribution, drawn once per unit per run from the
 * bug's `threshold` stream in unit order: every strategy compared on one seed meets the same
 * hidden limits (common random numbers), and the comparison is about the strategy alone.
 *
 * Rather than poll, the watch predicts. The host keeps each counter piecewise linear (a value
 * and a growth rate that changes only when the host says so), so the crossing time is exact:
 *   crossing = now + (threshold − value) / rate, rounded up to a whole ms (rate > 0).
 * When users expunge mail the host's counter relaxes exponentially instead (dV/dt = r − λV),
 * and the crossing is just as exact: now + ln((A − value)/(A − threshold))/λ with A = r/λ.
 * Each unit has one cancellable event at its predicted crossing; when the host reports that
 * rates changed, every waiting unit is re-predicted (an unchanged time keeps its event).
 *
 * Contract: a threshold already reached at start (or whenever re-predicted) trips at once; at
 * the event the value is read again and, if it fell short (a host that changed a rate
 * without saying so), the unit is re-predicted rather than tripped. A counter is a condition:
 * a crossing on a unit with no node on the buggy version arms it (see `bugTriggers.ts`), and
 * it trips when an operation shows such a node while the counter is still over the threshold.
 * Cost: a rate change costs one `counterNow` per waiting unit.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import {
  ceilMs,
  type Topology,
  type TriggerSource,
  type TripSink,
  UnitBook,
  type UnitLevel,
  unitCount,
  unitOfNode,
} from "./bugTriggers.js";

export type CounterName = "objects" | "bytes" | "fill" | "writes";
export type CounterScope = UnitLevel;

/**
 * A counter now: between changes it follows dV/dt = ratePerMs − decayPerMs·V (decay: mail users
 * expunge, docs/model.md#fleet); without decay it is linear, V + ratePerMs·t.
 */
export interface CounterReading {
  readonly value: number;
  readonly ratePerMs: number;
  readonly decayPerMs?: number;
}

/** The host's side of a counter: its value now and how it moves until the next change. */
type CounterReader = (counter: CounterName, per: CounterScope, unit: number) => CounterReading;

interface CounterTriggerSpec {
  readonly counter: CounterName;
  readonly per: CounterScope;
  readonly threshold: DistributionSpec;
}

/** Relative slack when re-reading a value at its predicted crossing (float noise, not physics). */
const REACHED_TOLERANCE = 1e-9;

export class CounterWatch implements TriggerSource {
  private readonly book: UnitBook;
  private readonly thresholds: Float64Array;

  constructor(
    private readonly spec: CounterTriggerSpec,
    private readonly topology: Topology,
    private readonly read: CounterReader,
    private readonly sink: TripSink,
    private readonly sim: Simulation,
    private readonly thresholdStream: RandomStream,
    horizonMs: number,
    kindName: string,
  ) {
    const units = unitCount(topology, spec.per);
    this.thresholds = new Float64Array(units);
    this.book = new UnitBook(sim, horizonMs, units, kindName, (unit) => this.due(unit));
  }

  /** The thresholds drawn for this run, one per unit (for reports: common random numbers). */
  drawnThresholds(): readonly number[] {
    return Array.from(this.thresholds);
  }

  start(): void {
    for (let unit = 0; unit < this.thresholds.length; unit++) {
      this.thresholds[unit] = sampleSpec(this.spec.threshold, this.thresholdStream);
    }
    for (let unit = 0; unit < this.thresholds.length; unit++) this.predict(unit);
  }

  ratesChanged(): void {
    for (let unit = 0; unit < this.thresholds.length; unit++) {
      if (this.book.isWaiting(unit)) this.predict(unit);
    }
  }

  operation(_operation: string, node: number): void {
    const unit = unitOfNode(this.topology, this.spec.per, node);
    if (!this.book.isArmed(unit) || !this.sink.susceptible(node)) return;
    if (this.reached(unit)) this.trip(unit);
    else this.rewait(unit);
  }

  stop(): void {
    this.book.closeAll();
  }

  private predict(unit: number): void {
    this.book.schedule(unit, this.crossingMs(unit));
  }

  /** When the unit's counter reaches its threshold at the current rate; undefined if it never does. */
  private crossingMs(unit: number): number | undefined {
    const { value, ratePerMs, decayPerMs = 0 } = this.read(this.spec.counter, this.spec.per, unit);
    const threshold = this.thresholds[unit]!;
    const nowMs = this.sim.nowMs;
    if (value >= threshold) return nowMs;
    if (!(ratePerMs > 0)) return undefined;
    if (decayPerMs > 0) return decayingCrossingMs(value, ratePerMs, decayPerMs, threshold, nowMs);
    return nowMs + ceilMs((threshold - value) / ratePerMs);
  }

  private reached(unit: number): boolean {
    const threshold = this.thresholds[unit]!;
    const { value } = this.read(this.spec.counter, this.spec.per, unit);
    return value >= threshold - REACHED_TOLERANCE * Math.max(1, Math.abs(threshold));
  }

  private due(unit: number): void {
    if (this.reached(unit)) {
      this.trip(unit);
      return;
    }
    // Fell short: the rate changed unannounced. Never re-predict "now", which would spin.
    const crossingMs = this.crossingMs(unit);
    this.book.schedule(unit, crossingMs === undefined ? undefined : Math.max(crossingMs, this.sim.nowMs + 1));
  }

  private trip(unit: number): void {
    this.book.settle(unit, this.sink.trip(this.spec.per, unit), true);
  }

  private rewait(unit: number): void {
    this.book.rewait(unit);
    this.predict(unit);
  }
}

/**
 * When V(t) = A + (V₀ − A)·e^{−λt}, A = r/λ, reaches a threshold above V₀: never if the
 * threshold is at or above the asymptote A, else after ln((A − V₀)/(A − threshold))/λ.
 */
function decayingCrossingMs(
  value: number,
  ratePerMs: number,
  decayPerMs: number,
  threshold: number,
  nowMs: number,
): number | undefined {
  const asymptote = ratePerMs / decayPerMs;
  if (threshold >= asymptote) return undefined;
  return nowMs + ceilMs(Math.log((asymptote - value) / (asymptote - threshold)) / decayPerMs);
}
