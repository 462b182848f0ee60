/**
 * Bad scenario files get the bad-input contract (README.md#exit-codes): one line on stderr,
 * `maildrill: <field path>: expected <what>; found <value>` (or a whole-file message), exit
 * code 2, no stack trace, nothing on stdout and no output file.
 *
 * Every file in test/fixtures/bad-scenarios is broken in exactly one way and states the
 * message it must get in its first line (`# expect: …`), or in SIDECAR below when the file
 * cannot hold a comment (an empty file, JSON). All of them go through the loader and the
 * memory guard in-process, formatted as the CLI formats an InputError; a representative
 * subset also goes through the real CLI in a child process.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { runCli } from "../helpers/runCli.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/bad-scenarios/", import.meta.url));
const EXPECT_PREFIX = "# expect: ";

/** Expectations for fixtures that cannot carry a `# expect:` comment. */
const SIDECAR: Record<string, string> = {
  "empty.yaml": "empty.yaml: the scenario file is empty",
  "json-negative-mailboxes.json":
    "fleet.mailboxes: expected a non-negative count such as 9_000_000, 3e9, 1.5M (digits with _ separators, optional exponent, optional suffix k M G); found -20",
  "json-syntax-error.json":
    "json-syntax-error.json: YAML syntax error at line 4, column 3: Missing , between flow map items",
};

/** Run through the real CLI as well: whole-file errors, the memory guard, a did-you-mean, a cross-field check. */
const THROUGH_CLI = [
  "yaml-syntax-error.yaml",
  "yaml-alias-bomb.yaml",
  "huge-fleet.yaml",
  "unknown-key-top-level.yaml",
  "empty.yaml",
  "json-negative-mailboxes.json",
  "fault-at-beyond-horizon.yaml",
];

interface Fixture {
  file: string;
  path: string;
  expected: string;
}

function readFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".yaml") || file.endsWith(".json"))
    .sort()
    .map((file) => {
      const path = join(FIXTURE_DIR, file);
      const firstLine = readFileSync(path, "utf8").split("\n")[0]!;
      const inline = firstLine.startsWith(EXPECT_PREFIX)
        ? firstLine.slice(EXPECT_PREFIX.length).trim()
        : undefined;
      const sidecar = SIDECAR[file];
      if ((inline === undefined) === (sidecar === undefined)) {
        throw new Error(
          `${file}: needs exactly one expectation, a "${EXPECT_PREFIX}" first line or a SIDECAR entry`,
        );
      }
      return { file, path, expected: (inline ?? sidecar)! };
    });
}

const fixtures = readFixtures();

/** An expectation may elide with "…": its fragments must then appear in the message in order. */
function expectFragmentsInOrder(message: string, expected: string): void {
  let from = 0;
  for (const fragment of expected
    .split("…")
    .map((f) => f.trim())
    .filter((f) => f !== "")) {
    const at = message.indexOf(fragment, from);
    expect(at, `"${fragment}" after position ${from} in: ${message}`).toBeGreaterThanOrEqual(0);
    from = at + fragment.length;
  }
}

/** The CLI prints an InputError as `maildrill: <message>` (src/cli/main.ts). */
function inProcessMessage(path: string): string {
  try {
    runScenario(loadScenarioFile(path));
  } catch (error) {
    if (error instanceof InputError) return `maildrill: ${error.message}`;
    throw error;
  }
  throw new Error(`${path} was accepted and run; it should have been refused`);
}

/** Asserts the one-line, no-stack-trace shape shared by the in-process and child-process checks. */
function expectOneLineInputError(line: string, expected: string): void {
  expect(line).not.toContain("\n");
  expect(line.startsWith("maildrill: ")).toBe(true);
  expectFragmentsInOrder(line, expected);
  expect(line).not.toMatch(/internal error/i);
  expect(line).not.toMatch(/^\s+at /m);
}

describe("bad scenario fixtures", () => {
  it("cover at least 32 distinct mistakes, each with its expected message", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(32);
    expect(new Set(fixtures.map((f) => f.expected)).size).toBeGreaterThan(30);
    for (const file of [...Object.keys(SIDECAR), ...THROUGH_CLI]) {
      expect(fixtures.map((f) => f.file)).toContain(file);
    }
  });
});

describe("a bad scenario is refused with one clear line (in-process)", () => {
  it.each(fixtures)("$file", ({ path, expected }) => {
    expectOneLineInputError(inProcessMessage(path), expected);
  });
});

/** Runs `jobs` at most `limit` at a time; the results keep the jobs' order. */
function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T>[] {
  const results: Promise<T>[] = [];
  const running: Promise<unknown>[] = [];
  for (const job of jobs) {
    const ahead = running.length >= limit ? running[running.length - limit]! : Promise.resolve();
    const result = ahead.then(job, job);
    results.push(result);
    running.push(result.catch(() => undefined));
  }
  return results;
}

describe("a bad scenario is refused with one clear line (through the CLI)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "maildrill-bad-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const cases = THROUGH_CLI.map((file) => {
    const fixture = fixtures.find((f) => f.file === file)!;
    const outDir = join(scratch, file.replace(/\W/g, "_"));
    return { ...fixture, outDir };
  });
  // Started together, two at a time; each test awaits its own child.
  const outcomes = pool(
    cases.map((c) => () => {
      mkdirSync(c.outDir);
      return runCli(["run", relative(REPO_ROOT, c.path), "--out", join(c.outDir, "out.json")]);
    }),
    2,
  );

  it.each(cases.map((c, i) => ({ ...c, i })))("$file", async ({ expected, outDir, i }) => {
    const { code, stdout, stderr } = await outcomes[i]!;
    expect(stdout).toBe("");
    expect(stderr.endsWith("\n")).toBe(true);
    expectOneLineInputError(stderr.slice(0, -1), expected);
    expect(code).toBe(2);
    expect(existsSync(join(outDir, "out.json"))).toBe(false);
    expect(readdirSync(outDir)).toEqual([]); // no temporary file left behind either
  });
});
