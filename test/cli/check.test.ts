/**
 * `maildrill check` and `maildrill replay` through the real CLI (issue 6):
 * - a known-weak design exits 1 with the shrunk schedule, and the printed replay command
 *   reproduces the failing run byte-for-byte (`--json` against check's `--out`), with
 *   `--trace` available;
 * - the printed YAML, pasted into the scenario's faults and run with `maildrill run`, gives
 *   the same violation, byte-for-byte the same result;
 * - a strong design exits 0 and says how many schedules it tried; a time limit that runs out
 *   says "interrupted";
 * - a user's property module is used by path; a bad property is one line and exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliOutcome, runCliQueued as cli } from "../helpers/runCli.js";

const WEAK = "test/fixtures/check/weak-async.yaml";
const STRONG = "test/fixtures/check/strong-mirror.yaml";
const scratch = mkdtempSync(join(tmpdir(), "maildrill-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const failingJson = join(scratch, "failing.json");
let weak: Promise<CliOutcome>;
// Started before the tests (not at import); the tests of the weak design await it.
beforeAll(() => {
  weak = cli(["check", WEAK, "--property", "no-silent-loss", "--seed", "1", "--out", failingJson]);
});

/** The replay command check printed, as CLI arguments (the paths here need no shell quoting). */
function printedReplay(stdout: string): string[] {
  const line = stdout.split("\n").find((l) => l.trim().startsWith("maildrill replay "));
  expect(line).toBeDefined();
  return line!.trim().split(/\s+/).slice(1);
}

/** The YAML block check printed, from `faults:` to the blank line after it. */
function printedYaml(stdout: string): string {
  const lines = stdout.split("\n");
  const start = lines.indexOf("faults:");
  const end = lines.indexOf("", start);
  return lines.slice(start, end).join("\n");
}

describe("maildrill check on a known-weak design", () => {
  it("exits 1 and prints the violation, a schedule of at most 2 faults and a replay command", async () => {
    const { code, stdout, stderr } = await weak;
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toMatch(/^maildrill check: violated · no-silent-loss · found after \d+ schedules/);
    const faults = printedYaml(stdout).split("\n").slice(1);
    expect(faults.length).toBeGreaterThanOrEqual(1);
    expect(faults.length).toBeLessThanOrEqual(2);
    expect(stdout).toMatch(/silently lost [1-9]/);
  });

  it("the printed replay command reproduces the failing run byte-for-byte, with --trace, and exits 1 as it still violates the property", async () => {
    const { stdout } = await weak;
    const trace = join(scratch, "replay.jsonl");
    const args = printedReplay(stdout);
    expect(args.join(" ")).toMatch(/--property no-silent-loss --schedule /);
    const replay = await cli([...args, "--json", "--trace", trace]);
    expect(replay.stderr).toBe("");
    expect(replay.code).toBe(1);
    expect(replay.stdout).toBe(readFileSync(failingJson, "utf8"));
    const events = readFileSync(trace, "utf8").trim().split("\n");
    expect(events.some((line) => (JSON.parse(line) as { event: string }).event === "failover")).toBe(true);
  });

  it("the printed YAML pasted into the scenario's faults gives the same violation with maildrill run", async () => {
    const { stdout } = await weak;
    const pasted = join(scratch, "pasted.yaml");
    writeFileSync(pasted, `${readFileSync(WEAK, "utf8")}${printedYaml(stdout)}\n`);
    const run = await cli(["run", pasted, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(failingJson, "utf8"));
    const result = JSON.parse(run.stdout) as { measurements: { ledger: { silentlyLost: number } } };
    expect(result.measurements.ledger.silentlyLost).toBeGreaterThan(0);
  });
});

describe("maildrill check: other outcomes", () => {
  it("a strong design survives: exit 0 and the number of schedules tried", async () => {
    const { code, stdout } = await cli(["check", STRONG, "--property", "no-silent-loss", "--runs", "60"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maildrill check: held · no-silent-loss held for all 60 fault schedules/);
  });

  it("a time limit that runs out is reported as interrupted, exit 0", async () => {
    const args = ["check", STRONG, "--property", "no-silent-loss", "--runs", "1000000", "--time-limit", "0s"];
    const { code, stdout } = await cli(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maildrill check: interrupted by the time limit \(0s\)/);
  });

  it("takes a user's property module by path", async () => {
    const property = "test/fixtures/check/silent-loss-at-most-100.mjs";
    const { code, stdout } = await cli(["check", WEAK, "--property", property, "--seed", "1"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^maildrill check: violated · silent-loss<=100 /);
  });

  it.each([
    [["check", WEAK], /^maildrill: --property: expected at least one of no-silent-loss, .*; found none\n$/],
    [["check", WEAK, "--property", "no-silent-losses"], /found "no-silent-losses"\n$/],
    [["check", WEAK, "--property", "no-bounce", "--time-limit", "60"], /^maildrill: --time-limit: expected/],
    [["replay", WEAK, "--schedule", "%%%"], /^maildrill: --schedule: expected a schedule code/],
  ])("bad input %j is one line and exit 2", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});
