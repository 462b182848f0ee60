/**
 * ∫₀^H Q(t) dt for one batch of deferred messages, integrated in the time domain.
 *
 * The deferred queue length is Q(t) = A(t) − E(t): messages arrived so far minus messages
 * that left so far. Little's law in its sample-path form says ∫ Q dt equals the sum of the
 * messages' sojourn times, and the run recorder computes both: the sojourn sum from each
 * batch's reported mean exit, and this integral from the batch's cumulative curves. Their
 * agreement checks that batches are reported consistently (an exit before its arrivals, or
 * past the horizon, makes them differ).
 *
 * For any arrival shape, ∫₀^H A(t) dt = count × (H − arrivalMean) when the arrivals fall in
 * [0, H], and ∫₀^H E(t) dt = count × E[(H − exit)⁺]. So the arrivals enter only through the
 * batch's own mean (the diurnal-weighted one the model reports). An earlier version took the
 * arrivals as uniform over their window, whose mean is the window's midpoint, not the
 * diurnal mean: the identity was off by 0.06% on the quickstart and 2.9% over 10 years.
 * E[(H − exit)⁺] is exact for a step exit (`exitAtMs`) and for a shifted exit wholly before
 * or after H; only a shifted exit window straddling H needs a shape, taken as uniform there.
 *
 * `forEachQueuePiece` gives the same batch's queue share as linear pieces for the deferred
 * queue's time series (TimelineRecorder); there the arrivals are drawn uniform over their
 * window, a picture of the queue's shape, not a total that an identity rests on.
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
  return batch.count * queuedPerMessageMs(batch, horizonMs);
}

/**
 * E[min(exit, H)] − arrivalMean, written case by case so that no term is a difference of two
 * clock readings near H (which would round a few ms away on a clock reading billions of ms).
 */
function queuedPerMessageMs(batch: ExitBatch, horizonMs: number): number {
  if (batch.exitShiftMs !== undefined) {
    const fromMs = batch.arrivalStartMs + batch.exitShiftMs;
    const toMs = Math.max(batch.arrivalStartMs, batch.arrivalEndMs) + batch.exitShiftMs;
    if (toMs <= horizonMs) return batch.exitShiftMs;
    const arrivedMs = horizonMs - batch.arrivalMeanMs;
    if (fromMs >= horizonMs) return arrivedMs;
    // Only here does the arrivals' shape matter: uniform over the exit window's part before H.
    return arrivedMs - (horizonMs - fromMs) ** 2 / (2 * (toMs - fromMs));
  }
  if (batch.exitAtMs !== undefined) return Math.min(batch.exitAtMs, horizonMs) - batch.arrivalMeanMs;
  throw new RangeError("ExitBatch has neither exitShiftMs nor exitAtMs");
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
