/**
 * Bad scenario files get the bad-input contract (README.md#exit-codes): one line on stderr,
 * `maildrill: <field path>: expected <what>; found <value>` (or a whole-file message), exit
 * code 2, no stack trace, nothing on stdout and no output file.
 *
 * Every fixture goes through the loader and the memory guard in-process here, formatted as
 * the CLI formats an InputError (the fixtures and their expectations:
 * test/helpers/badScenarioFixtures.ts); a representative subset also goes through the real
 * CLI in a child process in test/cli/badScenarios.test.ts.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import {
  expectOneLineInputError,
  readFixtures,
  SIDECAR,
  THROUGH_CLI,
} from "../helpers/badScenarioFixtures.js";

const fixtures = readFixtures();

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
