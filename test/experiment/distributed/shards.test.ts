/**
 * Shards: N shards of a sweep, each into its own directory, merged, give the result of one
 * run start to finish; merge names the runs, and the shard, that a missing directory held.
 * (Through the CLI: test/cli/merge.test.ts.)
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunCache } from "../../../src/experiment/cache/RunCache.js";
import { readShardManifests, ShardFinished } from "../../../src/experiment/distributed/shards.js";
import { readScenarioData, sweep } from "../../../src/experiment/sweep.js";
import { parseVary } from "../../../src/experiment/varyPath.js";
import { writeFileAtomic } from "../../../src/report/writeFileAtomic.js";
import { scratchFolder } from "../../helpers/scratchFolder.js";

const FIXTURE = "test/fixtures/experiment/migration-small.yaml";
const scratch = scratchFolder("maildrill-shards-test").path;

const cacheIn = (name: string) => new RunCache(join(scratch, name), writeFileAtomic);

describe("shards of a sweep, merged", () => {
  const data = readScenarioData(FIXTURE);
  const options = { runs: 2, threads: 1, vary: [parseVary("backends.legacy.takeover=none,2m,10m")] };
  const dirs = ["s1", "s2", "s3"];

  it("equal one run of the whole sweep, each shard running its own third", async () => {
    for (const [k, dir] of dirs.entries()) {
      const shard = { index: k + 1, count: 3 };
      const run = sweep(data, { ...options, units: { version: "t", cache: cacheIn(dir), shard } });
      await expect(run).rejects.toBeInstanceOf(ShardFinished);
      await expect(run).rejects.toMatchObject({ units: 2 }); // 6 runs, round robin over 3 shards
    }
    const caches = dirs.map(cacheIn);
    const paths = dirs.map((d) => join(scratch, d));
    const merged = await sweep(data, {
      ...options,
      units: { version: "t", merge: { caches, shards: readShardManifests(paths) } },
    });
    expect(JSON.stringify(merged)).toBe(JSON.stringify(await sweep(data, options)));
  });

  it("names the missing shard and its runs", async () => {
    const paths = ["s1", "s3"].map((d) => join(scratch, d));
    const merge = { caches: ["s1", "s3"].map(cacheIn), shards: readShardManifests(paths) };
    await expect(sweep(data, { ...options, units: { version: "t", merge } })).rejects.toThrow(
      "merge: 2 of 6 runs are missing from shard 2/3: point 1, big-bang on seed 7/2; point 3, big-bang on seed 7/1",
    );
  });

  it("a shard with no runs still writes its manifest, and the merge is whole", async () => {
    // One seed group of a compare-like sweep (one point, one run) over two shards: shard 2 gets nothing.
    const one = { runs: 1, threads: 1, vary: [parseVary("backends.legacy.takeover=none")] };
    for (const [k, dir] of ["e1", "e2"].entries()) {
      const shard = { index: k + 1, count: 2 };
      const run = sweep(data, { ...one, units: { version: "t", cache: cacheIn(dir), shard } });
      await expect(run).rejects.toMatchObject({ units: k === 0 ? 1 : 0 });
    }
    const paths = ["e1", "e2"].map((d) => join(scratch, d));
    expect(readShardManifests(paths)).toHaveLength(2);
    const merge = { caches: ["e1", "e2"].map(cacheIn), shards: readShardManifests(paths) };
    const merged = await sweep(data, { ...one, units: { version: "t", merge } });
    expect(JSON.stringify(merged)).toBe(JSON.stringify(await sweep(data, one)));
  });
});
