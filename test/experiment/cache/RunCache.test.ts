/**
 * The run cache keeps a run's figures exactly and never trusts a damaged entry: a truncated
 * file, an edited figure or an entry filed under another key reads as missing and is counted
 * as damaged; in an experiment, such a run is done again and rewritten, and the result is
 * unchanged.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunCache } from "../../../src/experiment/cache/RunCache.js";
import { compareStrategies } from "../../../src/experiment/compare.js";
import type { RunFigures } from "../../../src/metrics/runFigures.js";
import { writeFileAtomic } from "../../../src/report/writeFileAtomic.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";
import { scratchFolder } from "../../helpers/scratchFolder.js";

const scratch = scratchFolder("maildrill-cache-test").path;

const KEY = "ab".repeat(32);
const FIGURES = {
  mailboxHoursDown: 1.5,
  peakMailboxesDown: -0,
  ttrMaxMs: Number.NaN,
  migrationFinished: null,
} as unknown as RunFigures;

function freshCache(name: string): RunCache {
  return new RunCache(join(scratch, name), writeFileAtomic);
}

describe("RunCache", () => {
  it("gives back what was put, exactly, and nothing for a key never put", () => {
    const cache = freshCache("plain");
    cache.put(KEY, "canary on seed 7/1", FIGURES);
    const back = cache.get(KEY)!;
    expect(Object.is(back.peakMailboxesDown, -0)).toBe(true);
    expect(back.ttrMaxMs).toBeNaN();
    expect(back.mailboxHoursDown).toBe(1.5);
    expect(cache.get("cd".repeat(32))).toBeUndefined();
    expect(cache.counts).toEqual({ found: 1, damaged: 0, written: 1 });
  });

  it("reads a truncated, edited or misfiled entry as missing and counts it damaged", () => {
    const cache = freshCache("damaged");
    cache.put(KEY, "canary on seed 7/1", FIGURES);
    const path = cache.entryPath(KEY);
    const whole = readFileSync(path, "utf8");
    writeFileSync(path, whole.slice(0, whole.length - 20));
    expect(cache.get(KEY)).toBeUndefined();
    writeFileSync(path, whole.replace("1.5", "2.5"));
    expect(cache.get(KEY)).toBeUndefined();
    const other = "ef".repeat(32);
    mkdirSync(join(cache.dir, "ef"));
    writeFileSync(cache.entryPath(other), whole);
    expect(cache.get(other)).toBeUndefined();
    expect(cache.counts.damaged).toBe(3);
  });

  it("has a truncated entry recomputed in an experiment, with the same result", async () => {
    const scenario = loadScenarioFile("test/fixtures/experiment/migration-small.yaml");
    const options = { runs: 2, threads: 1, strategies: ["big-bang", "canary"] };
    const first = freshCache("experiment");
    const uninterrupted = await compareStrategies(scenario, {
      ...options,
      units: { version: "t", cache: first },
    });
    expect(first.counts.written).toBe(4);
    const entries = readdirSync(first.dir, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".json"),
    );
    const victim = join(first.dir, entries[0]!);
    writeFileSync(victim, readFileSync(victim, "utf8").slice(0, 40));
    const again = new RunCache(first.dir, writeFileAtomic);
    const resumed = await compareStrategies(scenario, { ...options, units: { version: "t", cache: again } });
    expect(again.counts).toEqual({ found: 3, damaged: 1, written: 1 });
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(uninterrupted));
    expect(new RunCache(first.dir, writeFileAtomic).get(entries[0]!.slice(3, -5))).toBeDefined();
  });
});
