/**
 * searchFaultSchedules: the engine of `maildrill check` — fast-check draws fault schedules
 * within the scenario's fault model, each schedule is appended to the scenario's explicit
 * faults and run with `runScenario`, and the run result is judged by the properties. On a
 * violation fast-check shrinks the schedule toward fewer, later, smaller faults.
 *
 * Determinism: the search is fast-check's, seeded from `seed` (default: derived from the
 * scenario's seed), and each run depends only on the scenario and its schedule, so the same
 * inputs give the same search. The one wall-clock input is `timeLimitMs`: it only decides
 * when to stop searching, and an outcome cut short by it says `interrupted`.
 *
 * Runs are memoised by schedule: shrinking often revisits a schedule (a draft field that the
 * drawn kind does not use), and a run is a pure function of it.
 */
import fc from "fast-check";
import { InputError } from "../../scenario/InputError.js";
import type { Scenario } from "../../scenario/schema.js";
import { type RunResult, runScenario } from "../runScenario.js";
import { type FaultModel, faultModelOf } from "./FaultModel.js";
import type { FaultSchedule } from "./FaultSchedule.js";
import { faultScheduleArbitrary } from "./faultScheduleArbitrary.js";
import type { RunProperty } from "./propertyCatalogue.js";
import { withFaults } from "./withFaults.js";

/** Schedules a search tries when none fails, unless asked otherwise. */
export const DEFAULT_CHECK_RUNS = 100;

/** Options of `searchFaultSchedules`: the properties to hold, and how long to search. */
export interface SearchOptions {
  readonly properties: readonly RunProperty[];
  /** Schedules to try when none fails (fast-check's numRuns). */
  readonly numRuns?: number;
  /** Stop searching (and shrinking) after this much wall-clock time; the outcome says interrupted. */
  readonly timeLimitMs?: number;
  /** fast-check's seed; default: derived from the scenario's seed. */
  readonly seed?: number;
  /** fast-check's path of a counterexample, to replay it from `seed` without searching. */
  readonly path?: string;
  /** Default: the scenario's own (`check.faults`, or its defaults). */
  readonly model?: FaultModel;
  readonly memoryLimitBytes?: number;
}

/** A property that did not hold, and why when the property or the run threw. */
export interface Violation {
  readonly property: string;
  /** The message of an exception thrown by the property or the run, if any. */
  readonly reason?: string;
}

/** What a search found: how much it tried, and the smallest counterexample if any. */
export interface SearchOutcome {
  /** Schedules fast-check tried before stopping (the failing one included). */
  readonly schedulesTried: number;
  /** Successful shrinking steps from the first failing schedule to the one reported. */
  readonly shrinks: number;
  /** Distinct schedules actually simulated (shrinking revisits some). */
  readonly simulations: number;
  /** The time limit stopped the search (or its shrinking) early. */
  readonly interrupted: boolean;
  readonly seed: number;
  /** Present on a violation: the smallest failing schedule found, and what it broke. */
  readonly counterexample?: {
    readonly schedule: FaultSchedule;
    readonly violations: readonly Violation[];
    readonly result: RunResult;
    /** fast-check's path to it from `seed`. */
    readonly path: string;
  };
}

/**
 * Searches the scenario's fault model for a schedule under which a property fails, and shrinks the
 * first one found to the smallest (docs/check.md). Deterministic for a given seed and fast-check version.
 */
export function searchFaultSchedules(scenario: Scenario, options: SearchOptions): SearchOutcome {
  const model = options.model ?? faultModelOf(scenario);
  const seed = options.seed ?? checkSeedOf(scenario.seed);
  const judge = memoisedJudge(scenario, options);
  // A run the scenario cannot make (too big for memory) is bad input, not a counterexample: find out first.
  judge([]);
  const property: fc.IProperty<[FaultSchedule]> = fc.property(
    faultScheduleArbitrary(model),
    (schedule) => judge(schedule).length === 0,
  );
  const parameters: fc.Parameters<[FaultSchedule]> = {
    seed,
    numRuns: options.numRuns ?? DEFAULT_CHECK_RUNS,
    ...(options.path !== undefined ? { path: options.path } : {}),
    // The parameter, not the newer plugin of the same name: fast-check is a peer dependency
    // (^3 || ^4), and only the parameter exists in both majors.
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  };
  const details = fc.check(property, parameters);
  const outcome = {
    schedulesTried: details.numRuns,
    shrinks: details.numShrinks,
    simulations: judge.simulations(),
    interrupted: details.interrupted,
    seed,
  };
  if (!details.failed || details.counterexample === null) return outcome;
  const [schedule] = details.counterexample;
  return {
    ...outcome,
    counterexample: {
      schedule,
      violations: judge(schedule),
      result: runWith(scenario, schedule, options),
      path: details.counterexamplePath ?? "",
    },
  };
}

/** The schedule's violations (none: every property holds), each schedule simulated once. */
function memoisedJudge(scenario: Scenario, options: SearchOptions) {
  const seen = new Map<string, Violation[]>();
  const judge = (schedule: FaultSchedule): Violation[] => {
    const key = JSON.stringify(schedule);
    let violations = seen.get(key);
    if (violations === undefined) {
      violations = violationsOf(scenario, schedule, options);
      seen.set(key, violations);
    }
    return violations;
  };
  return Object.assign(judge, { simulations: () => seen.size });
}

function violationsOf(scenario: Scenario, schedule: FaultSchedule, options: SearchOptions): Violation[] {
  let result: RunResult;
  try {
    result = runWith(scenario, schedule, options);
  } catch (error) {
    // Bad input stops the search; anything else the model throws is a failure to shrink and show.
    if (error instanceof InputError) throw error;
    return [{ property: "run-completes", reason: messageOf(error) }];
  }
  const violations: Violation[] = [];
  for (const property of options.properties) {
    try {
      if (property.holds(result) === false) violations.push({ property: property.name });
    } catch (error) {
      violations.push({ property: property.name, reason: messageOf(error) });
    }
  }
  return violations;
}

function runWith(scenario: Scenario, schedule: FaultSchedule, options: SearchOptions): RunResult {
  return runScenario(
    withFaults(scenario, schedule),
    options.memoryLimitBytes !== undefined ? { memoryLimitBytes: options.memoryLimitBytes } : {},
  );
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
}

/** fast-check's 32-bit seed from the scenario's seed: the number itself, or a hash of the word. */
export function checkSeedOf(scenarioSeed: string | number): number {
  if (typeof scenarioSeed === "number") return scenarioSeed | 0;
  // FNV-1a, 32 bits: stable across platforms and Node versions.
  let hash = 0x811c9dc5;
  for (const char of scenarioSeed) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
