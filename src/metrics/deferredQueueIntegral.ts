/**
 * ∫₀^H Q(t) dt for one batch of deferred messages, integrated in the time domain.
 *
 * The deferred queue length is Q(t) = A(t) − E(t): messages arrived so far minus messages
 * that left so far. Little's law in its sample-path form says ∫ Q dt equals the sum of the
 * messages' sojourn times, and the run recorder computes both: the sojourn sum from each
 * batch's reported mean exit, and this integral from the batch's *shape*. Because the two
 * come from different arithmetic, their agreement checks that batches are reported
 * consistently (an exit past the horizon, or a mean that does not match its window, makes
 * them differ).
 *
 * A batch's arrivals are taken as uniform over [arrivalStartMs, arrivalEndMs), so A(t)/count
 * is a linear ramp from 0 to 1 (a unit step at the start when the window is empty). Its exits
 * are the same ramp shifted by `exitShiftMs`, or a unit step at `exitAtMs`. Between the
 * breakpoints of the two curves (and 0 and H) their difference is linear, so the trapezoid
 * rule on those pieces is exact. At a step the left and right limits differ, so each piece
 * takes the right limit at its start and the left limit at its end.
 *
 * Contract: returns count × ∫₀^H (A(t) − E(t))/count dt in message-ms. Mass outside [0, H]
 * is not counted: a batch still queued at H contributes only up to H.
 */

import type { ExitBatch } from "../model/WorldObserver.js";

/** A cumulative distribution that is 0 before `fromMs`, 1 after `toMs`, linear between. */
interface Ramp {
  fromMs: number;
  toMs: number;
}

export function deferredQueueIntegralMessageMs(batch: ExitBatch, horizonMs: number): number {
  integralSum = 0;
  forEachQueuePiece(batch, horizonMs, addPiece);
  return batch.count * integralSum;
}

let integralSum = 0;
function addPiece(fromMs: number, toMs: number, queuedAtFrom: number, queuedAtTo: number): void {
  integralSum += ((toMs - fromMs) * (queuedAtFrom + queuedAtTo)) / 2;
}

/**
 * The batch's queue share (A(t) − E(t))/count as linear pieces between its breakpoints within
 * [0, H]: `visit(fromMs, toMs, atFrom, atTo)` with times since `originMs` (the first arrival),
 * the right limit at `fromMs` and the left limit at `toMs`. The time series of the deferred
 * queue (TimelineRecorder) is built from the same pieces as the integral.
 */
export function forEachQueuePiece(
  batch: ExitBatch,
  horizonMs: number,
  visit: (fromMs: number, toMs: number, atFrom: number, atTo: number, originMs: number) => void,
): void {
  // Work in time since the first arrival: the breakpoints that matter (arrival end, exit
  // start and end) are then small numbers, and a shift of a few ms on a clock reading
  // billions of ms is not rounded away.
  const originMs = batch.arrivalStartMs;
  const arrival: Ramp = { fromMs: 0, toMs: Math.max(0, batch.arrivalEndMs - originMs) };
  const exit = exitRamp(batch, arrival, originMs);
  const startMs = -originMs;
  const endMs = horizonMs - originMs;
  const breaks = sortedBreaks(startMs, endMs, arrival, exit);
  const count = breakCount;
  for (let i = 1; i < count; i++) {
    const fromMs = breaks[i - 1]!;
    const toMs = breaks[i]!;
    if (toMs === fromMs) continue;
    const queuedAtFrom = cdf(arrival, fromMs, true) - cdf(exit, fromMs, true);
    const queuedAtTo = cdf(arrival, toMs, false) - cdf(exit, toMs, false);
    visit(fromMs, toMs, queuedAtFrom, queuedAtTo, originMs);
  }
}

// PERF: called once per deferred batch (millions in a large run): the six breakpoints are
// sorted by insertion into one reused buffer instead of filter + sort on a fresh array.
const breaksBuffer = new Float64Array(6);
let breakCount = 0;

function sortedBreaks(startMs: number, endMs: number, arrival: Ramp, exit: Ramp): Float64Array {
  breakCount = 0;
  for (const t of [startMs, endMs, arrival.fromMs, arrival.toMs, exit.fromMs, exit.toMs]) {
    if (!(t >= startMs && t <= endMs)) continue;
    let i = breakCount++;
    while (i > 0 && breaksBuffer[i - 1]! > t) {
      breaksBuffer[i] = breaksBuffer[i - 1]!;
      i--;
    }
    breaksBuffer[i] = t;
  }
  return breaksBuffer;
}

function exitRamp(batch: ExitBatch, arrival: Ramp, originMs: number): Ramp {
  if (batch.exitShiftMs !== undefined) {
    return { fromMs: arrival.fromMs + batch.exitShiftMs, toMs: arrival.toMs + batch.exitShiftMs };
  }
  if (batch.exitAtMs !== undefined)
    return { fromMs: batch.exitAtMs - originMs, toMs: batch.exitAtMs - originMs };
  throw new RangeError("ExitBatch has neither exitShiftMs nor exitAtMs");
}

/** The ramp's value at t; at a step (fromMs === toMs) `rightLimit` picks the side. */
function cdf(ramp: Ramp, timeMs: number, rightLimit: boolean): number {
  if (timeMs < ramp.fromMs) return 0;
  if (timeMs > ramp.toMs) return 1;
  if (ramp.fromMs === ramp.toMs) return rightLimit ? 1 : 0;
  return (timeMs - ramp.fromMs) / (ramp.toMs - ramp.fromMs);
}
