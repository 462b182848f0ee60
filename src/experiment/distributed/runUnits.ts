/**
 * The road every run of compare and sweep takes when a cache, a shard or Redis is in play:
 * key each run (cache/unitKey.ts), take the ones already done from the run cache, run the
 * rest — here (the thread pool), on Redis workers, or only this shard's share — writing each
 * to the cache the moment it finishes, and hand back every run's figures in their places.
 *
 * Because a run's figures depend only on its key's inputs, where and when it ran cannot show
 * in the result: figures are placed by (group, index), never by arrival, so a resumed, merged
 * or distributed experiment is byte-identical to one run start to finish in one thread, and a
 * run found in the cache is never run (or counted) again.
 *
 * Contract: with `merge`, nothing runs: every run must be in one of the caches, else an
 * InputError names the missing ones (and their shards, when the shards left manifests).
 * With `shard`, only the shard's share runs and `ShardFinished` is thrown at the end.
 * Progress counts runs found plus runs done, out of all the experiment's runs (the shard's).
 * With `onPicture` (--html) nothing is read from the cache, since it keeps no timelines; the
 * command line refuses --html with Redis, shards or merge for the same reason.
 */
import type { RunFigures } from "../../metrics/runFigures.js";
import { InputError } from "../../scenario/InputError.js";
import type { RunCache } from "../cache/RunCache.js";
import { pluginDigests, scenarioDigest, unitKey } from "../cache/unitKey.js";
import type { RunJob } from "../runBatch.js";
import type { JobGroup, PoolOptions } from "../runPool.js";
import { type RedisRunOptions, runOnRedis } from "./runOnRedis.js";
import { inShard, ShardFinished, type ShardSpec, writeShardManifest } from "./shards.js";

export interface UnitOptions {
  /** maildrill's code identity (version and code digest): part of every key, so other code never reuses these runs. */
  version: string;
  /** Where finished runs are found and written. */
  cache?: RunCache;
  /** Assemble from these caches only; run nothing. `shards`: the manifests found in them. */
  merge?: { caches: readonly RunCache[]; shards: readonly ShardSpec[] };
  /** Run only this shard's share, into `cache`. */
  shard?: ShardSpec;
  /** Send the runs to BullMQ workers on this Redis instead of running them here. */
  redis?: RedisRunOptions;
}

/** One run of the experiment, where its figures go, and how to name it to a person. */
export interface Unit {
  key: string;
  group: number;
  index: number;
  scenario: JobGroup["scenario"];
  job: RunJob;
  /** e.g. "canary on seed 7/3", "point 2, dual-write on seed 7/1", "seed 7/2". */
  label: string;
  /** The sweep point's number (from 1) when the groups are different scenarios. */
  point: number | undefined;
  /** The shard slice it belongs to (shards.ts). */
  slice: number;
}

type LocalRunner = (groups: readonly JobGroup[], options: PoolOptions) => Promise<RunFigures[][]>;

export async function runUnits(
  groups: readonly JobGroup[],
  options: PoolOptions,
  unitOptions: UnitOptions,
  runLocally: LocalRunner,
): Promise<RunFigures[][]> {
  const units = listUnits(groups, options, unitOptions);
  const results = groups.map((g) => new Array<RunFigures>(g.jobs.length));
  // A cached run keeps its figures, not its timeline: when pictures are asked for (--html)
  // every run is done again (and still cached).
  const cached = options.onPicture === undefined && unitOptions.cache ? [unitOptions.cache] : [];
  const readFrom = unitOptions.merge?.caches ?? cached;
  const shard = unitOptions.shard;
  const ours = shard === undefined ? units : units.filter((u) => inShard(u.slice, shard));
  const missing: Unit[] = [];
  for (const unit of ours) {
    const figures = findFigures(readFrom, unit.key);
    if (figures === undefined) missing.push(unit);
    else results[unit.group]![unit.index] = figures;
  }
  if (unitOptions.merge !== undefined && missing.length > 0)
    throw new InputError(missingRunsMessage(missing, units.length, unitOptions.merge.shards));
  let done = ours.length - missing.length;
  options.onProgress?.(done, ours.length);
  const record = (unit: Unit, figures: RunFigures) => {
    results[unit.group]![unit.index] = figures;
    unitOptions.cache?.put(unit.key, unit.label, figures);
    done++;
    options.onProgress?.(done, ours.length);
  };
  if (missing.length > 0) {
    if (unitOptions.redis !== undefined) await runOnRedis(missing, options, unitOptions, record);
    else await runMissingHere(missing, groups, options, runLocally, record);
  }
  if (shard !== undefined) {
    const cache = unitOptions.cache!;
    writeShardManifest(cache, shard, ours.length);
    throw new ShardFinished(shard, cache.dir, ours.length, ours.length - missing.length);
  }
  return results;
}

function listUnits(groups: readonly JobGroup[], options: PoolOptions, unitOptions: UnitOptions): Unit[] {
  const plugins = pluginDigests(options.plugins ?? []);
  const points = groups.some((g) => g.scenario !== groups[0]?.scenario);
  const units: Unit[] = [];
  groups.forEach((g, group) => {
    const digest = scenarioDigest(g.scenario);
    g.jobs.forEach((job, index) => {
      const key = unitKey({
        version: unitOptions.version,
        scenarioDigest: digest,
        strategy: job.strategy,
        variant: job.variant,
        seed: job.seed,
        pluginDigests: plugins,
      });
      const run = job.strategy !== undefined ? `${job.strategy} on seed ${job.seed}` : `seed ${job.seed}`;
      const what = job.variant !== undefined ? `variant ${job.variant}, ${run}` : run;
      const point = points ? group + 1 : undefined;
      const label = point !== undefined ? `point ${point}, ${what}` : what;
      const slice = options.wholeGroups ? group : units.length;
      units.push({ key, group, index, scenario: g.scenario, job, label, point, slice });
    });
  });
  return units;
}

function findFigures(caches: readonly RunCache[], key: string): RunFigures | undefined {
  for (const cache of caches) {
    const figures = cache.get(key);
    if (figures !== undefined) return figures;
  }
  return undefined;
}

/** The missing runs regrouped by scenario, through the thread pool, each recorded as it comes back. */
async function runMissingHere(
  missing: readonly Unit[],
  groups: readonly JobGroup[],
  options: PoolOptions,
  runLocally: LocalRunner,
  record: (unit: Unit, figures: RunFigures) => void,
): Promise<void> {
  const byGroup = new Map<number, Unit[]>();
  for (const unit of missing) byGroup.set(unit.group, [...(byGroup.get(unit.group) ?? []), unit]);
  const regrouped = [...byGroup.values()];
  await runLocally(
    regrouped.map((us) => ({ scenario: groups[us[0]!.group]!.scenario, jobs: us.map((u) => u.job) })),
    {
      ...options,
      units: undefined,
      onProgress: undefined,
      onRun: (group, index, figures) => record(regrouped[group]![index]!, figures),
      ...(options.onPicture !== undefined
        ? {
            onPicture: (group, job, picture) => options.onPicture!(regrouped[group]![0]!.group, job, picture),
          }
        : {}),
    },
  );
}

const LISTED_AT_MOST = 8;

function missingRunsMessage(missing: readonly Unit[], total: number, shards: readonly ShardSpec[]): string {
  const count = shards[0]?.count;
  const sameCount = count !== undefined && shards.every((s) => s.count === count);
  let where = "";
  if (sameCount) {
    const present = new Set(shards.map((s) => s.index));
    const lacking = new Set(missing.map((u) => (u.slice % count) + 1));
    const names = [...lacking]
      .sort((a, b) => a - b)
      .map((k) => `${k}/${count}${present.has(k) ? " (incomplete)" : ""}`);
    where = ` from shard${names.length > 1 ? "s" : ""} ${names.join(", ")}`;
  }
  const listed = missing.slice(0, LISTED_AT_MOST).map((u) => u.label);
  const more = missing.length > LISTED_AT_MOST ? `, and ${missing.length - LISTED_AT_MOST} more` : "";
  return `merge: ${missing.length} of ${total} runs are missing${where}: ${listed.join("; ")}${more}`;
}
