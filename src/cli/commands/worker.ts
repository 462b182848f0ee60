/**
 * `maildrill worker --redis URL [--concurrency N]`: serves the runs that `compare|sweep
 * --redis URL` put on Redis (src/experiment/distributed/serveRuns.ts), until Ctrl-C or
 * SIGTERM, which let the runs in progress finish first (a second signal does not wait).
 * Start one per machine, with `--concurrency` its core count; docs/distributed.md.
 *
 * One line per run started, done or failed goes to stderr, for the operator.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { checkRedisReachable } from "../../experiment/distributed/redisConnection.js";
import { serveRuns } from "../../experiment/distributed/serveRuns.js";
import { codeIdentity } from "../codeIdentity.js";
import { onInterrupt, SIGNAL_EXIT_CODES, type StopSignal } from "../interrupts.js";
import { wholeNumberOption } from "../parseOptions.js";

interface WorkerFlags {
  redis: string;
  concurrency?: number;
  lockDuration: number;
}

const DEFAULT_LOCK_DURATION_MS = 30_000;

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("run the runs compare and sweep put on Redis (--redis), until stopped")
    .requiredOption("--redis <url>", "the Redis the coordinators use (redis://HOST:PORT)")
    .option(
      "--concurrency <n>",
      "runs at once, each in its own thread (default: one per core)",
      wholeNumberOption("--concurrency", "runs", 1024),
    )
    .option(
      "--lock-duration <ms>",
      "how long a run's lock lasts unrenewed: how soon a dead worker's run goes to another (default 30000)",
      wholeNumberOption("--lock-duration", "milliseconds", 3_600_000),
      DEFAULT_LOCK_DURATION_MS,
    )
    .action((flags: WorkerFlags) => workerCommand(flags));
}

async function workerCommand(flags: WorkerFlags): Promise<void> {
  await checkRedisReachable(flags.redis);
  const concurrency = flags.concurrency ?? availableParallelism();
  const log = (line: string) => process.stderr.write(`maildrill worker: ${line}\n`);
  const stopped = new Promise<StopSignal>((resolve) => onInterrupt(resolve));
  const worker = await serveRuns({
    url: flags.redis,
    version: codeIdentity(),
    concurrency,
    lockDurationMs: flags.lockDuration,
    onLog: log,
  });
  log(`ready: ${concurrency} runs at once from ${flags.redis}`);
  const signal = await stopped;
  log("stopping: finishing the runs in progress (signal again to stop at once)");
  const again = onInterrupt((second) => process.exit(SIGNAL_EXIT_CODES[second]));
  await worker.close();
  again();
  process.exit(SIGNAL_EXIT_CODES[signal]);
}
