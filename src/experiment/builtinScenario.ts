/**
 * The built-in default scenario: the file maildrill runs when no scenario is given. It ships
 * in the package's `scenarios/` folder, found relative to this module so it works from the
 * sources (tsx) and from the compiled `dist/` alike.
 */
import { fileURLToPath } from "node:url";

const BUILTIN_SCENARIO_FILE = "quickstart.yaml";

export function builtinScenarioPath(): string {
  return fileURLToPath(new URL(`../../scenarios/${BUILTIN_SCENARIO_FILE}`, import.meta.url));
}
