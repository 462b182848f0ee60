/**
 * FaultModel: the bounds within which `check` (and a user's own property test) draws explicit
 * fault schedules — which kinds, how many, how many at once, when, where and how big — in
 * canonical units (ms, fractions), with every default resolved against the scenario.
 *
 * It comes from the scenario's `check.faults` section (src/scenario/checkSchema.ts), or from
 * that section's defaults when the scenario has none; `overrides` lets a test narrow it.
 */
import { checkSchema } from "../../scenario/checkSchema.js";
import type { FaultKind } from "../../scenario/faultKinds.js";
import { expandFaultTargets } from "../../scenario/faultTargets.js";
import type { Scenario } from "../../scenario/schema.js";

/** An inclusive range of whole numbers. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** What a fault-schedule search may draw: fault kinds, targets, how many faults, when and how long. */
export interface FaultModel {
  /** Kinds that may be drawn; a drawn kind shrinks toward the first. */
  readonly kinds: readonly FaultKind[];
  readonly maxFaults: number;
  /** Faults in effect at once: a fault is in effect from `at` for its duration plus `settleMs` (at least 1 ms). */
  readonly maxConcurrent: number;
  readonly settleMs: number;
  /** Faults start within [windowFromMs, windowToMs]. */
  readonly windowFromMs: number;
  readonly windowToMs: number;
  /** Plain targets (`backend/node/3`), narrowest first; a drawn target shrinks toward the first. */
  readonly targets: readonly string[];
  /** Outage of crash, fail-slow and enospc; replacement time of node-loss. */
  readonly durationMs: Range;
  /** Share of a node's data hit by latent errors, corruption, torn or misdirected writes. */
  readonly fraction: Range;
  readonly lostWritesWindowMs: Range;
  readonly slowFactor: Range;
  /** Whether drawn corruption may propagate to the other copies. */
  readonly propagate: boolean;
  /** Start times and durations are whole multiples of this above their minimum. */
  readonly resolutionMs: number;
}

/** The fault model of a scenario's `check:` section (defaults where absent), optionally narrowed by `overrides`. */
export function faultModelOf(scenario: Scenario, overrides: Partial<FaultModel> = {}): FaultModel {
  const spec = (scenario.check ?? checkSchema.parse({})).faults;
  const model: FaultModel = {
    kinds: spec.kinds,
    maxFaults: spec.maxFaults,
    maxConcurrent: spec.maxConcurrent ?? spec.maxFaults,
    settleMs: spec.settle,
    windowFromMs: spec.window.from,
    windowToMs: spec.window.to ?? scenario.horizon,
    targets: expandFaultTargets(scenario),
    durationMs: spec.duration,
    fraction: spec.fraction,
    lostWritesWindowMs: spec.lostWritesWindow,
    slowFactor: spec.slowFactor,
    propagate: spec.propagate,
    resolutionMs: spec.resolution,
  };
  return { ...model, ...overrides };
}
