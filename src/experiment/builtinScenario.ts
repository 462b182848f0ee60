/**
 * The built-in scenarios: the files in the package's `scenarios/` folder, usable by name
 * (`maildrill run libero-2023`) from a clone or an installed package alike. The folder is found
 * relative to this module (`../../scenarios` from `src/experiment/` and `dist/experiment/`),
 * never relative to the working directory, so a name works wherever maildrill is run from;
 * the package's `files` ships the folder. The quickstart is what `run`, `check` and `replay`
 * use when no scenario is given, the Libero 2023 migration what `compare` (and `maildrill`
 * alone) uses.
 *
 * Contract: `resolveScenarioArgument(arg)` returns `arg` when it names an existing file (a
 * file always wins over a built-in name), else the built-in file of that name (with or
 * without `.yaml`), else `arg` itself when it has a folder in it (the loader then says the
 * file cannot be read), else throws a one-line InputError listing the built-in names.
 * `builtinScenarios()` lists the top-level `*.yaml` files in name order with the first
 * sentence of each one's `description` (or of its header comment); it does not validate them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { InputError } from "../scenario/InputError.js";

const BUILTIN_SCENARIO_NAME = "quickstart";
const BUILTIN_COMPARE_SCENARIO_NAME = "libero-2023";
const EXTENSION = ".yaml";

export interface BuiltinScenario {
  name: string;
  /** One sentence saying what the scenario is. */
  summary: string;
  path: string;
}

/** The path of the scenario `maildrill run` uses when none is given (the shipped quickstart). */
export function builtinScenarioPath(): string {
  return shippedScenario(BUILTIN_SCENARIO_NAME);
}

/** The scenario `maildrill compare` (and `maildrill` alone) weighs strategies on. */
export function builtinCompareScenarioPath(): string {
  return shippedScenario(BUILTIN_COMPARE_SCENARIO_NAME);
}

/** The name a built-in is called by (`libero-2023`), or undefined for a path that is not one. */
export function builtinNameOf(path: string): string | undefined {
  return builtinScenarios().find((s) => s.path === path)?.name;
}

export function resolveScenarioArgument(arg: string): string {
  if (existsSync(arg) && statSync(arg).isFile()) return arg;
  const name = arg.endsWith(EXTENSION) ? arg.slice(0, -EXTENSION.length) : arg;
  const builtin = builtinScenarios().find((s) => s.name === name);
  if (builtin !== undefined) return builtin.path;
  // A path with folders was meant as a file: the loader's "cannot read" names the real problem.
  if (/[/\\]/.test(arg)) return arg;
  throw new InputError(
    `${arg}: expected a scenario file or a built-in scenario (${builtinScenarios()
      .map((s) => s.name)
      .join(", ")}); found neither`,
  );
}

export function builtinScenarios(): BuiltinScenario[] {
  const folder = scenariosFolder();
  return readdirSync(folder)
    .filter((file) => file.endsWith(EXTENSION))
    .sort()
    .map((file) => {
      const path = `${folder}/${file}`;
      return { name: file.slice(0, -EXTENSION.length), summary: summaryOf(readFileSync(path, "utf8")), path };
    });
}

/** The first sentence of the description, else of the header comment after "name:". */
function summaryOf(text: string): string {
  const data = parseYaml(text) as { description?: unknown } | null;
  const description = typeof data?.description === "string" ? data.description : "";
  const comment = /^#\s*[\w.-]+:\s*(.*)$/m.exec(text)?.[1] ?? "";
  return firstSentence(description.trim() !== "" ? description : comment);
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/[.;](\s|$)/);
  const sentence = end < 0 ? flat : flat.slice(0, end);
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function scenariosFolder(): string {
  return fileURLToPath(new URL("../../scenarios", import.meta.url));
}

function shippedScenario(name: string): string {
  return `${scenariosFolder()}/${name}${EXTENSION}`;
}
