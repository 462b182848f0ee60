/**
 * runScenario: one run of one scenario with one seed — build the world, attach the
 * measurements, run to the horizon, return the result.
 *
 * Contract: the result depends only on (scenario, seed). It carries a `schemaVersion` so
 * that JSON consumers can tell formats apart (docs/json-schema.md).
 */

import type { RunMeasurements } from "../metrics/RunMeasurements.js";
import { RunRecorder } from "../metrics/RunRecorder.js";
import { estimateMemoryBytes } from "../model/estimateMemory.js";
import { type TraceSink, World } from "../model/World.js";
import { attachRollout, scenarioForStrategy } from "../rollout/startRollout.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { chooseStrategy } from "../scenario/strategies.js";
import { formatBytes } from "../scenario/units.js";

export const RESULT_SCHEMA_VERSION = 1;

/** Refuse runs estimated to need more than this unless the caller raises it. */
export const DEFAULT_MEMORY_LIMIT_BYTES = 8e9;

export interface RunHeader {
  scenario: string;
  /** The rollout strategy run; null for a scenario without a migration. */
  strategy: string | null;
  seed: string | number;
  horizonMs: number;
  mailboxes: number;
  placementGroups: number;
}

export interface RunResult {
  schemaVersion: number;
  run: RunHeader;
  measurements: RunMeasurements;
}

export interface RunOptions {
  seed?: string | number;
  /** A strategy name from the scenario (default: its `strategy`, else the first). */
  strategy?: string;
  trace?: TraceSink;
  memoryLimitBytes?: number;
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  checkMemory(scenario, options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES);
  const seed = options.seed ?? scenario.seed;
  const strategy = chooseStrategy(scenario, options.strategy);
  const world = new World(scenarioForStrategy(scenario, strategy), seed);
  const rollout = attachRollout(world, scenario, strategy);
  const p = world.placement;
  const recorder = new RunRecorder({
    horizonMs: scenario.horizon,
    timelineStepMs: scenario.timelineStep,
    mailboxes: world.fleet.count,
    loginsPerDayTotal: p.groupLoginsPerDay.reduce((a, b) => a + b, 0),
    groupCount: world.groupCount,
    initialGroupMailboxes: p.groupMailboxes,
    initialGroupLoginsPerDay: p.groupLoginsPerDay,
  });
  world.run(recorder, options.trace);
  const measurements: RunMeasurements = { ...recorder.finish(), bugs: world.bugDraws() };
  if (rollout) measurements.rollout = rollout.finish(world.endedAtMs);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    run: {
      scenario: scenario.name,
      strategy: strategy?.name ?? null,
      seed,
      horizonMs: scenario.horizon,
      mailboxes: world.fleet.count,
      placementGroups: world.groupCount,
    },
    measurements,
  };
}

function checkMemory(scenario: Scenario, limitBytes: number): void {
  const needBytes = estimateMemoryBytes(scenario);
  if (needBytes > limitBytes) {
    throw new InputError(
      `fleet.mailboxes: expected a fleet that fits in memory (limit ${formatBytes(limitBytes)}, raise it with --max-memory); found ${scenario.fleet.mailboxes.toLocaleString("en-US")} mailboxes needing about ${formatBytes(needBytes)}`,
    );
  }
}
