/**
 * Distributed benchmark: what BullMQ on Redis costs per run, against the thread pool. The
 * workload is `test/fixtures/experiment/migration-small.yaml` cut to 20 mailboxes and 2 days,
 * so a run is a few milliseconds and the figures are the job machinery, not the simulation:
 * compare, 2 strategies × RUNS seeds, through the built CLI, with `--threads 1, 2, 4` and with
 * `--redis` on a local redis-server served by 1, 2 and 4 `maildrill worker` processes (one run
 * at a time each, started and warm before timing). Per setting: the median [min – max] wall
 * time of REPEATS invocations (coordinator start to exit), runs per second, and the overhead
 * per run, (Redis wall − thread-pool wall at the same parallelism) / runs.
 *
 * Every invocation uses a fresh seed (Redis keeps finished jobs and would answer a repeated
 * experiment at once) and `--no-cache`. Needs `npm run build` and Debian's redis-server.
 * Run: `npx tsx bench/distributed.bench.ts`; figures in docs/performance.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRedis } from "../test/helpers/redisServer.js";

const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../test/fixtures/experiment/migration-small.yaml", import.meta.url));
const RUNS = 200;
const STRATEGIES = ["big-bang", "canary"];
const REPEATS = 5;
const PARALLELISM = [1, 2, 4];

const scratch = mkdtempSync(join(tmpdir(), "maildrill-distributed-bench-"));
const TINY = join(scratch, "tiny.yaml");
writeFileSync(
  TINY,
  readFileSync(FIXTURE, "utf8")
    .replace(/mailboxes: 300\n/, "mailboxes: 20\n")
    .replace(/^horizon: 20d$/m, "horizon: 2d"),
);

/** Wall seconds of one compare, awaited without blocking (so the workers' logs drain). */
async function timedCompare(seed: string, extra: string[]): Promise<number> {
  const args = [
    "compare",
    TINY,
    "--runs",
    String(RUNS),
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

async function walls(setting: string, extra: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) times.push(await timedCompare(`${setting}-${i}`, extra));
  return times;
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

const units = RUNS * STRATEGIES.length;
const measured: { setting: string; k: number; times: number[] }[] = [];
for (const k of PARALLELISM)
  measured.push({
    setting: `--threads ${k}`,
    k,
    times: await walls(`threads${k}`, ["--threads", String(k)]),
  });
const redis = await startRedis({ appendOnly: false });
try {
  for (const k of PARALLELISM) {
    const workers = await startWorkers(redis.url, k);
    const setting = `--redis, ${k} worker${k > 1 ? "s" : ""}`;
    measured.push({ setting, k, times: await walls(`redis${k}`, ["--redis", redis.url]) });
    for (const w of workers) w.kill("SIGKILL");
  }
} finally {
  await redis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
const threadsMedian = (k: number) => median(measured.find((m) => m.setting === `--threads ${k}`)!.times);
console.log(
  `compare (20 mailboxes, 2 days): ${units} runs (${STRATEGIES.length} strategies × ${RUNS} seeds), ${REPEATS} invocations each`,
);
console.table(
  measured.map(({ setting, k, times }) => ({
    setting,
    "wall s, median [min – max]": `${median(times).toFixed(2)} [${Math.min(...times).toFixed(2)} – ${Math.max(...times).toFixed(2)}]`,
    "runs/s": (units / median(times)).toFixed(0),
    "overhead ms/run": setting.startsWith("--redis")
      ? (((median(times) - threadsMedian(k)) / units) * 1000).toFixed(2)
      : "-",
  })),
);
