/**
 * Many runs over the machine's cores: the worker pool of compare and sweep (docs/experiments.md#the-worker-pool).
 *
 * The caller gives groups of jobs — one group per scenario (a sweep point, or compare's one
 * scenario), each job a (strategy, seed) — and gets back each job's figures in the same
 * shape, whatever order the runs finished in: results are written into their slot by index,
 * never appended on completion, so the output is byte-identical for any thread count.
 *
 * With one thread the batches run in this thread (no pool, no start-up cost). With more, a
 * piscina pool of that many workers runs them; each task is a batch of jobs of one scenario
 * (planBatches.ts), small enough to balance the load, big enough that messaging is negligible. The
 * worker module is `runWorker.js` next to this one in the compiled package; from the
 * TypeScript sources (tsx, vitest) it is `runWorker.ts`, and the workers get `--import tsx`
 * so that Node can load it.
 *
 * With `units` (distributed/runUnits.ts) the runs first go through the run cache, a shard's
 * share or a Redis queue; what is left to run here comes back through `runLocally`.
 *
 * Contract: `onProgress(doneRuns, totalRuns)` is called once before the first run and after
 * each batch, in this thread; `onRun(group, index, figures)` after each run, in this thread,
 * as its batch comes back; an
 * InputError met in a worker is thrown again here as an InputError; the pool is torn down
 * before the promise settles.
 */
import { Piscina } from "piscina";
import type { RunPicture } from "../metrics/RunTimeline.js";
import type { RunFigures } from "../metrics/runFigures.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { runUnits, type UnitOptions } from "./distributed/runUnits.js";
import { type Batch, planBatches } from "./planBatches.js";
import { type BatchReply, type BatchTask, type EstimateTask, type RunJob, runBatch } from "./runBatch.js";
import { MANY_RUNS_TIMELINE_POINTS } from "./runWithTimeline.js";

export interface JobGroup {
  scenario: Scenario;
  jobs: readonly RunJob[];
}

export interface PoolOptions {
  /** Worker threads; 1 runs everything in this thread. */
  threads: number;
  /** Backend plugin files (absolute paths) each worker loads before running. */
  plugins?: readonly string[];
  memoryLimitBytes?: number;
  onProgress?: (doneRuns: number, totalRuns: number) => void;
  /** Never split a group (compare: a seed's strategies share one fleet draw in one worker); see planBatches.ts. */
  wholeGroups?: boolean;
  /** Called with each run's figures as its batch comes back (the run cache writes them). */
  onRun?: (group: number, index: number, figures: RunFigures) => void;
  /** Cache, shard or Redis: where runs are found, kept or sent (distributed/runUnits.ts). */
  units?: UnitOptions;
  /** `maildrill estimate`: biased runs judged against a property. */
  estimate?: EstimateTask;
  /** Given, each run's timeline and ledger are handed here (in any order: key them by group and job). */
  onPicture?: OnPicture;
}

/** Receives one run's picture: its group's index, its job (strategy, seed), its timeline and ledger. */
export type OnPicture = (group: number, job: RunJob, picture: RunPicture) => void;

export function runJobGroups(groups: readonly JobGroup[], options: PoolOptions): Promise<RunFigures[][]> {
  if (options.units !== undefined) return runUnits(groups, options, options.units, runLocally);
  return runLocally(groups, options);
}

/** Every job of every group, here: in this thread or a pool of worker threads. */
async function runLocally(groups: readonly JobGroup[], options: PoolOptions): Promise<RunFigures[][]> {
  const totalRuns = groups.reduce((sum, g) => sum + g.jobs.length, 0);
  const batches = planBatches(groups, {
    threads: options.threads,
    ...(options.wholeGroups !== undefined ? { wholeGroups: options.wholeGroups } : {}),
    common: {
      plugins: options.plugins ?? [],
      memoryLimitBytes: options.memoryLimitBytes,
      ...(options.estimate ? { estimate: options.estimate } : {}),
      ...(options.onPicture !== undefined ? { timelinePoints: MANY_RUNS_TIMELINE_POINTS } : {}),
    },
  });
  const results = groups.map((g) => new Array<RunFigures>(g.jobs.length));
  let doneRuns = 0;
  options.onProgress?.(doneRuns, totalRuns);
  const settle = (batch: Batch, reply: BatchReply) => {
    if ("inputError" in reply) throw new InputError(reply.inputError);
    let k = 0; // the reply's runs follow the batch's parts, in order
    for (const { group, first, count } of batch.parts) {
      for (let index = first; index < first + count; index++, k++) {
        const figures = reply.figures[k]!;
        results[group]![index] = figures;
        options.onRun?.(group, index, figures);
        const picture = reply.pictures?.[k];
        if (picture !== undefined) options.onPicture?.(group, batch.task.jobs[k]!, picture);
      }
    }
    doneRuns += batch.task.jobs.length;
    options.onProgress?.(doneRuns, totalRuns);
  };
  // More workers than batches would only start idle threads.
  const threads = Math.min(options.threads, batches.length);
  if (threads <= 1) await runInThisThread(batches, settle);
  else await runInPool(batches, threads, settle);
  return results;
}

async function runInThisThread(batches: Batch[], settle: (b: Batch, r: BatchReply) => void): Promise<void> {
  for (const batch of batches) {
    settle(batch, await runBatch(batch.task));
    // Let timers (a progress bar's redraw) run between batches of this synchronous work.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runInPool(
  batches: Batch[],
  threads: number,
  settle: (b: Batch, r: BatchReply) => void,
): Promise<void> {
  const pool = createRunPool(threads);
  try {
    await Promise.all(batches.map(async (batch) => settle(batch, await pool.run(batch.task))));
  } finally {
    await pool.destroy();
  }
}

/** A piscina pool of `threads` workers that each run `runBatch` on the tasks given them. */
export function createRunPool(threads: number): Piscina<BatchTask, BatchReply> {
  return new Piscina<BatchTask, BatchReply>({ ...workerEntry(), minThreads: threads, maxThreads: threads });
}

/** The worker module and the Node flags to load it, from the compiled package or the sources. */
function workerEntry(): { filename: string; execArgv?: string[] } {
  const fromSources = import.meta.url.endsWith(".ts");
  const filename = new URL(fromSources ? "./runWorker.ts" : "./runWorker.js", import.meta.url).href;
  if (!fromSources) return { filename };
  const hasTsx = process.execArgv.some((arg) => arg.includes("tsx"));
  return { filename, execArgv: hasTsx ? process.execArgv : [...process.execArgv, "--import", "tsx"] };
}
