/**
 * One batch of runs of one scenario: what a pool worker does with a task, and what the pool
 * does itself when it runs in-process (`--threads 1`). Keeping both on this one function is
 * what makes a result independent of the thread count.
 *
 * Contract: the task is plain data (it crosses a thread boundary by structured clone): the
 * validated scenario, the backend plugin files to load first (absolute paths), and the
 * (strategy, seed, variant) jobs. The reply holds each job's figures in job order — or, when a job
 * hits a problem the user can fix (e.g. the memory limit), that InputError's message, since
 * an error's class does not survive the thread boundary. Unbiased runs are judged
 * (`gates: "judged"`): a strategy with gates brings its decisions and ground truth. With `timelinePoints`, the reply also
 * holds each job's timeline and ledger classes, in job order (a few hundred numbers a run, for `--html`).
 */

import { ledgerClasses, type RunPicture } from "../metrics/RunTimeline.js";
import { type RunFigures, runFigures } from "../metrics/runFigures.js";
import type { BiasSettings } from "../model/faults/FailureBiasing.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { catalogueProperty } from "./check/propertyCatalogue.js";
import { loadBackendPlugin } from "./loadPlugin.js";
import { type RunResult, runScenario } from "./runScenario.js";
import { runWithTimeline } from "./runWithTimeline.js";

export interface RunJob {
  /** A strategy of the scenario; undefined for its default (or for a scenario without a migration). */
  strategy: string | undefined;
  seed: string;
  /** One of the scenario's `variants`; undefined for the scenario as written. */
  variant?: string;
}

export interface BatchTask {
  scenario: Scenario;
  plugins: readonly string[];
  memoryLimitBytes: number | undefined;
  jobs: readonly RunJob[];
  /** Also record each run's timeline with at most this many points (for `--html`). */
  timelinePoints?: number;
  /** `maildrill estimate`: draw the failures biased and judge each run against the property. */
  estimate?: EstimateTask;
}

export interface EstimateTask {
  bias: BiasSettings;
  /** A catalogue property name (src/experiment/check/propertyCatalogue.ts). */
  property: string;
}

export type BatchReply = { figures: RunFigures[]; pictures?: RunPicture[] } | { inputError: string };

export async function runBatch(task: BatchTask): Promise<BatchReply> {
  // Loading a plugin file already loaded is a no-op, so a worker pays for it once.
  for (const file of task.plugins) await loadBackendPlugin(file);
  try {
    const runs = task.jobs.map((job) => runOne(task, job));
    const figures = runs.map((run) => run.figures);
    if (task.timelinePoints === undefined) return { figures };
    return { figures, pictures: runs.map((run) => run.picture!) };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    throw error;
  }
}

function runOne(task: BatchTask, job: RunJob): { figures: RunFigures; picture?: RunPicture } {
  const options = {
    seed: job.seed,
    ...(job.strategy !== undefined ? { strategy: job.strategy } : {}),
    ...(job.variant !== undefined ? { variant: job.variant } : {}),
    ...(task.memoryLimitBytes !== undefined ? { memoryLimitBytes: task.memoryLimitBytes } : {}),
    ...(task.estimate !== undefined ? { bias: task.estimate.bias } : {}),
  };
  if (task.estimate !== undefined)
    return { figures: weightedFigures(task.estimate, runScenario(task.scenario, options)) };
  const judged = { ...options, judgeGates: true };
  if (task.timelinePoints === undefined) return { figures: figuresOf(runScenario(task.scenario, judged)) };
  const { result, timeline } = runWithTimeline(task.scenario, judged, task.timelinePoints);
  return {
    figures: figuresOf(result),
    picture: { timeline, ledger: ledgerClasses(result.measurements.ledger) },
  };
}

/** A run's figures, with its gates' decisions and ground truth when its strategy has gates. */
function figuresOf(result: RunResult): RunFigures {
  const figures = runFigures(result.measurements);
  return result.gates === undefined ? figures : { ...figures, gates: result.gates };
}

/** A biased run's figures with its weight, whether it broke the property and the messages it lost. */
function weightedFigures(estimate: EstimateTask, result: RunResult): RunFigures {
  const weighted = {
    logWeight: result.logLikelihoodRatio ?? 0,
    broke: !catalogueProperty(estimate.property).holds(result),
    loss: result.measurements.ledger.silentlyLost,
  };
  return { ...runFigures(result.measurements), weighted };
}
