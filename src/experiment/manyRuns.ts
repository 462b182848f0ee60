/**
 * What compare and sweep share: the options of an experiment of many runs, their checks, and
 * the per-run records that make a result auditable (each run's seed next to its figures).
 *
 * Contract: a bad option is an InputError naming the command-line option it comes from.
 */
import type { RunFigures } from "../metrics/runFigures.js";
import { InputError } from "../scenario/InputError.js";
import type { UnitOptions } from "./distributed/runUnits.js";
import type { OnPicture } from "./runPool.js";

export const MAX_RUNS = 100_000;
export const MAX_THREADS = 256;

/** The options every experiment of many runs shares (compare, sweep). */
export interface ManyRunsOptions {
  /** Runs per strategy (compare) or per grid point (sweep). */
  runs: number;
  /** Base seed of the run seeds (seeds.ts); default: the scenario's `seed`. */
  seed?: string | number;
  /** Worker threads; default 1 (in this thread). The result does not depend on it. */
  threads?: number;
  /** Backend plugin files the workers load before running (already loaded in this thread). */
  plugins?: readonly string[];
  memoryLimitBytes?: number;
  /** Called as runs finish, with the runs done and the runs in all. */
  onProgress?: (doneRuns: number, totalRuns: number) => void;
  /** Run cache, shard, merge or Redis (distributed/runUnits.ts); default: every run here, nothing kept. */
  units?: UnitOptions;
  /** Given, each run's timeline and ledger are handed here (for `--html`); the result does not change. */
  onPicture?: OnPicture;
}

/** One run as the result lists it: its number, its seed and its figures. */
export type RunRecord = { run: number; seed: string } & RunFigures;

export function checkManyRunsOptions(options: ManyRunsOptions): void {
  checkWhole("--runs", options.runs, MAX_RUNS, "runs");
  if (options.threads !== undefined) checkWhole("--threads", options.threads, MAX_THREADS, "threads");
}

function checkWhole(option: string, value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw InputError.at(option, `a whole number of ${what} from 1 to ${max.toLocaleString("en-US")}`, value);
}

export function runRecords(seeds: readonly string[], figures: readonly RunFigures[]): RunRecord[] {
  return figures.map((f, i) => ({ run: i + 1, seed: seeds[i]!, ...f }));
}
