/**
 * Engine benchmark: the classic hold model (Jones, 1986) on the event queue.
 *
 * The queue is filled to n pending events with exponential times (mean 1000 ms). Each
 * "hold" then pops the earliest event and pushes one at its time plus an exponential
 * increment (integer ms, priority 0), so the size stays n and every operation is one
 * simulated event: pop + push. Sizes 1e3 (a small model), 1e5 and 1e6 (a big one, where
 * the heap no longer fits in cache). A last row runs the same hold through `Simulation`
 * (handler dispatch, clock, validation) at n = 1e3.
 *
 * The increments are drawn once, before timing, into a ring of 2^16 values, so the figures
 * measure the queue rather than the random number generator. One tinybench iteration is
 * EVENTS_PER_ITERATION holds; events/s = EVENTS_PER_ITERATION / mean iteration time.
 *
 * Run alone: `npx tsx bench/engine.bench.ts` prints a table.
 */
import { pathToFileURL } from "node:url";
import { Bench, type Task } from "tinybench";
import { exponential } from "../src/engine/distributions.js";
import { EventQueue } from "../src/engine/EventQueue.js";
import { RandomStreams } from "../src/engine/RandomStreams.js";
import { Simulation } from "../src/engine/Simulation.js";

export interface BenchRow {
  name: string;
  /** Simulated events (or, for sampler rows, draws) per second of wall time. */
  eventsPerSec?: number;
  /** Task iterations per second: 1000 / meanMs. */
  opsPerSec: number;
  meanMs: number;
  samples: number;
}

const HOLD_SIZES = [1e3, 1e5, 1e6];
const EVENTS_PER_ITERATION = 100_000;
const MEAN_INCREMENT_MS = 1000;
const RING_BITS = 16;

/** Integer exponential increments, drawn once from a named stream. */
function incrementRing(): Float64Array {
  const rng = new RandomStreams("bench").get("hold/increments");
  const ring = new Float64Array(1 << RING_BITS);
  for (let i = 0; i < ring.length; i++) ring[i] = Math.round(exponential(rng, MEAN_INCREMENT_MS));
  return ring;
}

/** Initial event times: exponential (mean 1000 ms), integer. */
function initialTimes(size: number): Float64Array {
  const rng = new RandomStreams("bench").get("hold/initial");
  return Float64Array.from({ length: size }, () => Math.round(exponential(rng, MEAN_INCREMENT_MS)));
}

/** A queue holding `size` events, and one hold iteration over it. */
function holdOnQueue(size: number, ring: Float64Array): () => void {
  const queue = new EventQueue(size);
  const mask = ring.length - 1;
  let cursor = 0;
  for (const [i, timeMs] of initialTimes(size).entries()) queue.push(timeMs, 0, 0, i);
  return () => {
    for (let i = 0; i < EVENTS_PER_ITERATION; i++) {
      queue.pop();
      queue.push(queue.poppedTimeMs + ring[cursor++ & mask]!, 0, 0, queue.poppedArg);
    }
  };
}

/** The same hold through Simulation: each handler reschedules itself; stop() ends an iteration. */
function holdOnSimulation(size: number, ring: Float64Array): () => void {
  const sim = new Simulation();
  const mask = ring.length - 1;
  let cursor = 0;
  let handled = 0;
  const kind = sim.register("hold", (arg) => {
    sim.after(ring[cursor++ & mask]!, kind, arg);
    if (++handled === EVENTS_PER_ITERATION) {
      handled = 0;
      sim.stop();
    }
  });
  for (const [i, timeMs] of initialTimes(size).entries()) sim.at(timeMs, kind, i);
  return () => sim.run();
}

/** Converts a finished tinybench task; `eventsPerIteration` scales iterations to events. */
export function toRow(task: Task, eventsPerIteration?: number): BenchRow {
  const result = task.result;
  if (result.state !== "completed" && result.state !== "aborted-with-statistics") {
    throw new Error(`benchmark "${task.name}" did not complete: ${result.state}`);
  }
  const meanMs = result.latency.mean;
  const opsPerSec = 1000 / meanMs;
  return {
    name: task.name,
    ...(eventsPerIteration === undefined ? {} : { eventsPerSec: eventsPerIteration * opsPerSec }),
    opsPerSec,
    meanMs,
    samples: result.latency.samplesCount,
  };
}

export async function runEngineBench(timeMs = 2000): Promise<BenchRow[]> {
  const ring = incrementRing();
  const bench = new Bench({ name: "engine hold model", time: timeMs, warmupTime: 500, throws: true });
  for (const size of HOLD_SIZES) {
    bench.add(`EventQueue hold n=${size.toExponential(0)}`, holdOnQueue(size, ring));
  }
  bench.add("Simulation hold n=1e+3", holdOnSimulation(1e3, ring));
  await bench.run();
  return bench.tasks.map((task) => toRow(task, EVENTS_PER_ITERATION));
}

/** Prints rows as a table with human units. */
export function printRows(rows: BenchRow[], eventsLabel = "events/s"): void {
  console.table(
    rows.map((row) => ({
      name: row.name,
      [eventsLabel]: row.eventsPerSec === undefined ? "" : `${(row.eventsPerSec / 1e6).toFixed(2)} M`,
      "iterations/s": row.opsPerSec.toFixed(2),
      "mean ms": row.meanMs.toFixed(2),
      samples: row.samples,
    })),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows(await runEngineBench());
}
