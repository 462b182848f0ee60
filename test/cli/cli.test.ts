/**
 * The command-line contract, through the real CLI in a child process (README.md#exit-codes):
 * `--version` and `--help` exit 0; a bad command, option or file prints one line and exits 2;
 * `run` is byte-for-byte deterministic for a seed and changes with the seed; `--out` and
 * `--trace` write complete files and leave no temporary files; `schema` prints the JSON
 * Schema; `NO_COLOR` turns colour off.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneErrorLine, REPO_ROOT, runCliQueued } from "../helpers/runCli.js";

const QUICKSTART = "scenarios/quickstart.yaml";
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }
).version;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point
const ANSI = /\u001b\[/;

const cli = runCliQueued;

const scratch = mkdtempSync(join(tmpdir(), "maildrill-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function freshDir(name: string): string {
  return mkdtempSync(join(scratch, `${name}-`));
}

// The runs of the quickstart scenario are the slow part: start them all before the tests (not
// at import), two at a time, and let each test await the ones it needs.
const outDir = freshDir("out");
const traceDir = freshDir("trace");
const startRuns = () => ({
  jsonA: cli(["run", QUICKSTART, "--json"]),
  jsonB: cli(["run", QUICKSTART, "--json"]),
  seed7: cli(["run", QUICKSTART, "--json", "--seed", "7"]),
  seed8: cli(["run", QUICKSTART, "--json", "--seed", "8"]),
  out: cli(["run", QUICKSTART, "--out", join(outDir, "f.json")]),
  trace: cli(["run", QUICKSTART, "--trace", join(traceDir, "t.jsonl")]),
  noColor: cli(["run", QUICKSTART], { NO_COLOR: "1" }),
  forceColor: cli(["run", QUICKSTART], { FORCE_COLOR: "1" }),
});
let runs: ReturnType<typeof startRuns>;
beforeAll(() => {
  runs = startRuns();
});

describe("maildrill CLI: information and bad invocations", () => {
  it("--version prints the package version and exits 0", async () => {
    const { code, stdout, stderr } = await cli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(PACKAGE_VERSION);
    expect(stderr).toBe("");
  });

  it("--help exits 0 and lists the run, compare, sweep and schema commands", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+run\b/m);
    expect(stdout).toMatch(/^\s+compare\b/m);
    expect(stdout).toMatch(/^\s+sweep\b/m);
    expect(stdout).toMatch(/^\s+schema\b/m);
  });

  it.each([
    { what: "an unknown command", args: ["frobnicate"], fragment: /unknown command 'frobnicate'/ },
    {
      what: "an unknown option",
      args: ["run", QUICKSTART, "--frobnicate"],
      fragment: /unknown option '--frobnicate'/,
    },
    {
      what: "a missing scenario file",
      args: ["run", "no/such/scenario.yaml"],
      fragment: /no\/such\/scenario\.yaml: cannot read the scenario file \(no such file\)/,
    },
  ])("$what prints one line and exits 2", async ({ args, fragment }) => {
    expectOneErrorLine(await cli(args), fragment);
  });

  it("schema prints valid JSON titled maildrill scenario", async () => {
    const { code, stdout } = await cli(["schema"]);
    expect(code).toBe(0);
    expect(stdout).toContain('"title": "maildrill scenario"');
    const schema = JSON.parse(stdout) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe("maildrill scenario");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["horizon", "fleet", "backends"]));
  });
});

describe("maildrill run", () => {
  it("is deterministic: the same scenario and seed give byte-identical --json output", async () => {
    const [a, b] = await Promise.all([runs.jsonA, runs.jsonB]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect((JSON.parse(a.stdout) as { schemaVersion: unknown }).schemaVersion).toEqual(expect.any(Number));
  });

  it("--seed changes the run: seed 7 and seed 8 differ", async () => {
    const [seven, eight] = await Promise.all([runs.seed7, runs.seed8]);
    expect(seven.code).toBe(0);
    expect(eight.code).toBe(0);
    expect((JSON.parse(seven.stdout) as { run: { seed: unknown } }).run.seed).toBe(7);
    expect((JSON.parse(eight.stdout) as { run: { seed: unknown } }).run.seed).toBe(8);
    const measurements = (text: string) =>
      JSON.stringify((JSON.parse(text) as { measurements: unknown }).measurements);
    expect(measurements(seven.stdout)).not.toBe(measurements(eight.stdout));
  });

  it("--out writes the JSON result and leaves no temporary file", async () => {
    const { code, stderr } = await runs.out;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readdirSync(outDir)).toEqual(["f.json"]);
    const result = JSON.parse(readFileSync(join(outDir, "f.json"), "utf8")) as { schemaVersion: unknown };
    expect(result.schemaVersion).toEqual(expect.any(Number));
  });

  it("--trace writes the event log as JSON lines, after a header naming the format and version", async () => {
    const { code, stderr } = await runs.trace;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readdirSync(traceDir)).toEqual(["t.jsonl"]);
    const text = readFileSync(join(traceDir, "t.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBeGreaterThan(1); // quickstart has a planned node crash, at least
    const [header, ...events] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(header).toMatchObject({ format: "maildrill-trace", version: 1, scenario: "quickstart", seed: 42 });
    const access = events.filter((e) => e.event === "access");
    expect(access.length).toBeGreaterThan(0);
    for (const e of access) {
      expect(["up", "read-only", "down"]).toContain(e.from);
      expect(["up", "read-only", "down"]).toContain(e.to);
    }
  });

  // A child's stdout is a pipe, where colour is off anyway; FORCE_COLOR=1 shows that this check
  // would see colour if there were any. NO_COLOR on a terminal is covered by colorEnabled's own tests.
  it("with NO_COLOR=1 the summary has no ANSI escape codes (FORCE_COLOR=1 shows the check can see them)", async () => {
    const [plain, coloured] = await Promise.all([runs.noColor, runs.forceColor]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("maildrill run");
    expect(plain.stdout).not.toMatch(ANSI);
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(ANSI);
  });
});
