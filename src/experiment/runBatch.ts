/**
 * One batch of runs of one scenario: what a pool worker does with a task, and what the pool
 * does itself when it runs in-process (`--threads 1`). Keeping both on this one function is
 * what makes a result independent of the thread count.
 *
 * Contract: the task is plain data (it crosses a thread boundary by structured clone): the
 * validated scenario, the backend plugin files to load first (absolute paths), and the
 * (strategy, seed) jobs. The reply holds each job's figures in job order — or, when a job
 * hits a problem the user can fix (e.g. the memory limit), that InputError's message, since
 * an error's class does not survive the thread boundary.
 */
import { type RunFigures, runFigures } from "../metrics/runFigures.js";
import type { BiasSettings } from "../model/faults/FailureBiasing.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { catalogueProperty } from "./check/propertyCatalogue.js";
import { loadBackendPlugin } from "./loadPlugin.js";
import { runScenario } from "./runScenario.js";

export interface RunJob {
  /** A strategy of the scenario; undefined for its default (or for a scenario without a migration). */
  strategy: string | undefined;
  seed: string;
}

export interface BatchTask {
  scenario: Scenario;
  plugins: readonly string[];
  memoryLimitBytes: number | undefined;
  jobs: readonly RunJob[];
  /** `maildrill estimate`: draw the failures biased and judge each run against the property. */
  estimate?: EstimateTask;
}

export interface EstimateTask {
  bias: BiasSettings;
  /** A catalogue property name (src/experiment/check/propertyCatalogue.ts). */
  property: string;
}

export type BatchReply = { figures: RunFigures[] } | { inputError: string };

export async function runBatch(task: BatchTask): Promise<BatchReply> {
  // Loading a plugin file already loaded is a no-op, so a worker pays for it once.
  for (const file of task.plugins) await loadBackendPlugin(file);
  try {
    const figures = task.jobs.map((job) => runOne(task, job));
    return { figures };
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.message };
    throw error;
  }
}

function runOne(task: BatchTask, job: RunJob): RunFigures {
  const result = runScenario(task.scenario, {
    seed: job.seed,
    ...(job.strategy !== undefined ? { strategy: job.strategy } : {}),
    ...(task.memoryLimitBytes !== undefined ? { memoryLimitBytes: task.memoryLimitBytes } : {}),
    ...(task.estimate !== undefined ? { bias: task.estimate.bias } : {}),
  });
  const figures = runFigures(result.measurements);
  if (task.estimate === undefined) return figures;
  const broke = !catalogueProperty(task.estimate.property).holds(result);
  const weighted = {
    logWeight: result.logLikelihoodRatio ?? 0,
    broke,
    loss: result.measurements.ledger.silentlyLost,
  };
  return { ...figures, weighted };
}
