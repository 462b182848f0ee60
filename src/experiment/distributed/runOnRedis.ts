/**
 * The coordinator's side of BullMQ: the runs the cache does not have become jobs on a Redis
 * queue, one per run, whose job id is the run's content key (cache/unitKey.ts); workers
 * (`maildrill worker`, serveRuns.ts) run them; each result is recorded the moment it is
 * announced, and placed by its unit, never by arrival order.
 *
 * Why it holds up:
 * - Idempotent: adding a job whose id exists is a no-op in BullMQ, so a second coordinator
 *   on the same experiment (or an overlapping one) waits for the same jobs instead of
 *   doubling them, and a restarted coordinator picks up the jobs it left.
 * - Completed jobs are kept (a week) with their result, so a coordinator that arrives late
 *   still finds it. A check right after enqueueing, then every RECONCILE_MS, reads each
 *   job still awaited: it settles jobs whose event was missed, gives fresh attempts to a job
 *   a previous experiment saw fail, and enqueues again a job Redis no longer has (a Redis
 *   that lost its data) — so the experiment resumes rather than hangs.
 * - A run that throws is retried up to `attempts` times (a worker killed mid-run is not a
 *   failure: BullMQ's stall check gives its job to another worker); then `RunFailed`.
 *
 * Contract: resolves when every unit is recorded; rejects with RunFailed, or with an
 * InputError a worker met (e.g. the memory limit), leaving the jobs still queued to the
 * workers (they are the same runs a re-run would ask for). Closes its connections either way.
 */
import { type Job, Queue, QueueEvents } from "bullmq";
import type { RunFigures } from "../../metrics/runFigures.js";
import { InputError } from "../../scenario/InputError.js";
import type { PoolOptions } from "../runPool.js";
import { RunFailed } from "./RunFailed.js";
import { queueName, redisConnection } from "./redisConnection.js";
import { decodeFigures, encodeRunPayload, INPUT_ERROR_PREFIX } from "./runPayload.js";
import type { Unit, UnitOptions } from "./runUnits.js";

export interface RedisRunOptions {
  url: string;
  /** How many times a run is tried before the experiment fails (default 3). */
  attempts?: number;
  /** Told once when no worker listens on the queue, so a forgotten worker is not a silent wait. */
  onNoWorkers?: (message: string) => void;
  /** The command that replays one run alone, for the message of a run that keeps failing. */
  replayCommand?: (unit: Unit) => string;
}

const DEFAULT_ATTEMPTS = 3;
const RECONCILE_MS = 5000;
const KEEP_FINISHED_SECONDS = 7 * 24 * 3600;
const ADD_CHUNK = 500;
const READ_CHUNK = 200;

type Record = (unit: Unit, figures: RunFigures) => void;

export async function runOnRedis(
  units: readonly Unit[],
  options: PoolOptions,
  unitOptions: UnitOptions,
  record: Record,
): Promise<void> {
  const redis = unitOptions.redis!;
  const attempts = redis.attempts ?? DEFAULT_ATTEMPTS;
  const connection = redisConnection(redis.url);
  const name = queueName(unitOptions.version);
  const queue = new Queue(name, { connection });
  const events = new QueueEvents(name, { connection });
  // A connection error is ridden out by reconnecting (redisConnection.ts); it must not crash us.
  queue.on("error", () => {});
  events.on("error", () => {});
  const pending = new Map(units.map((u) => [u.key, u]));
  const add = (us: readonly Unit[]) => addJobs(queue, us, options, attempts);
  let timer: NodeJS.Timeout | undefined;
  try {
    await events.waitUntilReady(); // listening before adding: no completion can slip by unseen
    await new Promise<void>((resolve, reject) => {
      const settle = (key: string, returnvalue: unknown) => {
        const unit = pending.get(key);
        if (unit === undefined) return;
        pending.delete(key);
        record(unit, decodeFigures(returnvalue));
        if (pending.size === 0) resolve();
      };
      const fail = (key: string, reason: string) => {
        const unit = pending.get(key);
        if (unit !== undefined) reject(failure(unit, reason, attempts, redis.replayCommand));
      };
      const guarded = (work: () => void | Promise<void>) => async () => {
        try {
          await work();
        } catch (error) {
          reject(error);
        }
      };
      events.on("completed", ({ jobId, returnvalue }) => void guarded(() => settle(jobId, returnvalue))());
      events.on("failed", ({ jobId, failedReason }) => fail(jobId, failedReason));
      const reconcile = (first: boolean) => reconcileJobs(queue, pending, add, settle, fail, first);
      let warned = false;
      const check = guarded(async () => {
        await reconcile(false);
        if (!warned && pending.size > 0 && (await queue.getWorkersCount()) === 0) {
          warned = true;
          redis.onNoWorkers?.(
            `no worker is taking runs from the queue ${name} on ${redis.url}; start one with: maildrill worker --redis ${redis.url}`,
          );
        }
      });
      void guarded(async () => {
        await add(units);
        await reconcile(true);
        if (pending.size > 0) timer = setInterval(() => void check(), RECONCILE_MS);
      })();
    });
  } finally {
    clearInterval(timer);
    await events.close();
    await queue.close();
  }
}

async function addJobs(
  queue: Queue,
  units: readonly Unit[],
  options: PoolOptions,
  attempts: number,
): Promise<void> {
  for (let first = 0; first < units.length; first += ADD_CHUNK) {
    await queue.addBulk(
      units.slice(first, first + ADD_CHUNK).map((unit) => ({
        name: "run",
        data: encodeRunPayload({
          scenario: unit.scenario,
          strategy: unit.job.strategy,
          variant: unit.job.variant,
          seed: unit.job.seed,
          plugins: options.plugins ?? [],
          memoryLimitBytes: options.memoryLimitBytes,
        }),
        opts: {
          jobId: unit.key,
          attempts,
          removeOnComplete: { age: KEEP_FINISHED_SECONDS },
          removeOnFail: { age: KEEP_FINISHED_SECONDS },
        },
      })),
    );
  }
}

/** Reads every job still awaited: settles finished ones, re-adds lost ones, retries old failures once. */
async function reconcileJobs(
  queue: Queue,
  pending: Map<string, Unit>,
  add: (units: readonly Unit[]) => Promise<void>,
  settle: (key: string, returnvalue: unknown) => void,
  fail: (key: string, reason: string) => void,
  first: boolean,
): Promise<void> {
  const keys = [...pending.keys()];
  const lost: Unit[] = [];
  for (let at = 0; at < keys.length; at += READ_CHUNK) {
    const jobs = await Promise.all(keys.slice(at, at + READ_CHUNK).map((key) => queue.getJob(key)));
    for (const [k, job] of jobs.entries()) {
      const key = keys[at + k]!;
      if (job === undefined) lost.push(pending.get(key)!);
      else if (job.finishedOn !== undefined) await finished(job, key, first, settle, fail);
    }
  }
  if (lost.length > 0) await add(lost.filter((u) => pending.has(u.key)));
}

async function finished(
  job: Job,
  key: string,
  first: boolean,
  settle: (key: string, returnvalue: unknown) => void,
  fail: (key: string, reason: string) => void,
): Promise<void> {
  const state = await job.getState();
  if (state === "completed") settle(key, job.returnvalue);
  else if (state === "failed" && first) await job.retry("failed", { resetAttemptsMade: true });
  else if (state === "failed") fail(key, job.failedReason);
}

function failure(
  unit: Unit,
  reason: string,
  attempts: number,
  replayCommand: RedisRunOptions["replayCommand"],
): Error {
  const replay = replayCommand?.(unit);
  // A worker's input error (a plugin that throws, a limit) is final and the user's to fix:
  // exit 2, saying which run met it and how to meet it again here.
  if (reason.startsWith(INPUT_ERROR_PREFIX))
    return new InputError(
      `${reason.slice(INPUT_ERROR_PREFIX.length)} (in the run ${unit.label}` +
        (replay !== undefined ? `; replay it here with: ${replay})` : ")"),
    );
  return new RunFailed(unit.label, unit.job.strategy, unit.job.seed, unit.point, attempts, reason, replay);
}
