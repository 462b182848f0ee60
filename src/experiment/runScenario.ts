/**
 * runScenario: one run of one scenario with one seed — compile the scenario (under the
 * chosen strategy) into a world spec, build the world with the measurements attached, attach
 * the rollout, run to the horizon, return the result.
 *
 * Contract: the result depends only on (scenario, seed). It carries a `schemaVersion` so
 * that JSON consumers can tell formats apart (docs/model.md#measurements-per-run).
 */

import { RandomStreams } from "../engine/RandomStreams.js";
import { EventLimitReached } from "../engine/Simulation.js";
import { type RunCost, runCost } from "../metrics/costs.js";
import type { JudgedDecision } from "../metrics/gateJudge.js";
import type { RunMeasurements } from "../metrics/RunMeasurements.js";
import { RunRecorder, type RunRecorderOptions } from "../metrics/RunRecorder.js";
import { teeObservers } from "../metrics/teeObservers.js";
import { compileWorldSpec } from "../model/compileWorldSpec.js";
import { estimateMemoryBytes } from "../model/estimateMemory.js";
import { estimateWork } from "../model/estimateWork.js";
import { Fleet } from "../model/Fleet.js";
import { type BiasSettings, FailureBiasing } from "../model/faults/FailureBiasing.js";
import { Placement } from "../model/Placement.js";
import { type TraceSink, World } from "../model/World.js";
import type { WorldObserver } from "../model/WorldObserver.js";
import type { Rollout } from "../rollout/Rollout.js";
import { attachRollout, scenarioForStrategy } from "../rollout/startRollout.js";
import type { CostsSpec } from "../scenario/costsSchema.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { chooseStrategy } from "../scenario/strategies.js";
import { formatBytes, formatDurationMs } from "../scenario/units.js";
import { scenarioOfVariant } from "../scenario/variantScenarios.js";
import { traceHeader } from "./traceHeader.js";

/** The version of `RunResult`'s JSON shape; raised on any incompatible change. */
export const RESULT_SCHEMA_VERSION = 1;

/** Refuse runs estimated to need more than this unless the caller raises it. */
export const DEFAULT_MEMORY_LIMIT_BYTES = 8e9;

/**
 * Refuse runs estimated to need more events than this (estimateWork.ts). At the engine's few
 * million events a second, a billion is several minutes of one core: past any scenario the
 * shipped ones resemble, and the point where a typo such as `every: 1ms` shows.
 */
const MAX_ESTIMATED_EVENTS = 1e9;

/** Which run a result is: scenario, strategy, seed, horizon and size. */
export interface RunHeader {
  scenario: string;
  /** The rollout strategy run; null for a scenario without a migration. */
  strategy: string | null;
  seed: string | number;
  horizonMs: number;
  mailboxes: number;
  placementGroups: number;
  /** The variant run (only when one was asked for). */
  variant?: string;
}

/** What `runScenario` returns and `maildrill run --json` prints. */
export interface RunResult {
  schemaVersion: number;
  run: RunHeader;
  measurements: RunMeasurements;
  /** Biased runs only (`maildrill estimate`): ln of the run's likelihood ratio, ln Π f/g. */
  logLikelihoodRatio?: number;
  /** With `judgeGates` and a strategy with gates: each gate decision with its ground truth. */
  gates?: JudgedDecision[];
}

/** Options of `runScenario`; every field has a default. */
export interface RunOptions {
  seed?: string | number;
  /** A strategy name from the scenario (default: its `strategy`, else the first). */
  strategy?: string;
  trace?: TraceSink;
  memoryLimitBytes?: number;
  /** Draw the failure clocks biased (docs/model.md#rare-events-by-importance-sampling). */
  bias?: BiasSettings;
  /** A hard stop: the run ends with an InputError after this many events (default: no limit). */
  maxEvents?: number;
  /** Another observer of the run (e.g. a TimelineRecorder), built from what the recorder is given. */
  observer?: (setup: RunRecorderOptions) => WorldObserver;
  /**
   * Wraps everything the world reports to (the recorder and `observer`), so a wrapper hears
   * each report first: the test checkers, which fail fast with their own name, and the bugs
   * the checker tests plant. A wrapper that only listens cannot change the result.
   */
  wrapObserver?: (observers: WorldObserver) => WorldObserver;
  /** One of the scenario's `variants` (default: the scenario as written). */
  variant?: string;
  /**
   * Also give each gate decision with its ground truth (`RunResult.gates`), making the run with
   * that gate ignored where it did not promote (docs/experiments.md#judging-the-gates).
   */
  judgeGates?: boolean;
  /** The gate (`steps[i]`, `cells[k]`, `background`) that decides but is not obeyed: a ground-truth run. */
  ignoreGate?: string;
}

/**
 * Runs a scenario once with one seed and returns its measurements. The result depends only on
 * (scenario, seed, strategy, variant): the same arguments give a byte-identical JSON result.
 */
export function runScenario(asWritten: Scenario, options: RunOptions = {}): RunResult {
  const { result, rollout, scenario } = simulate(asWritten, options);
  if (options.judgeGates !== true || rollout === undefined || rollout.gateDecisions.length === 0)
    return result;
  return { ...result, gates: judgedDecisions(asWritten, options, rollout, scenario.migration!.start) };
}

/** One run, with the rollout it drove (for the judge) and the scenario of its variant. */
function simulate(
  asWritten: Scenario,
  options: RunOptions,
): { result: RunResult; rollout: Rollout | undefined; scenario: Scenario } {
  const scenario = scenarioOfVariant(asWritten, options.variant);
  checkMemory(scenario, options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES);
  checkWork(scenario);
  const seed = options.seed ?? scenario.seed;
  const strategy = chooseStrategy(scenario, options.strategy);
  const spec = compileWorldSpec(scenarioForStrategy(scenario, strategy));
  checkGroupCount(scenario, spec.groupCount);
  const fleet = sharedFleet(scenario, seed);
  const p = new Placement(fleet, spec.groupCount);
  const biasing = options.bias ? new FailureBiasing(options.bias, scenario.horizon) : undefined;
  const setup: RunRecorderOptions = {
    horizonMs: scenario.horizon,
    timelineStepMs: scenario.timelineStep,
    mailboxes: fleet.count,
    loginsPerDayTotal: p.groupLoginsPerDay.reduce((a, b) => a + b, 0),
    groupCount: p.groupCount,
    initialGroupMailboxes: p.groupMailboxes,
    initialGroupLoginsPerDay: p.groupLoginsPerDay,
  };
  const recorder = new RunRecorder(setup);
  const extra = options.observer?.(setup);
  const observers = extra === undefined ? recorder : teeObservers(recorder, extra);
  const observer = options.wrapObserver?.(observers) ?? observers;
  const world = new World(spec, seed, { observer, trace: options.trace, fleet, placement: p, biasing });
  const rollout = attachRollout(
    world,
    scenario,
    strategy,
    options.ignoreGate !== undefined ? { ignoreGate: options.ignoreGate } : {},
  );
  if (options.maxEvents !== undefined) world.sim.limitEvents(options.maxEvents);
  const run: RunHeader = {
    scenario: scenario.name,
    strategy: strategy?.name ?? null,
    seed,
    horizonMs: scenario.horizon,
    mailboxes: world.fleet.count,
    placementGroups: world.groupCount,
    ...(options.variant !== undefined ? { variant: options.variant } : {}),
  };
  // A trace opens with its header: format, version and which run (traceHeader.ts).
  options.trace?.(traceHeader(run));
  try {
    world.run();
  } catch (error) {
    if (!(error instanceof EventLimitReached)) throw error;
    throw new InputError(
      `--max-events: the run stopped after ${error.events.toLocaleString("en-US")} events at ${formatDurationMs(error.atMs)} of ${formatDurationMs(scenario.horizon)} simulated (raise --max-events, or shorten the horizon)`,
    );
  }
  biasing?.closeAt(world.endedAtMs);
  const measurements: RunMeasurements = { ...recorder.finish(), bugs: world.bugDraws() };
  checkExactCounts(measurements.ledger.arrived);
  if (rollout) measurements.rollout = rollout.finish(world.endedAtMs);
  if (scenario.costs) measurements.cost = priceRun(scenario.costs, measurements, world.operatorHours());
  const result: RunResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    run,
    measurements,
    ...(biasing ? { logLikelihoodRatio: biasing.ratio.log } : {}),
  };
  return { result, rollout, scenario };
}

/**
 * Each gate decision of a run with its ground truth (docs/experiments.md#judging-the-gates):
 * the first incident on the target cohort, at or after the decision's window start (the
 * previous decision, or the migration start), in the run where that gate is ignored. A gate
 * that promoted was ignored in effect, so this run is that run; for one that aborted or held,
 * the same scenario, variant and seed is run again with that gate deciding but not obeyed —
 * deterministic like any run, and sharing every draw up to that decision.
 */
function judgedDecisions(
  asWritten: Scenario,
  options: RunOptions,
  rollout: Rollout,
  migrationStartMs: number,
): JudgedDecision[] {
  const firstFrom = (times: readonly number[], fromMs: number) => times.find((t) => t >= fromMs) ?? null;
  const ignoring = (gate: string) => {
    const { seed, strategy, variant, memoryLimitBytes } = options;
    const twin = { seed, strategy, variant, memoryLimitBytes, ignoreGate: gate };
    return simulate(asWritten, twin).rollout!.incidentTimesMs;
  };
  return rollout.gateDecisions.map((d, k, all) => {
    const windowStartMs = k === 0 ? migrationStartMs : all[k - 1]!.atMs;
    const shadowRun = d.decision !== "promoted";
    const times = shadowRun ? ignoring(d.gate) : rollout.incidentTimesMs;
    return { ...d, windowStartMs, troubleAtMs: firstFrom(times, windowStartMs), shadowRun };
  });
}

/** The run's cost from its own figures (src/metrics/costs.ts). */
function priceRun(prices: CostsSpec, m: RunMeasurements, operatorHours: number): RunCost {
  return runCost(prices, {
    mailboxHoursDown: m.availability.mailboxHoursDown,
    bounced: m.ledger.bounced,
    silentlyLost: m.ledger.silentlyLost,
    extraStorageTBDays: m.rollout?.extraStorageTBDays ?? 0,
    // A prefill's synthetic writes are charged as copying: bytes written onto the target.
    copiedBytes:
      (m.rollout?.copiedBytes ?? 0) + (m.rollout?.rollbackBytes ?? 0) + (m.rollout?.prefillBytes ?? 0),
    operatorHours,
  });
}

/**
 * The last fleet drawn, kept for the next run: strategies compared on one seed share their
 * fleet (common random numbers), and drawing 9 million mailboxes costs seconds. The fleet is
 * read-only and a pure function of (fleet section, seed), so reuse cannot change a result.
 */
let lastFleet: { key: string; fleet: Fleet } | undefined;

function sharedFleet(scenario: Scenario, seed: string | number): Fleet {
  const key = `${String(seed)}\u0000${JSON.stringify(scenario.fleet)}`;
  if (lastFleet?.key !== key) lastFleet = { key, fleet: new Fleet(scenario.fleet, new RandomStreams(seed)) };
  return lastFleet.fleet;
}

function checkMemory(scenario: Scenario, limitBytes: number): void {
  const needBytes = estimateMemoryBytes(scenario);
  if (needBytes > limitBytes) {
    throw new InputError(
      `fleet.mailboxes: expected a fleet that fits in memory (limit ${formatBytes(limitBytes)}, raise it with --max-memory); found ${scenario.fleet.mailboxes.toLocaleString("en-US")} mailboxes needing about ${formatBytes(needBytes)}`,
    );
  }
}

/** Above this many groups, more groups than mailboxes is refused even when it is the default. */
const MANY_GROUPS = 100_000;

/**
 * By default a scenario has one protection group per slot of its home backend. Far more
 * groups than mailboxes are only empty groups, each with its own repairs and restores: 2,000
 * clusters made 1.2 M groups for 5,000 mailboxes, which took 24 s and 1.6 GB (the fuzzer
 * found it). An explicit `protection.groups` is held to the mailboxes by the scenario checks.
 */
function checkGroupCount(scenario: Scenario, groups: number): void {
  const mailboxes = scenario.fleet.mailboxes;
  if (scenario.protection?.groups !== undefined || groups <= MANY_GROUPS || groups <= mailboxes) return;
  throw new InputError(
    `protection.groups: expected at most one group per mailbox (${mailboxes.toLocaleString("en-US")}); found none set, so one per slot of the home backend: ${groups.toLocaleString("en-US")} (set protection.groups)`,
  );
}

function checkWork(scenario: Scenario): void {
  const work = estimateWork(scenario);
  if (work.fieldEvents === Number.POSITIVE_INFINITY) {
    throw new InputError(
      `${work.field}: expected a mean time greater than zero (a process that recurs at once never lets time move); found 0`,
    );
  }
  if (!(work.events <= MAX_ESTIMATED_EVENTS)) {
    throw new InputError(
      `${work.field}: expected a schedule of at most ${MAX_ESTIMATED_EVENTS.toExponential()} events over the horizon; found about ${work.fieldEvents.toExponential(1)} events from this field (${work.events.toExponential(1)} in all)`,
    );
  }
}

/**
 * Message counts are exact only below 2^53; the scenario check refuses volumes expected
 * beyond 2^50, and this catches the rare draw that still went past, rather than print a
 * ledger that does not add up.
 */
function checkExactCounts(arrived: number): void {
  if (!Number.isSafeInteger(arrived)) {
    throw new InputError(
      `fleet.inboundPerDay: expected at most 2^53 messages in a run (counts beyond are not exact); found ${arrived.toExponential(2)}`,
    );
  }
}
