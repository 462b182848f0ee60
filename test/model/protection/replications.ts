/**
 * Independent replications of a validation fixture: load the scenario once, run it with the
 * seeds "<fixture seed>/0" … "<fixture seed>/(R−1)", and summarise a per-run figure by its
 * mean and standard error (docs/validation.md#estimators-and-standard-errors).
 */
import { fileURLToPath } from "node:url";
import { runScenario } from "../../../src/experiment/runScenario.js";
import type { RunMeasurements } from "../../../src/metrics/RunMeasurements.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";
import type { Scenario } from "../../../src/scenario/schema.js";

export const MS_PER_HOUR = 3_600_000;

export function loadValidationFixture(name: string): Scenario {
  return loadScenarioFile(fileURLToPath(new URL(`../../fixtures/validation/${name}`, import.meta.url)));
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

export function summarise(values: ArrayLike<number>): Summary {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  return { n, mean, sd, se: sd / Math.sqrt(n) };
}

/** Relative difference |x − ref|/|ref|, for comparing a computed reference with a printed one. */
export function relativeError(x: number, ref: number): number {
  return Math.abs(x - ref) / Math.abs(ref);
}
