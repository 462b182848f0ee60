/**
 * loadPropertyModule: a user's own property from a JavaScript module (or a TypeScript one when
 * Node runs with a TypeScript loader such as tsx), for `maildrill check --property ./p.js`.
 *
 * The module's default export, or its export named `property`, is either a predicate
 * `(result) => boolean` over the run result (`RunResult`, as `maildrill run --json` prints
 * it), named after the file, or an object `{ name, holds(result) }`. As in fast-check,
 * returning `false` or throwing is a violation.
 *
 * Contract: problems a user can fix — no such file, a module that fails to load, nothing
 * usable exported — are one InputError naming `--property <file>`.
 */
import { basename, extname } from "node:path";
import { InputError } from "../../scenario/InputError.js";
import { guardPluginCall } from "../../scenario/PluginError.js";
import { importUserModule } from "../importUserModule.js";
import type { RunResult } from "../runScenario.js";
import type { RunProperty } from "./propertyCatalogue.js";

/** Whether a `--property` value names a module file rather than a catalogue property. */
export function looksLikeModulePath(text: string): boolean {
  return /[/\\]/.test(text) || /\.(m?js|cjs|m?ts|cts)$/.test(text);
}

/** Loads a property from a module file (its default export or its `property` export: a predicate over a `RunResult`). */
export async function loadPropertyModule(path: string): Promise<RunProperty> {
  const source = `--property ${path}`;
  const { file, module } = await importUserModule(path, source);
  return propertyFrom(module.default ?? module.property, basename(file, extname(file)), source);
}

function propertyFrom(candidate: unknown, fileName: string, source: string): RunProperty {
  if (typeof candidate === "function") {
    const predicate = candidate as (result: RunResult) => boolean | undefined;
    return {
      name: fileName,
      holds: (result) => guardPluginCall(source, "its check", () => predicate(result)),
    };
  }
  const object = candidate as Partial<RunProperty> | null | undefined;
  if (object && typeof object === "object" && typeof object.holds === "function") {
    const name = typeof object.name === "string" && object.name !== "" ? object.name : fileName;
    const holds = object.holds;
    return {
      name,
      holds: (result) => guardPluginCall(source, "holds()", () => holds.call(object, result)),
    };
  }
  throw new InputError(
    `${source}: expected a predicate (result) => boolean, or { name, holds(result) }, as the default export or the export "property"; found ${candidate === undefined ? "neither" : typeof candidate}`,
  );
}
