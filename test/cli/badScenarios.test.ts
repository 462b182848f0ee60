/**
 * Bad scenario files through the real CLI in a child process: one line on stderr naming the
 * problem, exit code 2, nothing on stdout and no output file, not even a temporary one. A
 * representative subset (whole-file errors, the memory guard, a did-you-mean, a cross-field
 * check); every fixture is checked in-process by test/scenario/badScenarios.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneLineInputError, readFixtures, THROUGH_CLI } from "../helpers/badScenarioFixtures.js";
import { type CliOutcome, REPO_ROOT, runCliQueued } from "../helpers/runCli.js";

const fixtures = readFixtures();

describe("a bad scenario is refused with one clear line (through the CLI)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "maildrill-bad-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const cases = THROUGH_CLI.map((file) => {
    const fixture = fixtures.find((f) => f.file === file)!;
    const outDir = join(scratch, file.replace(/\W/g, "_"));
    return { ...fixture, outDir };
  });
  // Started together before the tests (two at a time); each test awaits its own child.
  let outcomes: Promise<CliOutcome>[];
  beforeAll(() => {
    outcomes = cases.map((c) => {
      mkdirSync(c.outDir);
      return runCliQueued(["run", relative(REPO_ROOT, c.path), "--out", join(c.outDir, "out.json")]);
    });
  });

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
