/**
 * The built-in default scenarios: the files maildrill uses when no scenario is given — the
 * quickstart for `run`, the Libero 2023 migration for `compare` (and for `maildrill` with no
 * arguments). They ship in the package's `scenarios/` folder, found relative to this module so
 * they work from the sources (tsx) and from the compiled `dist/` alike.
 */
import { fileURLToPath } from "node:url";

const BUILTIN_SCENARIO_FILE = "quickstart.yaml";
const BUILTIN_COMPARE_SCENARIO_FILE = "libero-2023.yaml";

/** The path of the scenario `maildrill run` uses when none is given (the shipped quickstart). */
export function builtinScenarioPath(): string {
  return shippedScenario(BUILTIN_SCENARIO_FILE);
}

/** The scenario `maildrill compare` (and `maildrill` alone) weighs strategies on. */
export function builtinCompareScenarioPath(): string {
  return shippedScenario(BUILTIN_COMPARE_SCENARIO_FILE);
}

function shippedScenario(file: string): string {
  return fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url));
}
