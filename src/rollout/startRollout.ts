/**
 * startRollout: the rollout layer's entry point. Given a scenario and the chosen strategy it
 * gives the world to build (the `cells` strategy reshapes the target) and, once the world
 * exists, attaches the driver that moves the mailboxes.
 */

import type { MigrationPort } from "../model/MigrationPort.js";
import { TARGET_SHARD } from "../model/protection/resolveProtection.js";
import type { StrategySpec } from "../scenario/rolloutSchema.js";
import type { Scenario } from "../scenario/schema.js";
import { cellTopology } from "./cellTopology.js";
import { compilePlan } from "./compilePlan.js";
import { Rollout } from "./Rollout.js";

export interface ChosenStrategy {
  readonly name: string;
  readonly spec: StrategySpec;
}

/** The scenario the world is built from under this strategy. */
export function scenarioForStrategy(scenario: Scenario, strategy: ChosenStrategy | undefined): Scenario {
  return strategy === undefined ? scenario : cellTopology(scenario, strategy.spec);
}

/** Attaches the rollout to a world built from `scenarioForStrategy`; undefined without a migration. */
export function attachRollout(
  world: MigrationPort,
  scenario: Scenario,
  strategy: ChosenStrategy | undefined,
  options: { ignoreGate?: string } = {},
): Rollout | undefined {
  const migration = scenario.migration;
  if (migration === undefined || strategy === undefined) return undefined;
  const shards = world.shardCount;
  const plan = compilePlan(strategy.spec, {
    groupCount: world.groupCount,
    groupMailboxes: (g) => world.groupMailboxes(g),
    targetCell: (g) => world.shardCluster(g * shards + TARGET_SHARD),
    targetNode: (g) => world.shardNode(g * shards + TARGET_SHARD),
  });
  return new Rollout(world, migration, plan, { name: strategy.name, kind: strategy.spec.kind }, options);
}
