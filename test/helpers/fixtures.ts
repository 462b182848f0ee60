/** Test helpers: load fixture scenarios through the real loader, and run them. */
import { fileURLToPath } from "node:url";
import { type RunOptions, type RunResult, runScenario } from "../../src/experiment/runScenario.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";

function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** A scenario from test/fixtures, through the real loader. */
export function loadFixture(relative: string): Scenario {
  return loadScenarioFile(fixturePath(relative));
}

export function runFixture(relative: string, options: RunOptions = {}): RunResult {
  return runScenario(loadFixture(relative), options);
}

/** |z| of an estimate against a reference with a standard error. */
export function zScore(estimate: number, reference: number, standardError: number): number {
  return Math.abs(estimate - reference) / standardError;
}
