/**
 * Statistics across runs (docs/experiments.md#figures-and-statistics): the mean of a figure over
 * runs with its 95% Student-t interval, a proportion with its Wilson interval, and the paired
 * difference of two strategies run on the same seeds.
 *
 * Honesty rules, so a reader is never shown more certainty than the runs give:
 * - An estimate carries `n`, the number of runs it rests on.
 * - With no runs the mean is null; with one run the interval (and sd) are null — never a fake
 *   zero-width interval. With n ≥ 2 runs that all agree the interval is [mean, mean]: that
 *   is what the runs say, and `n` says how many.
 * - The t interval uses the exact t quantile for n − 1 degrees of freedom (studentT.ts).
 * - Paired differences are one sample of per-run differences (run i of A minus run i of B,
 *   same seed), so the interval is the paired t interval, narrower than an unpaired one
 *   whenever common random numbers make the runs correlate.
 *
 * Contract: pure functions of their arguments; nulls in a series mean "not measured in this
 * run" and are left out (and so out of `n`). Sums run in index order, so results are
 * bit-for-bit reproducible.
 */
import { normalQuantile } from "../engine/specialFunctions.js";
import { studentTQuantile } from "./studentT.js";

export const CONFIDENCE = 0.95;

/** A mean over `n` runs with its 95% interval; nulls where the runs cannot tell. */
export interface Estimate {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 in the denominator); null below 2 runs. */
  sd: number | null;
  lo: number | null;
  hi: number | null;
}

/** A share of runs (e.g. runs with any silent loss) with its 95% Wilson interval. */
export interface ProportionEstimate {
  /** Runs where the event happened, out of `n`. */
  count: number;
  n: number;
  share: number | null;
  lo: number | null;
  hi: number | null;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation; NaN below two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const centre = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

export interface IntervalOptions {
  /** The smallest value the quantity can take (0 for counts): interval ends are clipped to it. */
  min?: number;
  /** The largest value it can take (the fleet's mailboxes for a count of mailboxes), likewise. */
  max?: number;
}

/**
 * Mean and 95% Student-t interval of the non-null values. Clipping to `min` and `max` keeps a
 * skewed count's interval from reaching below zero or above what exists (more mailboxes down
 * than the fleet has); the mean itself is never clipped, as a mean of possible values is possible.
 */
export function meanInterval(series: readonly (number | null)[], options: IntervalOptions = {}): Estimate {
  const values = series.filter((v): v is number => v !== null);
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, lo: null, hi: null };
  const centre = mean(values);
  if (n === 1) return { n, mean: centre, sd: null, lo: null, hi: null };
  const sd = sampleSd(values);
  const half = halfWidth(sd, n);
  const clip = (x: number) =>
    Math.min(options.max ?? Number.POSITIVE_INFINITY, Math.max(options.min ?? Number.NEGATIVE_INFINITY, x));
  return { n, mean: centre, sd, lo: clip(centre - half), hi: clip(centre + half) };
}

/** Half the width of a mean's 95% Student-t interval, from its sample sd over n >= 2 values. */
export function halfWidth(sd: number, n: number): number {
  return studentTQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * (sd / Math.sqrt(n));
}

/**
 * Wilson score interval for `count` successes in `n` trials: unlike the normal ("Wald")
 * interval it stays inside [0, 1] and does not collapse to zero width at 0 of n.
 */
export function wilsonInterval(count: number, n: number): ProportionEstimate {
  if (n === 0) return { count, n, share: null, lo: null, hi: null };
  const z = normalQuantile(1 - (1 - CONFIDENCE) / 2);
  const share = count / n;
  const zz = (z * z) / n;
  const centre = (share + zz / 2) / (1 + zz);
  const half = (z / (1 + zz)) * Math.sqrt((share * (1 - share)) / n + zz / (4 * n));
  // At 0 or n successes the closed form gives the end exactly in theory; rounding must not move it.
  const lo = count === 0 ? 0 : Math.max(0, centre - half);
  const hi = count === n ? 1 : Math.min(1, centre + half);
  return { count, n, share, lo, hi };
}

/**
 * The paired difference `a − b` run by run (same index = same seed): mean and 95% paired-t
 * interval over the runs where both were measured.
 */
export function pairedDifference(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  options: IntervalOptions = {},
): Estimate {
  if (a.length !== b.length) throw new Error(`paired series differ in length: ${a.length} vs ${b.length}`);
  const differences = a.map((x, i) => {
    const y = b[i]!;
    return x === null || y === null ? null : x - y;
  });
  return meanInterval(differences, options);
}
