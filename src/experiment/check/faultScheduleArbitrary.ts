/**
 * faultScheduleArbitrary: a fast-check arbitrary of explicit fault schedules drawn within a
 * fault model (`FaultModel`), for `maildrill check` and for users' own property tests.
 *
 * The idea: draw a list of independent fault *drafts* — plain integers that fast-check knows
 * how to shrink — then turn them deterministically into a schedule. Each integer shrinks
 * toward zero, and zero is chosen to mean the smaller counterexample:
 *   - fewer faults: the list shrinks toward empty (the empty schedule is fault-free);
 *   - later faults: a start is drawn as steps back from the window's end;
 *   - smaller faults: kinds and targets shrink toward the front of their lists (the mildest
 *     kind, the narrowest target), durations, fractions, windows and factors toward their
 *     minimum, propagation toward off.
 * Drafts that would put more than `maxConcurrent` faults in effect at once are dropped,
 * earliest kept first (a fault is in effect from its start for its duration plus `settleMs`,
 * at least 1 ms), so every schedule drawn respects the model.
 *
 * Contract: every value is a valid `faults:` list for the model's scenario; start times and
 * durations are exact multiples of the resolution above their minimum, so their text form
 * reads back to the same milliseconds. No randomness but fast-check's.
 */
import fc from "fast-check";
import { exactDurationText } from "../../scenario/exactDuration.js";
import type { FaultKind } from "../../scenario/faultKinds.js";
import type { FaultModel, Range } from "./FaultModel.js";
import type { FaultSchedule, ScheduledFault } from "./FaultSchedule.js";

const PPM = 1e6;
const TENTHS = 10;

const DURATION_KINDS: ReadonlySet<FaultKind> = new Set(["crash", "node-loss", "fail-slow", "enospc"]);
const FRACTION_KINDS: ReadonlySet<FaultKind> = new Set([
  "latent-errors",
  "corruption",
  "torn-writes",
  "misdirected-writes",
]);

interface Draft {
  stepsBeforeEnd: number;
  kind: number;
  target: number;
  durationSteps: number;
  fractionPpm: number;
  windowSteps: number;
  factorTenths: number;
  propagate: boolean;
}

/**
 * A fast-check arbitrary of fault schedules within `model`; a failing schedule shrinks toward fewer,
 * later and milder faults (docs/check.md).
 */
export function faultScheduleArbitrary(model: FaultModel): fc.Arbitrary<FaultSchedule> {
  const draft: fc.Arbitrary<Draft> = fc.record({
    stepsBeforeEnd: steps(model.windowToMs - model.windowFromMs, model.resolutionMs),
    kind: fc.nat({ max: model.kinds.length - 1 }),
    target: fc.nat({ max: model.targets.length - 1 }),
    durationSteps: steps(model.durationMs.max - model.durationMs.min, model.resolutionMs),
    fractionPpm: scaled(model.fraction, PPM),
    windowSteps: steps(model.lostWritesWindowMs.max - model.lostWritesWindowMs.min, model.resolutionMs),
    factorTenths: scaled(model.slowFactor, TENTHS),
    propagate: model.propagate ? fc.boolean() : fc.constant(false),
  });
  return fc.array(draft, { maxLength: model.maxFaults }).map((drafts) => scheduleOf(drafts, model));
}

/** 0 … the number of whole resolution steps in a span. */
function steps(spanMs: number, resolutionMs: number): fc.Arbitrary<number> {
  return fc.nat({ max: Math.floor(spanMs / resolutionMs) });
}

/** A value of the range in 1/scale units, drawn as an offset from the minimum so it shrinks there. */
function scaled(range: Range, scale: number): fc.Arbitrary<number> {
  const low = Math.round(range.min * scale);
  return fc.nat({ max: Math.max(0, Math.round(range.max * scale) - low) }).map((k) => low + k);
}

interface Placed {
  fault: ScheduledFault;
  atMs: number;
  endMs: number;
}

function scheduleOf(drafts: readonly Draft[], model: FaultModel): FaultSchedule {
  const placed = drafts
    .map((d) => place(d, model))
    // Stable: drafts starting together keep their drawn order.
    .sort((a, b) => a.atMs - b.atMs);
  const kept: Placed[] = [];
  for (const candidate of placed) {
    const inEffect = kept.filter((k) => k.endMs > candidate.atMs).length;
    if (inEffect < model.maxConcurrent) kept.push(candidate);
  }
  return kept.map((k) => k.fault);
}

function place(d: Draft, model: FaultModel): Placed {
  const kind = model.kinds[d.kind]!;
  const atMs = model.windowToMs - d.stepsBeforeEnd * model.resolutionMs;
  const durationMs = DURATION_KINDS.has(kind)
    ? model.durationMs.min + d.durationSteps * model.resolutionMs
    : 0;
  const fault: ScheduledFault = {
    at: exactDurationText(atMs),
    target: model.targets[d.target]!,
    fault: kind,
    ...(DURATION_KINDS.has(kind) ? { duration: exactDurationText(durationMs) } : {}),
    ...(FRACTION_KINDS.has(kind) ? { fraction: within(d.fractionPpm / PPM, model.fraction) } : {}),
    ...(kind === "lost-writes"
      ? { window: exactDurationText(model.lostWritesWindowMs.min + d.windowSteps * model.resolutionMs) }
      : {}),
    ...(kind === "fail-slow" ? { factor: within(d.factorTenths / TENTHS, model.slowFactor) } : {}),
    ...(kind === "corruption" && d.propagate ? { propagate: true } : {}),
  };
  return { fault, atMs, endMs: atMs + Math.max(1, durationMs + model.settleMs) };
}

/** Rounding to the drawing grid may step just outside the declared range; clamp back in. */
function within(value: number, range: Range): number {
  return Math.min(range.max, Math.max(range.min, value));
}
