/** Test helpers: load fixture scenarios through the real loader, and run them with every checker attached. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RunResult } from "../../src/experiment/runScenario.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { type CheckedRunOptions, runChecked } from "./checkedRun.js";

export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** A scenario from test/fixtures, through the real loader. */
export function loadFixture(relative: string): Scenario {
  return loadScenarioFile(fixturePath(relative));
}

export function runFixture(relative: string, options: CheckedRunOptions = {}): RunResult {
  return runChecked(loadFixture(relative), options);
}

/** |z| of an estimate against a reference with a standard error. */
export function zScore(estimate: number, reference: number, standardError: number): number {
  return Math.abs(estimate - reference) / standardError;
}

/**
 * test/fixtures/experiment/migration-small.yaml with `mailboxes` mailboxes instead of 300,
 * written into `folder` as `name`: runs of a few hundred ms (4000) let a test kill or restart
 * something in the middle of one; a few ms (20) leave only the machinery to measure.
 */
export function migrationSmallWith(mailboxes: number, write: (name: string, text: string) => string): string {
  const text = readFileSync(fixturePath("experiment/migration-small.yaml"), "utf8");
  return write(`migration-${mailboxes}.yaml`, text.replace(/mailboxes: 300\n/, `mailboxes: ${mailboxes}\n`));
}
