/**
 * Scale benchmark: `scenarios/libero-2023.yaml` (big-bang) at 10k, 100k, 1M and 9M mailboxes,
 * and compare throughput with 1 and 2 worker threads (docs/performance.md). The throughput rows run
 * the compiled CLI, so `npm run build` (or `npm ci`) must have run first.
 *
 * Smaller fleets are the same file scaled by `liberoAtScale` (test/helpers), so every time in
 * the run is unchanged and only the per-mailbox work shrinks. Each timed iteration uses a fresh seed, so the fleet
 * is drawn every time (runScenario reuses the fleet of the same seed). Peak memory is
 * measured per size in a child process (its `maxRSS`), where nothing else is resident.
 *
 * The 9 M run is also reported as a ratio to a bare pass over 9 M doubles, in alternating
 * rounds (`runFloorBench`), and against the 1 M run the same way.
 *
 * Run alone: `npx tsx bench/libero.bench.ts` prints the tables (`--floor`: only the ratios).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { parse, stringify } from "yaml";
import { runScenario } from "../src/experiment/runScenario.js";
import { liberoAtScale, liberoRaw } from "../test/helpers/liberoAtScale.js";
import { type BenchRow, median, toRow } from "./engine.bench.js";

const FULL_MAILBOXES = 9_000_000;
const SIZES = [1e4, 1e5, 1e6, FULL_MAILBOXES];
const QUICKSTART = fileURLToPath(new URL("../scenarios/quickstart.yaml", import.meta.url));
const CLI = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));

export interface ScaleRow extends BenchRow {
  mailboxes: number;
  peakRssMB: number;
}

/** One big-bang run per iteration at each size; peak RSS from a child process per size. */
export async function runScaleBench(sizes = SIZES): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const mailboxes of sizes) {
    const scenario = liberoAtScale(mailboxes);
    let seed = 0;
    const iterations = mailboxes >= 1e6 ? 3 : 10;
    const bench = new Bench({
      time: 0,
      iterations,
      warmupIterations: mailboxes >= 1e6 ? 0 : 2,
      throws: true,
    });
    bench.add(`libero big-bang ${mailboxes.toLocaleString("en-US")} mailboxes`, () => {
      runScenario(scenario, { seed: `bench/${seed++}`, strategy: "big-bang" });
    });
    await bench.run();
    rows.push({ ...toRow(bench.tasks[0]!), mailboxes, peakRssMB: peakRssMB(mailboxes) });
  }
  return rows;
}

export interface FloorRow {
  name: string;
  /** Median over rounds of the run's time over the bare pass's time in the same round. */
  ratioToBarePass: number;
  runMedianMs: number;
  barePassMedianMs: number;
}

const FLOOR_ROUNDS = 5;

/**
 * The 9 M run measured against the memory-bandwidth floor: a bare pass that reads and sums
 * 9 M doubles (allocated and filled once, outside the timing). Rounds alternate the two in
 * one process, a fresh seed per run, and report the median ratio, so the machine's load
 * cancels out; time(9 M)/time(1 M) is measured the same way, in alternating rounds.
 */
export function runFloorBench(rounds = FLOOR_ROUNDS): FloorRow[] {
  const doubles = new Float64Array(FULL_MAILBOXES).map((_, i) => i * 0.5);
  let sink = 0;
  const barePass = () => {
    let sum = 0;
    for (let i = 0; i < doubles.length; i++) sum += doubles[i]!;
    sink += sum;
  };
  const full = liberoAtScale(FULL_MAILBOXES);
  const million = liberoAtScale(1e6);
  let seed = 0;
  const contestants: [string, () => void][] = [
    ["bare pass", barePass],
    ["9M", () => runScenario(full, { seed: `floor/${seed++}`, strategy: "big-bang" })],
    ["1M", () => runScenario(million, { seed: `floor/${seed++}`, strategy: "big-bang" })],
  ];
  const ms: number[][] = contestants.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < contestants.length; turn++) {
      const index = (turn + round) % contestants.length;
      const startMs = performance.now();
      contestants[index]![1]();
      ms[index]!.push(performance.now() - startMs);
    }
  }
  if (Number.isNaN(sink)) throw new Error("unreachable: the bare pass summed finite numbers");
  const [bare, nine, one] = ms as [number[], number[], number[]];
  return [
    {
      name: "libero 9M run / bare pass over 9M doubles",
      ratioToBarePass: median(nine.map((t, i) => t / bare[i]!)),
      runMedianMs: median(nine),
      barePassMedianMs: median(bare),
    },
    {
      name: "libero 9M run / libero 1M run",
      ratioToBarePass: median(nine.map((t, i) => t / one[i]!)),
      runMedianMs: median(nine),
      barePassMedianMs: median(one),
    },
  ];
}

export function printFloorRows(rows: FloorRow[]): void {
  console.table(
    rows.map((row) => ({
      name: row.name,
      ratio: row.ratioToBarePass.toFixed(1),
      "run ms": row.runMedianMs.toFixed(0),
      "reference ms": row.barePassMedianMs.toFixed(1),
    })),
  );
}

/** Peak resident memory of one run at this size, in a fresh process. */
function peakRssMB(mailboxes: number): number {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--child", String(mailboxes)],
    {
      encoding: "utf8",
    },
  );
  return Number(out.trim());
}

/**
 * Runs per second of the built CLI's `compare` (dist/, what users run; worker threads start
 * faster there than under tsx) with 1 and 2 threads: Libero at 100k mailboxes (6 strategies,
 * a fleet-wide multi-day outage in most runs) and the quickstart at 100k (node crashes only).
 */
export function runThroughputBench(): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), "maildrill-bench-"));
  const libero = join(dir, "libero-100k.yaml");
  writeFileSync(libero, stringify(liberoRaw(1e5)));
  const quickstartRaw = parse(readFileSync(QUICKSTART, "utf8"));
  quickstartRaw.fleet.mailboxes = 100_000;
  const quickstart = join(dir, "quickstart-100k.yaml");
  writeFileSync(quickstart, stringify(quickstartRaw));
  const cases = [
    { name: "libero 100k, 6 strategies × 8 runs", file: libero, runs: 8, totalRuns: 48 },
    { name: "quickstart 100k, 200 runs", file: quickstart, runs: 200, totalRuns: 200 },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    for (const threads of [1, 2]) {
      const startMs = performance.now();
      execFileSync(
        process.execPath,
        [CLI, "compare", c.file, "--runs", String(c.runs), "--threads", String(threads), "--json"],
        {
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      const meanMs = performance.now() - startMs;
      rows.push({
        name: `${c.name}, ${threads} thread${threads > 1 ? "s" : ""}`,
        eventsPerSec: (c.totalRuns * 1000) / meanMs,
        opsPerSec: 1000 / meanMs,
        meanMs,
        samples: 1,
      });
    }
  }
  return rows;
}

export function printThroughputRows(rows: BenchRow[]): void {
  console.table(
    rows.map((row) => ({
      name: row.name,
      "runs/s": (row.eventsPerSec ?? 0).toFixed(2),
      "wall s": (row.meanMs / 1000).toFixed(1),
    })),
  );
}

export function printScaleRows(rows: ScaleRow[]): void {
  console.table(
    rows.map((row) => ({
      name: row.name,
      "mean s": (row.meanMs / 1000).toFixed(2),
      "peak RSS MB": row.peakRssMB.toFixed(0),
      samples: row.samples,
    })),
  );
}

const entry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (entry && process.argv[2] === "--child") {
  runScenario(liberoAtScale(Number(process.argv[3])), { seed: "bench/rss", strategy: "big-bang" });
  console.log(process.resourceUsage().maxRSS / 1024);
} else if (entry && process.argv[2] === "--floor") {
  printFloorRows(runFloorBench());
} else if (entry) {
  printFloorRows(runFloorBench());
  printScaleRows(await runScaleBench());
  printThroughputRows(runThroughputBench());
}
