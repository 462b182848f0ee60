/**
 * `--vary path=v1,v2,…`: which scenario value a sweep changes, and the values it takes.
 *
 * The path addresses the scenario file as written (the raw YAML/JSON, before validation and
 * defaults): keys joined by dots, list items by `[i]` from 0, e.g.
 * `strategies.canary.steps[1].pause` or `backends.vendor.bugs[0].trigger.threshold`. Every
 * step but the last must exist in the file (a typo there is caught at once, with a "did you
 * mean"); the last key may be missing, so that a default can be overridden — and a misspelt
 * last key is caught by the strict schema when the point is validated.
 *
 * Values are split at commas outside brackets and quotes, and each is read as a YAML value,
 * exactly as if written in the file: `3e9` is a number, `30d` a string, `{ uniform: [3e9, 6e9] }`
 * a mapping, `"F,2h,15m"` a string with commas.
 *
 * Contract: every problem is an InputError naming `--vary` and the spec as given.
 */
import { parse as parseYaml } from "yaml";
import { InputError } from "../scenario/InputError.js";
import { type PathStep, pathSteps, setValueAt } from "../scenario/valuePath.js";

/** A scenario path and the values a sweep gives it. */
export interface Vary {
  /** The path as written, e.g. `backends.vendor.nodes`. */
  path: string;
  steps: PathStep[];
  /** The values it takes, as read from YAML, in the order given. */
  values: unknown[];
}

const FORM = "path=value1,value2,... (e.g. backends.vendor.nodes=100,200)";

/** Parses a `--vary` argument, `path=value1,value2,…`, into a `Vary`; bad input throws `InputError`. */
export function parseVary(spec: string): Vary {
  const equals = spec.indexOf("=");
  if (equals <= 0) throw InputError.at("--vary", FORM, spec);
  const path = spec.slice(0, equals).trim();
  const steps = pathSteps(path);
  if (steps === undefined)
    throw InputError.at("--vary", `a path of keys and [index]es such as a.b[0].c before "="`, spec);
  const texts = splitTopLevel(spec.slice(equals + 1), spec);
  if (texts.some((t) => t.trim() === ""))
    throw InputError.at(`--vary ${path}`, "non-empty values between commas", spec);
  return { path, steps, values: texts.map((t) => readValue(t, path)) };
}

/** Splits at commas that are not inside [], {} or quotes. */
function splitTopLevel(text: string, spec: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) break;
  }
  if (depth !== 0 || quote !== null)
    throw InputError.at("--vary", "balanced brackets and quotes in the values", spec);
  parts.push(text.slice(start));
  return parts;
}

function readValue(text: string, path: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw InputError.at(
      `--vary ${path}`,
      `values written as in the scenario file (${(error as Error).message.split("\n")[0]})`,
      text.trim(),
    );
  }
}

/**
 * A copy of `data` with the value at the vary's path set to `value`; `data` is not changed.
 * The parent of the last step must exist; the last key may be new.
 */
export function withValueAt(data: unknown, vary: Pick<Vary, "path" | "steps">, value: unknown): unknown {
  return setValueAt(data, vary.steps, value, `--vary ${vary.path}`);
}
