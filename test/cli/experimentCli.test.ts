/**
 * `maildrill compare` and `maildrill sweep` through the real CLI in a child process: the JSON
 * is byte-identical for --threads 1 and --threads 2 (a real worker pool); --csv and --out
 * write whole documents; no progress bar when stderr is not a terminal; bad options and bad
 * sweep values get one line naming the option or field and exit 2. And `maildrill` with no
 * arguments means `compare` on the built-in Libero 2023 scenario.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withDefaultCommand } from "../../src/cli/defaultCommand.js";
import { builtinCompareScenarioPath } from "../../src/experiment/builtinScenario.js";
import { runCliQueued as cli, expectOneErrorLine } from "../helpers/runCli.js";
import { SMALL_SWEEP_ARGS } from "../helpers/smallExperiment.js";

const FIXTURE = "test/fixtures/experiment/migration-small.yaml";
const scratch = mkdtempSync(join(tmpdir(), "maildrill-experiment-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const compareArgs = ["compare", FIXTURE, "--runs", "3", "--strategies", "big-bang,canary"];
const startRuns = () => ({
  oneThread: cli([...compareArgs, "--threads", "1", "--json"]),
  twoThreads: cli([...compareArgs, "--threads", "2", "--json", "--out", join(scratch, "c.json")]),
  csv: cli([...compareArgs, "--threads", "1", "--csv"]),
  table: cli([...compareArgs, "--threads", "1"]),
  sweep: cli([...SMALL_SWEEP_ARGS, "--csv"]),
});
let runs: ReturnType<typeof startRuns>;
// Started before the tests, not at import; each test awaits the ones it needs.
beforeAll(() => {
  runs = startRuns();
});

describe("maildrill compare", () => {
  it("prints byte-identical JSON with one thread and with a pool of two, and writes it to --out", async () => {
    const [one, two] = await Promise.all([runs.oneThread, runs.twoThreads]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(readdirSync(scratch).filter((f) => f.startsWith("c.json") || f.startsWith(".c.json"))).toEqual([
      "c.json",
    ]);
    expect(readFileSync(join(scratch, "c.json"), "utf8")).toBe(one.stdout);
    const doc = JSON.parse(one.stdout) as {
      schemaVersion: number;
      seeds: string[];
      strategies: { name: string }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.seeds).toEqual(["7/1", "7/2", "7/3"]);
    expect(doc.strategies.map((s) => s.name)).toEqual(["big-bang", "canary"]);
  });

  it("draws no progress bar when stderr is not a terminal", async () => {
    const { stderr } = await runs.table;
    expect(stderr).toBe("");
  });

  it("prints the table and how to go further", async () => {
    const { code, stdout } = await runs.table;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maildrill compare · migration-small · 3 runs per strategy/);
    expect(stdout).toContain("Paired differences against big-bang");
    expect(stdout).toMatch(
      /maildrill run test\/fixtures\/experiment\/migration-small\.yaml --strategy \S+ --seed 7\/\d/,
    );
  });

  it("--csv prints one row per strategy × figure, then the differences", async () => {
    const { code, stdout } = await runs.csv;
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("section,strategy,baseline,metric,mean,lo,hi,n");
    expect(lines.some((l) => l.startsWith("summary,canary,,mailboxHoursDown,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("difference,canary,big-bang,mailboxHoursDown,"))).toBe(true);
  });
});

describe("maildrill sweep", () => {
  it("--csv prints rows per grid point and figure", async () => {
    const { code, stdout, stderr } = await runs.sweep;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("point,backends.legacy.takeover,strategy,metric,mean,lo,hi,n");
    expect(lines[1]).toMatch(/^1,none,big-bang,mailboxHoursDown,/);
    expect(lines.some((l) => l.startsWith("2,2m,big-bang,"))).toBe(true);
  });
});

describe("bad input: one line naming the option or field, exit 2", () => {
  it.each([
    {
      what: "an unknown strategy in --strategies",
      args: ["compare", FIXTURE, "--strategies", "big-bang,yolo"],
      fragment: /--strategies: expected one of big-bang, dual-write, canary; found "yolo"/,
    },
    {
      what: "a --baseline not compared",
      args: ["compare", FIXTURE, "--strategies", "canary", "--baseline", "big-bang"],
      fragment: /--baseline: expected one of the compared strategies \(canary\); found "big-bang"/,
    },
    {
      what: "--runs 0",
      args: ["compare", FIXTURE, "--runs", "0"],
      fragment: /--runs: expected a whole number of runs from 1 to 100,000; found "0"/,
    },
    {
      what: "--threads 0",
      args: ["compare", FIXTURE, "--threads", "0"],
      fragment: /--threads: expected a whole number of threads from 1 to 256; found "0"/,
    },
    {
      what: "--json with --csv",
      args: ["compare", FIXTURE, "--json", "--csv"],
      fragment: /option '--csv' cannot be used with option '--json'/,
    },
    {
      what: "a malformed --vary",
      args: ["sweep", FIXTURE, "--vary", "migration.bandwidth"],
      fragment: /--vary: expected path=value1,value2,\.\.\..*; found "migration\.bandwidth"/,
    },
    {
      what: "a bad value at a sweep point",
      args: ["sweep", FIXTURE, "--vary", "migration.bandwidth=20TB/day,fast"],
      fragment: /sweep point migration\.bandwidth="fast": migration\.bandwidth: expected .*; found "fast"/,
    },
  ])("$what", async ({ args, fragment }) => {
    expectOneErrorLine(await cli(args), fragment);
  });
});

describe("maildrill with no arguments", () => {
  it("runs compare, on the built-in Libero 2023 scenario", () => {
    expect(withDefaultCommand([])).toEqual(["compare", "--runs", "4"]);
    expect(withDefaultCommand(["run", "x.yaml"])).toEqual(["run", "x.yaml"]);
    expect(withDefaultCommand(["--threads", "1"])).toEqual(["compare", "--runs", "4", "--threads", "1"]);
    expect(withDefaultCommand(["--version"])).toEqual(["--version"]);
    expect(withDefaultCommand(["--help"])).toEqual(["--help"]);
    expect(builtinCompareScenarioPath()).toMatch(/[/\\]scenarios[/\\]libero-2023\.yaml$/);
  });
});

describe("maildrill compare with variants, costs and a precision stop", () => {
  const VARIANTS = "test/fixtures/experiment/variants-small.yaml";
  const args = ["compare", VARIANTS, "--runs", "2", "--strategies", "big-bang,dual-write", "--threads", "1"];
  const table = cli([...args, "--precision", "50%", "--max-runs", "4"]);
  const csv = cli([...args, "--csv"]);

  it("prints the cost under each variant, the regret, the verdict and how to go deeper", async () => {
    const { code, stdout } = await table;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^maildrill compare · variants-small · 3 variants × 2 strategies × \d runs/);
    expect(stdout).toContain("Expected cost (EUR) under each variant");
    expect(stdout).toContain("Regret");
    expect(stdout).toMatch(/Verdict: /);
    expect(stdout).toMatch(/maildrill run \S+ --variant \S+ --strategy \S+ --seed 7\/\d/);
    expect(stdout).toMatch(/Precision (reached|not reached)/);
  });

  it("--csv adds a variant column, cost rows and the decision rows", async () => {
    const { code, stdout } = await csv;
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("section,variant,strategy,baseline,metric,mean,lo,hi,n");
    expect(lines.some((l) => l.startsWith("summary,service-wide,big-bang,,cost,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("difference,per-node-threshold,dual-write,big-bang,cost,"))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith("decision,as-written,dual-write,,regret,"))).toBe(true);
    expect(lines.some((l) => l.startsWith("decision,,big-bang,,maxRegret,"))).toBe(true);
  });

  it("refuses a bad --precision and an unknown --variant in one line", async () => {
    expectOneErrorLine(await cli([...args, "--precision", "fast"]), /^maildrill: --precision: expected/);
    expectOneErrorLine(
      await cli(["run", VARIANTS, "--variant", "nope"]),
      /--variant: expected one of as-written, per-node-threshold, service-wide; found "nope"/,
    );
  });
});
