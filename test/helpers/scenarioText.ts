/** Test helpers: load a scenario file's raw data, change it, and validate it through the real loader. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { validateScenario } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";

/** The raw (unvalidated) data of a file, relative to the repository root. */
function rawScenario(relativeToRepo: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../../${relativeToRepo}`, import.meta.url));
  return parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

/** Raw YAML data: untyped, so tests can reach into any key. */
// biome-ignore lint/suspicious/noExplicitAny: raw YAML is untyped; tests edit it freely
type RawData = Record<string, any>;

/** Validates raw data after `change` edits it in place. */
export function editedScenario(relativeToRepo: string, change: (raw: RawData) => void): Scenario {
  const raw = rawScenario(relativeToRepo);
  change(raw);
  return validateScenario(raw);
}
