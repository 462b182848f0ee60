/**
 * `npm run bench`: every tinybench suite in turn — the engine's hold model and the samplers —
 * printed as tables, and written whole to bench/results/latest.json (not committed) so a
 * later run can be compared against it. Figures and the machine they came from are recorded
 * in docs/performance.md; nothing here asserts a speed.
 */
import { mkdirSync } from "node:fs";
import { writeFileAtomic } from "../src/report/writeFileAtomic.js";
import { runDistributionBench } from "./distributions.bench.js";
import { printRows, runEngineBench } from "./engine.bench.js";

const engine = await runEngineBench();
console.log("Engine: classic hold model");
printRows(engine);
const distributions = await runDistributionBench();
console.log("Distributions");
printRows(distributions, "draws/s");

const results = new URL("./results/", import.meta.url);
mkdirSync(results, { recursive: true });
writeFileAtomic(
  new URL("latest.json", results).pathname,
  `${JSON.stringify({ engine, distributions }, null, 2)}\n`,
);
console.log("written: bench/results/latest.json");
