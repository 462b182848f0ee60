/**
 * Resuming: `maildrill compare --cache DIR` SIGKILLed part-way, then run again with the same
 * arguments, runs exactly the runs the cache lacks (counted against the entries the killed
 * process left) and prints the same bytes as an uninterrupted run. Ctrl-C says how to resume
 * and exits 130.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/experiment/compare.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { startCli } from "../helpers/cliProcess.js";
import { migrationSmallWith } from "../helpers/fixtures.js";
import { scratchFolder } from "../helpers/scratchFolder.js";

const scratch = scratchFolder("maildrill-resume-test");
// Runs of a few hundred ms, so the kill lands with some runs done and some not.
const SCENARIO = migrationSmallWith(4000, scratch.file);

const entries = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /[0-9a-f]{64}\.json$/.test(f)).length;

const args = [
  "compare",
  SCENARIO,
  "--runs",
  "4",
  "--strategies",
  "big-bang,canary",
  "--threads",
  "1",
  "--json",
];
/** Waits until the cache directory holds at least `count` entries. */
async function entriesReach(dir: string, count: number): Promise<void> {
  while (!existsSync(dir) || entries(dir) < count) await new Promise((wait) => setTimeout(wait, 50));
}

describe("an interrupted compare, resumed", () => {
  it("runs only the missing runs after a SIGKILL and prints what an uninterrupted run prints", async () => {
    const cache = join(scratch.path, "cache");
    const total = 8;
    const killed = startCli([...args, "--cache", cache]);
    await entriesReach(cache, 2);
    killed.child.kill("SIGKILL");
    await killed.done;
    const kept = entries(cache);
    expect(kept).toBeLessThan(total); // killed part-way, not at the end

    const resumed = startCli([...args, "--cache", cache]);
    expect(await resumed.done).toBe(0);
    expect(resumed.stderr()).toBe(
      `maildrill: ${kept} of ${total} runs came from the cache ${cache}, ${total - kept} ran now\n`,
    );
    expect(entries(cache)).toBe(total);
    const reference = await compareStrategies(loadScenarioFile(SCENARIO), {
      runs: 4,
      threads: 1,
      strategies: ["big-bang", "canary"],
    });
    expect(resumed.stdout()).toBe(`${JSON.stringify(reference, null, 2)}\n`);
  });

  it("says on Ctrl-C how to resume, and exits 130", async () => {
    const cache = join(scratch.path, "interrupted");
    // Ten times the runs, so that the experiment is still going when the signal lands.
    const longer = args.map((arg) => (arg === "4" ? "40" : arg));
    const interrupted = startCli([...longer, "--cache", cache]);
    await entriesReach(cache, 1);
    interrupted.child.kill("SIGINT");
    expect(await interrupted.done).toBe(130);
    expect(interrupted.stdout()).toBe("");
    expect(interrupted.stderr()).toMatch(
      new RegExp(
        `^maildrill: interrupted by SIGINT after \\d+ of 80 runs had finished; the finished ones are kept in ${cache}\\. Run the same command again to resume`,
      ),
    );
  });
});
