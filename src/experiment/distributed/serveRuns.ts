/**
 * The worker's side of BullMQ (`maildrill worker --redis URL`): takes run jobs from this
 * version's queue and answers each with the run's figures. Any number of worker processes
 * on any number of machines may serve one queue; each runs up to `concurrency` runs at once.
 *
 * The runs themselves go to a pool of worker threads (runPool.ts), never this thread: a run
 * is seconds of synchronous work, and BullMQ renews a job's lock from this thread's event
 * loop. Were the run here, a run longer than the lock would look stalled and be given to a
 * second worker. So this thread only moves messages, and a worker that dies (SIGKILL, a
 * lost machine) stops renewing: after `lockDurationMs` the stall check of any live worker
 * puts the job back in the queue, and another worker runs it again — to the same figures.
 *
 * Before running a job the worker checks that its payload hashes to the job id (the unit
 * key): a worker whose plugin files differ from the coordinator's refuses the job
 * (unrecoverable) instead of returning figures of another run.
 *
 * Contract: `close()` stops taking jobs, waits for the runs in progress and closes the pool
 * and connections. `onLog` gets one line per job started, done or failed.
 */
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { pluginDigests, scenarioDigest, unitKey } from "../cache/unitKey.js";
import { createRunPool } from "../runPool.js";
import { queueName, redisConnection } from "./redisConnection.js";
import { decodeRunPayload, encodeFigures, INPUT_ERROR_PREFIX, type RunJobData } from "./runPayload.js";

export interface ServeOptions {
  url: string;
  version: string;
  /** Runs at once in this process (worker threads). */
  concurrency: number;
  /** How long a job's lock lasts without renewal: how soon a dead worker's run is given to another. */
  lockDurationMs: number;
  onLog?: (line: string) => void;
}

/** How many times one run may be found stalled (its worker gone) before it counts as failed. */
const MAX_STALLED = 3;

export async function serveRuns(options: ServeOptions): Promise<{ close: () => Promise<void> }> {
  const pool = createRunPool(options.concurrency);
  const log = options.onLog ?? (() => {});
  const process = async (job: Job<RunJobData, string>): Promise<string> => {
    const payload = decodeRunPayload(job.data);
    const key = unitKey({
      version: options.version,
      scenarioDigest: scenarioDigest(payload.scenario),
      strategy: payload.strategy,
      variant: payload.variant,
      seed: payload.seed,
      pluginDigests: pluginDigests(payload.plugins),
    });
    if (key !== job.id)
      throw new UnrecoverableError(
        `the job's content hashes to ${key} on this worker, not to its id ${job.id}: its plugin files differ from the coordinator's`,
      );
    log(`start ${job.id} ${payload.strategy ?? "-"} ${payload.seed}`);
    const reply = await pool.run({
      scenario: payload.scenario,
      plugins: payload.plugins,
      memoryLimitBytes: payload.memoryLimitBytes,
      jobs: [
        {
          strategy: payload.strategy,
          seed: payload.seed,
          ...(payload.variant !== undefined ? { variant: payload.variant } : {}),
        },
      ],
    });
    if ("inputError" in reply) throw new UnrecoverableError(`${INPUT_ERROR_PREFIX}${reply.inputError}`);
    log(`done ${job.id}`);
    return encodeFigures(reply.figures[0]!);
  };
  const worker = new Worker<RunJobData, string>(queueName(options.version), process, {
    connection: redisConnection(options.url),
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    maxStalledCount: MAX_STALLED,
  });
  worker.on("failed", (job, error) => log(`failed ${job?.id ?? "?"}: ${error.message}`));
  // Connection errors are ridden out by reconnecting; say so, do not crash.
  worker.on("error", (error) => log(`redis: ${error.message}`));
  await worker.waitUntilReady();
  return {
    close: async () => {
      await worker.close();
      await pool.destroy();
    },
  };
}
