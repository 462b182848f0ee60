/**
 * Shards for batch schedulers (Kubernetes Indexed Jobs, AWS Batch array jobs, a CI matrix):
 * shard K of N runs a fixed 1/N of an experiment's units into a run cache directory
 * (cache/RunCache.ts); `maildrill merge` later reads the directories of all N shards.
 *
 * The split is by position, round robin: slice i belongs to shard (i mod N) + 1, where a slice
 * is one run, or for compare one seed's runs of every strategy (they share a fleet draw, so
 * they stay together). Positions depend only on the experiment's arguments, so every machine
 * computes the same split without talking to the others, and the shards differ in size by at
 * most one slice. A shard also writes `shard-K-of-N.json` into its directory, so that merge can
 * say which shard a missing run belonged to.
 *
 * Contract: shard numbers run from 1 to N. A shard's run does not produce the experiment's
 * result: it ends by throwing `ShardFinished`, which the command line reports as success.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunCache } from "../cache/RunCache.js";

export interface ShardSpec {
  /** From 1 to `count`. */
  index: number;
  count: number;
}

const MANIFEST = /^shard-(\d+)-of-(\d+)\.json$/;

export function inShard(slice: number, shard: ShardSpec): boolean {
  return slice % shard.count === shard.index - 1;
}

export function writeShardManifest(cache: RunCache, shard: ShardSpec, units: number): void {
  const manifest = { format: "maildrill-shard/1", shard: shard.index, of: shard.count, units };
  // A shard may get no runs at all (fewer seed groups than shards): its directory exists anyway.
  mkdirSync(cache.dir, { recursive: true });
  cache.writeFile(
    join(cache.dir, `shard-${shard.index}-of-${shard.count}.json`),
    `${JSON.stringify(manifest)}\n`,
  );
}

/** The shards whose manifests are in these directories (a directory may hold several, or none). */
export function readShardManifests(dirs: readonly string[]): ShardSpec[] {
  const found: ShardSpec[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // a directory that is not there holds no shard; merge names the runs it lacks
    }
    for (const name of names.sort()) {
      const match = MANIFEST.exec(name);
      if (match === null) continue;
      try {
        JSON.parse(readFileSync(join(dir, name), "utf8"));
        found.push({ index: Number(match[1]), count: Number(match[2]) });
      } catch {
        // A damaged manifest only loses the shard's name in merge's message, not its runs.
      }
    }
  }
  return found;
}

/** How a shard's run ends: not an error, and not an experiment result. */
export class ShardFinished extends Error {
  constructor(
    readonly shard: ShardSpec,
    readonly dir: string,
    readonly units: number,
    readonly found: number,
  ) {
    super(
      `shard ${shard.index}/${shard.count}: ${units} runs in ${dir}` +
        (found > 0 ? ` (${found} were already there)` : ""),
    );
    this.name = "ShardFinished";
  }
}
