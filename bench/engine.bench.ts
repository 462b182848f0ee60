/**
 * Engine benchmark: the classic hold model (Jones, 1986), each queue measured as a ratio to a
 * plain typed-array binary heap in the same process.
 *
 * A queue is filled to n pending events with exponential times (mean 1000 ms). Each "hold"
 * then pops the earliest event and pushes one at its time plus an exponential increment
 * (integer ms, priority 0), so the size stays n and every hold is one simulated event: pop
 * + push. Sizes 1e3 (a small model), 1e5 and 1e6 (a big one, where a heap no longer fits in
 * cache). Contestants: `PlainBinaryHeap` (the reference), `EventQueue` (4-ary heap, any
 * times), `MonotoneEventQueue` (radix heap, what `Simulation` runs on) and `Simulation`
 * itself (handler dispatch, clock, validation, on the monotone queue).
 *
 * Why rounds: the machine is shared, so absolute speed drifts by 2× within minutes. Every
 * round runs HOLDS_PER_ROUND holds on each contestant back to back, in an order that
 * rotates from round to round; a contestant's ratio in a round is the reference's time over
 * its own, and the report gives the median over rounds of each ratio and of events/s.
 * The increments are drawn once, before timing, into a ring of 2^16 values, so the figures
 * measure the queues rather than the random number generator. On a loaded machine,
 * `--cpu` times each round by the process's CPU time (`process.cpuUsage`) instead of the
 * wall clock, so time spent descheduled does not count (cache pollution by the other
 * processes still does).
 *
 * Run alone: `npx tsx bench/engine.bench.ts [--sizes 1e3,1e5] [--cpu]` prints the table.
 */
import { performance } from "node:perf_hooks";
import { cpuUsage } from "node:process";
import { pathToFileURL } from "node:url";
import type { Task } from "tinybench";
import { exponential } from "../src/engine/distributions.js";
import { EventQueue } from "../src/engine/EventQueue.js";
import { MonotoneEventQueue } from "../src/engine/MonotoneEventQueue.js";
import { RandomStreams } from "../src/engine/RandomStreams.js";
import { Simulation } from "../src/engine/Simulation.js";
import { PlainBinaryHeap } from "./PlainBinaryHeap.js";

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
const HOLDS_PER_ROUND = 200_000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 15;
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

/** One round of holds on a contestant (the closure keeps its own queue and ring cursor). */
type Hold = (holds: number) => void;

function holdOnPlainHeap(size: number, ring: Float64Array): Hold {
  const heap = new PlainBinaryHeap(size + 1);
  const mask = ring.length - 1;
  let cursor = 0;
  for (const [i, timeMs] of initialTimes(size).entries()) heap.push(timeMs, i);
  return (holds) => {
    for (let i = 0; i < holds; i++) {
      heap.pop();
      heap.push(heap.poppedTimeMs + ring[cursor++ & mask]!, heap.poppedArg);
    }
  };
}

/**
 * The hold loop over a maildrill queue. V8 keeps type feedback per function literal, so one
 * loop shared by `EventQueue` and `MonotoneEventQueue` sees two classes, its calls go
 * polymorphic and both read low. Each contestant therefore gets a copy compiled afresh from
 * this one source (`new Function`), which sees one class only, as a model's own loop would.
 */
const HOLD_LOOP_SOURCE = `
  const mask = ring.length - 1;
  for (let i = 0; i < holds; i++) {
    queue.pop();
    queue.push(queue.poppedTimeMs + ring[cursor++ & mask], 0, 0, queue.poppedArg);
  }
  return cursor;`;

type HoldLoop = (
  queue: EventQueue | MonotoneEventQueue,
  ring: Float64Array,
  cursor: number,
  holds: number,
) => number;

function holdOnQueue(queue: EventQueue | MonotoneEventQueue, size: number, ring: Float64Array): Hold {
  const loop = new Function("queue", "ring", "cursor", "holds", HOLD_LOOP_SOURCE) as HoldLoop;
  let cursor = 0;
  for (const [i, timeMs] of initialTimes(size).entries()) queue.push(timeMs, 0, 0, i);
  return (holds) => {
    cursor = loop(queue, ring, cursor, holds);
  };
}

/** The same hold through Simulation: each handler reschedules itself; stop() ends a round. */
function holdOnSimulation(size: number, ring: Float64Array): Hold {
  const sim = new Simulation();
  const mask = ring.length - 1;
  let cursor = 0;
  let left = 0;
  const kind = sim.register("hold", (arg) => {
    sim.after(ring[cursor++ & mask]!, kind, arg);
    if (--left === 0) sim.stop();
  });
  for (const [i, timeMs] of initialTimes(size).entries()) sim.at(timeMs, kind, i);
  return (holds) => {
    left = holds;
    sim.run();
  };
}

export interface HoldRow {
  name: string;
  size: number;
  /** Median over rounds of events (holds) per second. */
  eventsPerSec: number;
  /** Median over rounds of (reference time / this contestant's time): above 1 is faster. */
  ratioToPlainHeap: number;
}

/** The median of a non-empty list (the bench's summary of its rounds). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Alternating rounds at each size; see the header. */
/** Seconds of wall time, or of this process's CPU time (user + system). */
function wallSec(): number {
  return performance.now() / 1000;
}
function cpuSec(): number {
  const { user, system } = cpuUsage();
  return (user + system) / 1e6;
}

export function runEngineBench(rounds = ROUNDS, sizes = HOLD_SIZES, clock = wallSec): HoldRow[] {
  const ring = incrementRing();
  const rows: HoldRow[] = [];
  for (const size of sizes) {
    const contestants: [string, Hold][] = [
      ["plain binary heap", holdOnPlainHeap(size, ring)],
      ["EventQueue (4-ary)", holdOnQueue(new EventQueue(size), size, ring)],
      ["MonotoneEventQueue", holdOnQueue(new MonotoneEventQueue(), size, ring)],
      ["Simulation", holdOnSimulation(size, ring)],
    ];
    const seconds: number[][] = contestants.map(() => []);
    for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      for (let turn = 0; turn < contestants.length; turn++) {
        const index = (turn + round) % contestants.length;
        const started = clock();
        contestants[index]![1](HOLDS_PER_ROUND);
        const elapsedSec = clock() - started;
        if (round >= WARMUP_ROUNDS) seconds[index]!.push(elapsedSec);
      }
    }
    const reference = seconds[0]!;
    contestants.forEach(([name], index) => {
      rows.push({
        name,
        size,
        eventsPerSec: median(seconds[index]!.map((s) => HOLDS_PER_ROUND / s)),
        ratioToPlainHeap: median(seconds[index]!.map((s, round) => reference[round]! / s)),
      });
    });
  }
  return rows;
}

export function printHoldRows(rows: HoldRow[]): void {
  console.table(
    rows.map((row) => ({
      name: row.name,
      n: row.size.toExponential(0),
      "events/s": `${(row.eventsPerSec / 1e6).toFixed(2)} M`,
      "× plain heap": row.ratioToPlainHeap.toFixed(2),
    })),
  );
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
  // `--sizes 1e3` (comma-separated) measures only those sizes, e.g. for a quick A/B at 1e3.
  const at = process.argv.indexOf("--sizes");
  const sizes = at < 0 ? HOLD_SIZES : process.argv[at + 1]!.split(",").map(Number);
  printHoldRows(runEngineBench(ROUNDS, sizes, process.argv.includes("--cpu") ? cpuSec : wallSec));
}
