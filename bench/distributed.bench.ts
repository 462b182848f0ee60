/**
 * Distributed benchmark: the same compare (`test/fixtures/experiment/migration-small.yaml`,
 * 2 strategies × n seeds, runs of a few tens of ms, so that per-run overhead shows) through
 * the built CLI, with `--threads 1, 2, 4` and through BullMQ on a local redis-server with 1, 2
 * and 4 `maildrill worker` processes (one run at a time each). Each setting is timed at two
 * sizes (SMALL and LARGE seeds, median of REPEATS invocations each): runs per second at the
 * large size, and the marginal time per run — the slope between the two sizes, so process
 * start-up and connection set-up drop out. A Redis setting's slope minus the thread pool's at
 * the same parallelism is what Redis, job (de)serialisation and the worker add to each run.
 *
 * The coordinator is timed from its start to its exit, workers are started (and warm) before;
 * every invocation uses a fresh seed, since Redis keeps finished jobs and would answer a
 * repeated experiment at once, and `--no-cache`. Needs `npm run build` and Debian's
 * redis-server. Run: `npx tsx bench/distributed.bench.ts`; figures in docs/performance.md.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startRedis } from "../test/helpers/redisServer.js";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../test/fixtures/experiment/migration-small.yaml", import.meta.url));
const SMALL = 10;
const LARGE = 60;
const STRATEGIES = ["big-bang", "canary"];
const REPEATS = 3;
const PARALLELISM = [1, 2, 4];

/** Wall seconds of one compare of `runs` seeds, awaited without blocking (so worker logs drain). */
async function timedCompare(runs: number, seed: string, extra: string[]): Promise<number> {
  const args = [
    "compare",
    FIXTURE,
    "--runs",
    String(runs),
    "--strategies",
    STRATEGIES.join(","),
    "--seed",
    seed,
  ];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, ...args, "--json", "--no-cache", ...extra], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`compare ${extra.join(" ")} exited ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

interface Timing {
  setting: string;
  smallS: number;
  largeS: number;
  /** Marginal seconds per run: the slope between the two sizes. */
  perRunS: number;
}

async function timeSetting(setting: string, extra: string[]): Promise<Timing> {
  const walls = async (runs: number) => {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) times.push(await timedCompare(runs, `${setting}-${runs}-${i}`, extra));
    return median(times);
  };
  const smallS = await walls(SMALL);
  const largeS = await walls(LARGE);
  return { setting, smallS, largeS, perRunS: (largeS - smallS) / ((LARGE - SMALL) * STRATEGIES.length) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function startWorkers(url: string, count: number) {
  const workers = Array.from({ length: count }, () =>
    spawn(process.execPath, [CLI, "worker", "--redis", url, "--concurrency", "1"], {
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          let seen = "";
          w.stderr!.on("data", (chunk: Buffer) => {
            seen += chunk.toString();
            if (seen.includes("ready")) resolve();
          });
        }),
    ),
  );
  return workers;
}

const timings: Timing[] = [];
for (const k of PARALLELISM) timings.push(await timeSetting(`--threads ${k}`, ["--threads", String(k)]));
const redis = await startRedis({ appendOnly: false });
try {
  for (const k of PARALLELISM) {
    const workers = await startWorkers(redis.url, k);
    timings.push(await timeSetting(`--redis, ${k} worker${k > 1 ? "s" : ""}`, ["--redis", redis.url]));
    for (const w of workers) w.kill("SIGKILL");
  }
} finally {
  await redis.stop();
}
const threadsPerRun = (k: number) => timings[PARALLELISM.indexOf(k)]!.perRunS;
console.log(
  `compare ${FIXTURE}, ${STRATEGIES.length} strategies × ${SMALL} and × ${LARGE} seeds, median of ${REPEATS} each`,
);
console.table(
  timings.map((t, i) => {
    const k = PARALLELISM[i % PARALLELISM.length]!;
    const overMs = i < PARALLELISM.length ? "-" : ((t.perRunS - threadsPerRun(k)) * 1000).toFixed(1);
    return {
      setting: t.setting,
      [`wall s (${SMALL * STRATEGIES.length} runs)`]: t.smallS.toFixed(2),
      [`wall s (${LARGE * STRATEGIES.length} runs)`]: t.largeS.toFixed(2),
      "runs/s (large)": ((LARGE * STRATEGIES.length) / t.largeS).toFixed(1),
      "ms per run (slope)": (t.perRunS * 1000).toFixed(1),
      "ms per run over threads": overMs,
    };
  }),
);
