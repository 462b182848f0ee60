/**
 * Turns the scenario's `protection` section into a ProtectionSpec plus the backend of each
 * shard. Without a `protection` section every mailbox has a single copy on the placement
 * backend (or the first backend), served directly by its slot.
 *
 * With a `migration`, every group has two shards: shard 0 on the source (present from the
 * start, serving) and shard 1 on the target (absent until the rollout copies the group
 * there). The `protection` section then only tunes failover, repair, scrubbing and groups.
 */
import type { Scenario } from "../../scenario/schema.js";
import type { ProtectionSpec } from "./ProtectionGroups.js";

/** Scrub interval when the scenario names none: 14 days (Bairavasundaram et al. 2007, docs/model.md#scenario-defaults). */
const DEFAULT_SCRUB_EVERY_MS = 14 * 24 * 3_600_000;

export interface ResolvedProtection {
  spec: ProtectionSpec;
  /** Backend name of each shard, in shard order. */
  shardBackends: string[];
  groups: number | undefined;
  /** Shard indices (within a group) that start absent. */
  absentShards: number[];
}

/** Within a migrating group: shard 0 is the source copy, shard 1 the target copy. */
export const SOURCE_SHARD = 0;
export const TARGET_SHARD = 1;

export function resolveProtection(scenario: Scenario): ResolvedProtection {
  const p = scenario.protection;
  const home = scenario.placement?.backend ?? Object.keys(scenario.backends)[0]!;
  const erasure = p?.erasure;
  const migration = scenario.migration;
  const shardBackends = migration
    ? [migration.from, migration.to]
    : erasure
      ? Array.from({ length: erasure.data + erasure.parity }, () => erasure.backend)
      : (p?.copies ?? [home]);
  const dataShards = erasure?.data ?? 1;
  const spec: ProtectionSpec = {
    shards: shardBackends.length,
    dataShards,
    quorum: p?.quorum ?? dataShards,
    replication: p?.replication ?? "sync",
    lagMs: p?.lag ?? 3000,
    failover: {
      detectionMs: p?.failover.detection ?? 120_000,
      mode: p?.failover.mode ?? "automatic",
      decision: p?.failover.decision ?? { kind: "deterministic", value: 0 },
    },
    operators: scenario.operators.count,
    repair: {
      concurrency: p?.repair.concurrency ?? "independent",
      ...(p?.repair.time ? { time: p.repair.time } : {}),
    },
    ...(p?.shardLoss ? { shardLossTtf: p.shardLoss.ttf } : {}),
    scrubEveryMs: p?.scrub?.every ?? DEFAULT_SCRUB_EVERY_MS,
  };
  return { spec, shardBackends, groups: p?.groups, absentShards: migration ? [TARGET_SHARD] : [] };
}
