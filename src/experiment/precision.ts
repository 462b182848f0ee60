/**
 * The precision stop: `--precision 5%` keeps adding seeds, a batch at a time, until every
 * reported mean's 95% interval has a half-width within 5% of the mean, or `--max-runs` is met.
 *
 * A batch is as many runs as `--runs` asked for; the seeds go on in order (`<base>/1`, …), so a
 * stopped experiment is exactly the experiment with that many runs, and the stop depends only
 * on the figures, never on the thread count. A mean of 0 whose runs all agree is precise; a
 * figure measured in fewer than 2 runs is not (it has no interval).
 *
 * Contract: `runUntilPrecise` calls `runSeeds` with consecutive, disjoint seed ranges and
 * returns every result in seed order with the reason it stopped.
 */
import { type Estimate, halfWidth } from "../metrics/statistics.js";
import { InputError } from "../scenario/InputError.js";
import { MAX_RUNS } from "./manyRuns.js";
import { runSeeds } from "./seeds.js";

export interface PrecisionOptions {
  /** Target relative half-width of every 95% interval, e.g. 0.05. */
  precision?: number;
  /** The cap on runs per configuration (default 20 × the first batch, at most MAX_RUNS). */
  maxRuns?: number;
}

export interface PrecisionStop {
  target: number;
  /** Whether every mean met the target; false means the run cap stopped it. */
  met: boolean;
  runs: number;
  maxRuns: number;
  /** The least precise mean at the stop: where it is and its relative half-width. */
  widest: { where: string; relativeHalfWidth: number } | null;
}

/** A mean's 95% half-width over its absolute value; 0 for an exact 0; Infinity without an interval. */
export function relativeHalfWidth(e: Estimate): number {
  if (e.mean === null) return 0; // never measured: nothing reported to be precise about
  if (e.sd === null) return Number.POSITIVE_INFINITY;
  // The same half-width as the interval reported (statistics.ts), before its clipping to min/max.
  const half = halfWidth(e.sd, e.n);
  if (half === 0) return 0;
  return e.mean === 0 ? Number.POSITIVE_INFINITY : half / Math.abs(e.mean);
}

export function checkPrecisionOptions(options: PrecisionOptions, runs: number): void {
  if (options.precision !== undefined && !(options.precision > 0 && options.precision < 1))
    throw InputError.at(
      "--precision",
      "a relative half-width such as 5% (between 0 and 100%)",
      options.precision,
    );
  if (options.maxRuns !== undefined) {
    if (options.precision === undefined)
      throw InputError.at("--max-runs", "--precision with it", options.maxRuns);
    if (!Number.isInteger(options.maxRuns) || options.maxRuns < runs || options.maxRuns > MAX_RUNS)
      throw InputError.at(
        "--max-runs",
        `a whole number from --runs (${runs}) to ${MAX_RUNS}`,
        options.maxRuns,
      );
  }
}

export async function runUntilPrecise<T>(
  baseSeed: string | number,
  batchRuns: number,
  options: PrecisionOptions,
  runBatch: (seeds: string[]) => Promise<T[]>,
  widest: (results: readonly T[]) => { where: string; relativeHalfWidth: number } | null,
): Promise<{ seeds: string[]; results: T[]; stop?: PrecisionStop }> {
  const all = runSeeds(baseSeed, batchRuns);
  const results = [...(await runBatch([...all]))];
  if (options.precision === undefined) return { seeds: all, results };
  const target = options.precision;
  const maxRuns = options.maxRuns ?? Math.min(MAX_RUNS, 20 * batchRuns);
  let least = widest(results);
  while ((least?.relativeHalfWidth ?? 0) > target && all.length < maxRuns) {
    const next = runSeeds(baseSeed, Math.min(maxRuns, all.length + batchRuns)).slice(all.length);
    results.push(...(await runBatch([...next])));
    all.push(...next);
    least = widest(results);
  }
  const met = (least?.relativeHalfWidth ?? 0) <= target;
  return { seeds: all, results, stop: { target, met, runs: all.length, maxRuns, widest: least } };
}
