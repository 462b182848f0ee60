/**
 * Tables that fit, through the real CLI: `compare`, `sweep` and `run` at 80 and 120 columns
 * (asked for by `--width` and by the environment) print no line longer than the width, and
 * `--wide` keeps each table in one piece. The real default job (`maildrill` with no
 * arguments: compare on Libero 2023, about 30 s on 2 idle cores) is checked once, at the
 * narrower width: two full runs would double the suite's longest test for no new layout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runCliQueued as cli } from "../helpers/runCli.js";
import { SMALL_MIGRATION, SMALL_SWEEP_ARGS } from "../helpers/smallExperiment.js";

const compareArgs = ["compare", SMALL_MIGRATION, "--runs", "3", "--threads", "1"];
const sweepArgs = SMALL_SWEEP_ARGS;

function longestLine(text: string): number {
  return Math.max(
    ...stripVTControlCharacters(text)
      .split("\n")
      .map((line) => [...line].length),
  );
}

describe("terminal tables fit the width", () => {
  const outputs = {
    compare80: cli([...compareArgs, "--width", "80"]),
    compare120: cli(compareArgs, { MAILDRILL_WIDTH: "120" }),
    compareWide: cli([...compareArgs, "--wide"]),
    sweep80: cli([...sweepArgs, "--width", "80"]),
    run80: cli(["run", "quickstart", "--width", "80"]),
  };

  it.each([
    { key: "compare80", width: 80 },
    { key: "compare120", width: 120 },
    { key: "sweep80", width: 80 },
    { key: "run80", width: 80 },
  ] as const)("$key: no line longer than $width columns", async ({ key, width }) => {
    const out = await outputs[key];
    expect(out.code).toBe(0);
    expect(longestLine(out.stdout)).toBeLessThanOrEqual(width);
  });

  it("lays a too-wide compare out in blocks that repeat the figure labels, and --wide does not", async () => {
    const narrow = (await outputs.compare80).stdout;
    const wide = (await outputs.compareWide).stdout;
    expect(narrow.match(/^mailbox-hours down/gm)!.length).toBeGreaterThan(2);
    expect(wide.match(/^mailbox-hours down/gm)).toHaveLength(2); // the summary and the differences
    expect(longestLine(wide)).toBeGreaterThan(120);
  });

  it("rejects a width no table could keep to", async () => {
    const out = await cli([...compareArgs, "--width", "12"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--width: expected a whole number of columns from 40/);
  });
});

describe("npx maildrill (the default compare on Libero 2023)", () => {
  // One real run of the default job, then the same job again at another width: the second
  // finds all its runs in the run cache (a scratch directory), so it only renders.
  const cache = mkdtempSync(join(tmpdir(), "maildrill-fit-"));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it.each([80, 120])("fits %i columns", { timeout: 600_000 }, async (width) => {
    const out = await cli(["--cache", cache], { MAILDRILL_WIDTH: String(width) });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("maildrill compare · libero-2023");
    expect(longestLine(out.stdout)).toBeLessThanOrEqual(width);
    // The follow-up commands name the built-in by name, which works from an installed package.
    expect(out.stdout).toMatch(/maildrill run libero-2023 (--variant \S+ )?(\\\n\s*)?--strategy/);
  });
});
