/**
 * `npm run bench`: every tinybench suite in turn — the engine's hold model, the samplers, the
 * Libero scale curve and compare's throughput by thread count — printed as tables, and
 * written whole to bench/results/latest.json (not committed). `npm run bench -- --compare
 * <file.json>` also prints each row's ratio against an earlier result file (the engine rows are
 * already ratios to a reference measured in the same run). Figures and the
 * machine they came from are recorded in docs/performance.md; nothing here asserts a speed.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../src/report/writeFileAtomic.js";
import { runDistributionBench } from "./distributions.bench.js";
import { type BenchRow, printHoldRows, printRows, runEngineBench } from "./engine.bench.js";
import {
  printFloorRows,
  printScaleRows,
  printThroughputRows,
  runFloorBench,
  runScaleBench,
  runThroughputBench,
} from "./libero.bench.js";

const compareIndex = process.argv.indexOf("--compare");
const earlierFile = compareIndex >= 0 ? process.argv[compareIndex + 1] : undefined;

const engine = runEngineBench();
console.log("Engine: classic hold model, alternating rounds against a plain binary heap");
printHoldRows(engine);
const distributions = await runDistributionBench();
console.log("Distributions");
printRows(distributions, "draws/s");
const floor = runFloorBench();
console.log("Libero 9M against the memory-bandwidth floor and against 1M (alternating rounds)");
printFloorRows(floor);
const scale = await runScaleBench();
console.log("Libero 2023, big-bang, one run");
printScaleRows(scale);
const throughput = runThroughputBench();
console.log("compare throughput (built CLI)");
printThroughputRows(throughput);

const latest = { engine, distributions, floor, scale, throughput };
const results = new URL("./results/", import.meta.url);
mkdirSync(results, { recursive: true });
writeFileAtomic(new URL("latest.json", results).pathname, `${JSON.stringify(latest, null, 2)}\n`);
console.log("written: bench/results/latest.json");

if (earlierFile !== undefined)
  printRatios({ distributions, scale, throughput }, JSON.parse(readFileSync(earlierFile, "utf8")));

/** Mean time of each row now over then (below 1: faster now), matched by suite and name. */
function printRatios(now: Record<string, BenchRow[]>, then: Record<string, BenchRow[] | undefined>): void {
  const rows: { suite: string; name: string; "then ms": string; "now ms": string; "now/then": string }[] = [];
  for (const [suite, nowRows] of Object.entries(now)) {
    for (const row of nowRows) {
      const old = then[suite]?.find((r) => r.name === row.name);
      if (old === undefined) continue;
      rows.push({
        suite,
        name: row.name,
        "then ms": old.meanMs.toFixed(2),
        "now ms": row.meanMs.toFixed(2),
        "now/then": (row.meanMs / old.meanMs).toFixed(3),
      });
    }
  }
  console.log(`Against ${earlierFile} (mean time now / then; below 1 is faster)`);
  console.table(rows);
}
