/**
 * How the run pool (runPool.ts) cuts job groups into tasks: each task a batch of jobs of one
 * scenario, run back to back by one worker.
 *
 * A task costs a structured clone of its scenario and a message each way, and a worker that
 * finishes one waits for the next; with runs of ~20 ms (the quickstart at 100k mailboxes)
 * one task per run spent a tenth of the CPU on that and left threads idle between tasks. So
 * a batch is about total / (4 × threads) jobs: few enough tasks that messaging is
 * negligible, enough (four a thread) that one slow batch does not leave the other threads
 * idle at the end. `wholeGroups` (compare: a group is a seed's strategies, which share one
 * fleet draw when run back to back in one worker) never splits a group, and packs
 * consecutive groups of the same scenario into one batch up to that size (at least one
 * group a batch). Otherwise a group is cut into slices of that size; slices never mix groups.
 *
 * Contract: the batches cover every job exactly once, in group order and job order within a
 * group, and a batch's `parts` list its slices in the order its task's jobs run, so reply
 * k maps back to its (group, index) by walking the parts. With one thread every batch is one
 * job (or one whole group): in this thread there is nothing to balance, and progress is finest.
 * What a task carries besides jobs (plugins, memory limit, estimate, timeline points) is the
 * caller's, copied into every task.
 */
import type { BatchTask, RunJob } from "./runBatch.js";

/** Tasks per thread: enough that a slow batch does not leave the other threads idle at the end. */
const BATCHES_PER_THREAD = 4;

export interface PlannedGroup {
  scenario: BatchTask["scenario"];
  jobs: readonly RunJob[];
}

/** `count` jobs of group `group`, from its job `first`. */
interface BatchPart {
  group: number;
  first: number;
  count: number;
}

export interface Batch {
  parts: BatchPart[];
  task: BatchTask;
}

export interface BatchPlan {
  threads: number;
  /** Never split a group (see the header). */
  wholeGroups?: boolean;
  /** Every field of a task but its scenario and jobs. */
  common: Omit<BatchTask, "scenario" | "jobs">;
}

export function planBatches(groups: readonly PlannedGroup[], plan: BatchPlan): Batch[] {
  const totalRuns = groups.reduce((sum, g) => sum + g.jobs.length, 0);
  const size =
    plan.threads <= 1 ? 1 : Math.max(1, Math.floor(totalRuns / (plan.threads * BATCHES_PER_THREAD)));
  return plan.wholeGroups ? packWholeGroups(groups, plan, size) : sliceGroups(groups, plan, size);
}

function sliceGroups(groups: readonly PlannedGroup[], plan: BatchPlan, size: number): Batch[] {
  const batches: Batch[] = [];
  groups.forEach((g, group) => {
    for (let first = 0; first < g.jobs.length; first += size) {
      const jobs = g.jobs.slice(first, first + size);
      batches.push({
        parts: [{ group, first, count: jobs.length }],
        task: { ...plan.common, scenario: g.scenario, jobs },
      });
    }
  });
  return batches;
}

function packWholeGroups(groups: readonly PlannedGroup[], plan: BatchPlan, size: number): Batch[] {
  const batches: Batch[] = [];
  let open: { parts: BatchPart[]; jobs: RunJob[]; scenario: PlannedGroup["scenario"] } | undefined;
  const close = () => {
    if (open !== undefined)
      batches.push({ parts: open.parts, task: { ...plan.common, scenario: open.scenario, jobs: open.jobs } });
    open = undefined;
  };
  groups.forEach((g, group) => {
    if (g.jobs.length === 0) return;
    if (open !== undefined && (open.scenario !== g.scenario || open.jobs.length + g.jobs.length > size))
      close();
    open ??= { parts: [], jobs: [], scenario: g.scenario };
    open.parts.push({ group, first: 0, count: g.jobs.length });
    open.jobs.push(...g.jobs);
  });
  close();
  return batches;
}
