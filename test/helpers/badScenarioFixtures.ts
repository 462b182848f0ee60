/**
 * The bad-scenario fixtures (test/fixtures/bad-scenarios): every file is broken in exactly one
 * way and states the message it must get in its first line (`# expect: …`), or in SIDECAR when
 * the file cannot hold a comment (an empty file, JSON). Shared by the in-process check of every
 * fixture (test/scenario/badScenarios.test.ts) and the child-process check of a representative
 * subset through the real CLI (test/cli/badScenarios.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/bad-scenarios/", import.meta.url));
const EXPECT_PREFIX = "# expect: ";

/** Expectations for fixtures that cannot carry a `# expect:` comment. */
export const SIDECAR: Record<string, string> = {
  "empty.yaml": "empty.yaml: the scenario file is empty",
  "json-negative-mailboxes.json":
    "fleet.mailboxes: expected a non-negative count such as 9_000_000, 3e9, 1.5M (digits with _ separators, optional exponent, optional suffix k M G); found -20",
  "json-syntax-error.json":
    "json-syntax-error.json: YAML syntax error at line 4, column 3: Missing , between flow map items",
};

/** Run through the real CLI as well: whole-file errors, the memory guard, a did-you-mean, a cross-field check. */
export const THROUGH_CLI = [
  "yaml-syntax-error.yaml",
  "yaml-alias-bomb.yaml",
  "huge-fleet.yaml",
  "unknown-key-top-level.yaml",
  "empty.yaml",
  "json-negative-mailboxes.json",
  "fault-at-beyond-horizon.yaml",
];

export interface BadScenarioFixture {
  file: string;
  path: string;
  expected: string;
}

/** Every fixture with its expected message, in file-name order. */
export function readFixtures(): BadScenarioFixture[] {
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

/** Asserts the one-line, no-stack-trace shape shared by the in-process and child-process checks. */
export function expectOneLineInputError(line: string, expected: string): void {
  expect(line).not.toContain("\n");
  expect(line.startsWith("maildrill: ")).toBe(true);
  expectFragmentsInOrder(line, expected);
  expect(line).not.toMatch(/internal error/i);
  expect(line).not.toMatch(/^\s+at /m);
}
