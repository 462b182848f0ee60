/**
 * `--shard K/N` (and `--shards N` with JOB_COMPLETION_INDEX) through the CLI, then
 * `maildrill merge DIR... -- compare …`: byte-identical to a single-machine run, and a missing
 * shard's runs named with exit code 2.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/experiment/compare.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { runCliQueued as cli } from "../helpers/runCli.js";
import { scratchFolder } from "../helpers/scratchFolder.js";

const FIXTURE = "test/fixtures/experiment/migration-small.yaml";
const scratch = scratchFolder("maildrill-merge-test").path;

describe("maildrill compare --shard, then maildrill merge", () => {
  const args = ["compare", FIXTURE, "--runs", "3", "--strategies", "big-bang,canary"];
  const [a, b] = [join(scratch, "a"), join(scratch, "b")];

  it("assembles the shards into the bytes of a single-machine run, and names a missing shard", async () => {
    const [first, second] = await Promise.all([
      cli([...args, "--shard", "1/2", "--cache", a]),
      cli([...args, "--shards", "2", "--cache", b], { JOB_COMPLETION_INDEX: "1" }),
    ]);
    expect([first.code, first.stderr]).toEqual([0, `maildrill: shard 1/2: 4 runs in ${a}\n`]);
    expect([second.code, second.stderr]).toEqual([0, `maildrill: shard 2/2: 2 runs in ${b}\n`]);
    const [merged, lacking] = await Promise.all([
      cli(["merge", a, b, "--", ...args, "--json"]),
      cli(["merge", a, "--", ...args, "--json"]),
    ]);
    const reference = await compareStrategies(loadScenarioFile(FIXTURE), {
      runs: 3,
      threads: 1,
      strategies: ["big-bang", "canary"],
    });
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(`${JSON.stringify(reference, null, 2)}\n`);
    expect(lacking.code).toBe(2);
    expect(lacking.stderr).toBe(
      "maildrill: merge: 2 of 6 runs are missing from shard 2/2: big-bang on seed 7/2; canary on seed 7/2\n",
    );
  });
});
