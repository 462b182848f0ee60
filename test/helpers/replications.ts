/**
 * Independent replications of a validation fixture: load the scenario once, run it with the
 * seeds "<fixture seed>/0" … "<fixture seed>/(R−1)", and summarise a per-run figure by its
 * mean and standard error (docs/validation.md#estimators-and-standard-errors).
 */
import { runScenario } from "../../src/experiment/runScenario.js";
import type { RunMeasurements } from "../../src/metrics/RunMeasurements.js";
import { mean, sampleSd } from "../../src/metrics/statistics.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { loadFixture } from "./fixtures.js";

export const MS_PER_HOUR = 3_600_000;

export function loadValidationFixture(name: string): Scenario {
  return loadFixture(`validation/${name}`);
}

/** The seed of replication `i` of a fixture: recorded, so any run can be replayed alone. */
function replicationSeed(scenario: Scenario, i: number): string {
  return `${scenario.seed}/${i}`;
}

/** Runs `runs` replications in seed order, handing each run's measurements to `visit`. */
export function forEachReplication(
  scenario: Scenario,
  runs: number,
  visit: (m: RunMeasurements, i: number) => void,
): void {
  for (let i = 0; i < runs; i++) {
    visit(runScenario(scenario, { seed: replicationSeed(scenario, i) }).measurements, i);
  }
}

/** Runs `runs` replications and returns `pick(measurements)` of each, in seed order. */
export function replicate(
  scenario: Scenario,
  runs: number,
  pick: (m: RunMeasurements) => number,
): Float64Array {
  const out = new Float64Array(runs);
  forEachReplication(scenario, runs, (m, i) => {
    out[i] = pick(m);
  });
  return out;
}

interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1). */
  sd: number;
  /** Standard error of the mean, sd/√n. */
  se: number;
}

/** Mean, sample SD and standard error of per-run figures, by src/metrics (the statistics compare uses). */
export function summarise(values: ArrayLike<number>): Summary {
  const list = Array.from(values);
  const sd = sampleSd(list);
  return { n: list.length, mean: mean(list), sd, se: sd / Math.sqrt(list.length) };
}

/** Relative difference |x − ref|/|ref|, for comparing a computed reference with a printed one. */
export function relativeError(x: number, ref: number): number {
  return Math.abs(x - ref) / Math.abs(ref);
}
