/**
 * Sampler benchmark: the draws the model makes most (Poisson arrival counts at large means,
 * binomial splits of huge cohorts, lognormal sizes and rates).
 *
 * One tinybench iteration is DRAWS_PER_ITERATION draws from one named stream, so timer
 * overhead is negligible; a row's `eventsPerSec` is draws per second, the uniform generator
 * included (two Alea steps per uniform).
 *
 * Run alone: `npx tsx bench/distributions.bench.ts` prints a table.
 */
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import {
  binomial,
  type DistributionSpec,
  lognormal,
  poisson,
  sampleSpec,
} from "../src/engine/distributions.js";
import { RandomStreams, type Rng } from "../src/engine/RandomStreams.js";
import { type BenchRow, printRows, toRow } from "./engine.bench.js";

const DRAWS_PER_ITERATION = 10_000;

/** A task body drawing DRAWS_PER_ITERATION values; the sum keeps the work observable. */
function draws(draw: (rng: Rng) => number, streamName: string): () => void {
  const rng = new RandomStreams("bench").get(streamName);
  let sink = 0;
  return () => {
    for (let i = 0; i < DRAWS_PER_ITERATION; i++) sink += draw(rng);
    if (sink === -1) console.log(sink); // never true; stops the loop being optimised away
  };
}

export async function runDistributionBench(timeMs = 1000): Promise<BenchRow[]> {
  const sizes: DistributionSpec = { kind: "lognormal", median: 300e6, sigma: 1 };
  const bench = new Bench({ name: "samplers", time: timeMs, warmupTime: 300, throws: true });
  bench
    .add(
      "uniform (stream.next)",
      draws((rng) => rng.next(), "uniform"),
    )
    .add(
      "poisson mean 10",
      draws((rng) => poisson(rng, 10), "poisson/10"),
    )
    .add(
      "poisson mean 1e6",
      draws((rng) => poisson(rng, 1e6), "poisson/1e6"),
    )
    .add(
      "poisson mean 1e9",
      draws((rng) => poisson(rng, 1e9), "poisson/1e9"),
    )
    .add(
      "binomial n=1e9 p=1e-6",
      draws((rng) => binomial(rng, 1e9, 1e-6), "binomial"),
    )
    .add(
      "lognormal(mu 0, sigma 1)",
      draws((rng) => lognormal(rng, 0, 1), "lognormal"),
    )
    .add(
      "sampleSpec lognormal median/sigma",
      draws((rng) => sampleSpec(sizes, rng), "spec"),
    );
  await bench.run();
  return bench.tasks.map((task) => toRow(task, DRAWS_PER_ITERATION));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows(await runDistributionBench(), "draws/s");
}
