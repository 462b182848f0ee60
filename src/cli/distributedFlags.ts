/**
 * The options of compare and sweep that say where runs are kept and where they run:
 * `--cache DIR` / `--no-cache` (the run cache, on by default: cacheDirectory.ts), `--redis URL`
 * (BullMQ workers), `--shard K/N` or `--shards N` (a batch scheduler's share), `--merge DIR`
 * (assemble shards; `maildrill merge` spells it). They become the experiment's `units`
 * options (src/experiment/distributed/runUnits.ts); docs/distributed.md explains them.
 *
 * Contract: every check here happens before any run: a bad URL or unreachable Redis, a bad
 * shard, a shard without a cache, two modes at once are one-line InputErrors.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { RunCache } from "../experiment/cache/RunCache.js";
import { checkRedisReachable } from "../experiment/distributed/redisConnection.js";
import type { Unit, UnitOptions } from "../experiment/distributed/runUnits.js";
import { readShardManifests, type ShardSpec } from "../experiment/distributed/shards.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import { InputError } from "../scenario/InputError.js";
import { defaultCacheDirectory } from "./cacheDirectory.js";
import { codeIdentity } from "./codeIdentity.js";
import { repeatable, wholeNumberOption } from "./parseOptions.js";

export interface DistributedFlags {
  /** A directory, false for --no-cache, undefined for the default. */
  cache?: string | false;
  redis?: string;
  shard?: ShardSpec;
  shards?: number;
  merge?: string[];
  plugin?: string[];
  html?: string;
}

const MAX_SHARDS = 100_000;
const SHARD_INDEX_VARIABLES = ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] as const;

export function addDistributedOptions(command: Command): Command {
  return command
    .option("--cache <dir>", "keep finished runs here and reuse them (default: the OS cache directory)")
    .option("--no-cache", "neither reuse nor keep runs")
    .addOption(
      new Option("--redis <url>", "send the runs to `maildrill worker`s on this Redis (redis://HOST:PORT)"),
    )
    .addOption(
      new Option("--shard <K/N>", "run only shard K of N (1 ≤ K ≤ N) into --cache; combine with merge")
        .argParser(shardOption)
        .conflicts(["redis", "shards"]),
    )
    .addOption(
      new Option(
        "--shards <n>",
        "like --shard, K from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX (0-based)",
      )
        .argParser(wholeNumberOption("--shards", "shards", MAX_SHARDS))
        .conflicts("redis"),
    )
    .addOption(
      new Option(
        "--merge <dir>",
        "assemble the result from shard directories only, running nothing; repeatable",
      )
        .argParser(repeatable(String))
        .conflicts(["redis", "shard", "shards"]),
    );
}

function shardOption(value: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw InputError.at("--shard", "K/N with 1 ≤ K ≤ N, e.g. 2/8", value);
  return { index, count };
}

/** The shard from --shard, or from --shards and the scheduler's index variable. */
function chosenShard(flags: DistributedFlags, env: NodeJS.ProcessEnv): ShardSpec | undefined {
  if (flags.shard !== undefined || flags.shards === undefined) return flags.shard;
  const variable = SHARD_INDEX_VARIABLES.find((name) => env[name] !== undefined && env[name] !== "");
  if (variable === undefined)
    throw InputError.at(
      "--shards",
      `${SHARD_INDEX_VARIABLES.join(" or ")} set to this shard's index`,
      "neither set",
    );
  const index = Number(env[variable]);
  if (!/^\d+$/.test(env[variable]!) || index >= flags.shards)
    throw InputError.at(
      variable,
      `a whole number from 0 to ${flags.shards - 1} (--shards ${flags.shards})`,
      env[variable],
    );
  return { index: index + 1, count: flags.shards };
}

/** A shell word: quoted only when it needs to be. */
function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * The experiment's `units` options, or undefined when every run simply runs here and nothing
 * is kept (--no-cache, no Redis, no shard, no merge). `scenarioPath` names the file in the
 * replay command of a run that keeps failing on the workers.
 */
export async function distributedOptions(
  flags: DistributedFlags,
  scenarioPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<UnitOptions | undefined> {
  const elsewhere = flags.redis ?? flags.merge ?? flags.shard ?? flags.shards;
  if (flags.html !== undefined && elsewhere !== undefined)
    throw InputError.at(
      "--html",
      "runs done here (its timelines are not kept by the cache or sent back by workers): drop --redis, --shard, --shards or --merge",
      "--html with one of them",
    );
  if (flags.merge !== undefined) {
    const dirs = flags.merge.map((dir) => resolve(dir));
    const caches = dirs.map((dir) => new RunCache(dir, writeFileAtomic));
    return { version: codeIdentity(), merge: { caches, shards: readShardManifests(dirs) } };
  }
  const shard = chosenShard(flags, env);
  const dir =
    flags.cache === false
      ? undefined
      : flags.cache !== undefined
        ? resolve(flags.cache)
        : defaultCacheDirectory(env);
  if (shard !== undefined && dir === undefined)
    throw InputError.at("--shard", "a cache directory to write the shard into (--cache DIR)", "--no-cache");
  const cache = dir !== undefined ? new RunCache(dir, writeFileAtomic) : undefined;
  if (flags.redis !== undefined) await checkRedisReachable(flags.redis);
  if (cache === undefined && shard === undefined && flags.redis === undefined) return undefined;
  const plugins = (flags.plugin ?? []).flatMap((file) => ["--plugin", shellWord(file)]);
  const replayCommand = (unit: Unit) =>
    [
      "maildrill run",
      shellWord(scenarioPath) +
        (unit.point !== undefined ? ` (with sweep point ${unit.point}'s values)` : ""),
      ...(unit.job.strategy !== undefined ? ["--strategy", shellWord(unit.job.strategy)] : []),
      ...(unit.job.variant !== undefined ? ["--variant", shellWord(unit.job.variant)] : []),
      "--seed",
      shellWord(unit.job.seed),
      ...plugins,
    ].join(" ");
  const onNoWorkers = (message: string) => process.stderr.write(`maildrill: ${message}\n`);
  // Hashing the code reads every module file: done only here, once a run's result is kept or
  // sent elsewhere, never for a --no-cache run or before bad flags are reported.
  return {
    version: codeIdentity(),
    ...(cache !== undefined ? { cache } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...(flags.redis !== undefined ? { redis: { url: flags.redis, replayCommand, onNoWorkers } } : {}),
  };
}

/** One line on stderr when the cache changed what ran: how many runs were reused, done now, found damaged. */
export function reportCacheUse(units: UnitOptions | undefined, totalRuns: number): void {
  const cache = units?.cache;
  if (cache === undefined || units?.shard !== undefined) return;
  const { found, damaged, written } = cache.counts;
  if (found === 0 && damaged === 0) return;
  const damagedText = damaged > 0 ? `; ${damaged} damaged entries were recomputed` : "";
  process.stderr.write(
    `maildrill: ${found} of ${totalRuns} runs came from the cache ${cache.dir}, ${written} ran now${damagedText}\n`,
  );
}
