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
import { closestMatch } from "../scenario/didYouMean.js";
import { describeValue, formatPath, InputError } from "../scenario/InputError.js";

type PathStep = string | number;

/** A scenario path and the values a sweep gives it. */
export interface Vary {
  /** The path as written, e.g. `backends.vendor.nodes`. */
  path: string;
  steps: PathStep[];
  /** The values it takes, as read from YAML, in the order given. */
  values: unknown[];
}

const MAX_KEYS_LISTED = 8;
const FORM = "path=value1,value2,... (e.g. backends.vendor.nodes=100,200)";

/** Parses a `--vary` argument, `path=value1,value2,…`, into a `Vary`; bad input throws `InputError`. */
export function parseVary(spec: string): Vary {
  const equals = spec.indexOf("=");
  if (equals <= 0) throw InputError.at("--vary", FORM, spec);
  const path = spec.slice(0, equals).trim();
  const steps = parsePath(path, spec);
  const texts = splitTopLevel(spec.slice(equals + 1), spec);
  if (texts.some((t) => t.trim() === ""))
    throw InputError.at(`--vary ${path}`, "non-empty values between commas", spec);
  return { path, steps, values: texts.map((t) => readValue(t, path)) };
}

/** `a.b[2].c` → ["a", "b", 2, "c"]. */
function parsePath(path: string, spec: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]\s]+)((?:\[\d+\])*)$/.exec(part);
    if (match === null)
      throw InputError.at("--vary", `a path of keys and [index]es such as a.b[0].c before "="`, spec);
    steps.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
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
 * A copy of `data` with the value at `steps` set to `value`; `data` is not changed. The
 * parent of the last step must exist; the last key may be new.
 */
export function withValueAt(data: unknown, vary: Pick<Vary, "path" | "steps">, value: unknown): unknown {
  const copy = structuredClone(data);
  let node: unknown = copy;
  vary.steps.forEach((step, i) => {
    const last = i === vary.steps.length - 1;
    const where = formatPath(vary.steps.slice(0, i)) || "the scenario";
    if (typeof step === "number") node = arrayItem(node, step, last, vary.path, where, value);
    else node = objectEntry(node, step, last, vary.path, where, value);
  });
  return copy;
}

function arrayItem(
  node: unknown,
  index: number,
  last: boolean,
  path: string,
  where: string,
  value: unknown,
): unknown {
  if (!Array.isArray(node)) throw InputError.at(`--vary ${path}`, `a list at ${where}`, node);
  if (index >= node.length)
    throw InputError.at(`--vary ${path}`, `an index below ${node.length} (the length of ${where})`, index);
  if (last) node[index] = value;
  return node[index];
}

function objectEntry(
  node: unknown,
  key: string,
  last: boolean,
  path: string,
  where: string,
  value: unknown,
): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node))
    throw InputError.at(`--vary ${path}`, `a mapping at ${where}`, node);
  const record = node as Record<string, unknown>;
  if (last) {
    record[key] = value;
    return value;
  }
  if (!Object.hasOwn(record, key)) {
    const keys = Object.keys(record);
    const hint = closestMatch(key, keys);
    const listed =
      keys.length > MAX_KEYS_LISTED ? `${keys.slice(0, MAX_KEYS_LISTED).join(", ")}, ...` : keys.join(", ");
    throw new InputError(
      `--vary ${path}: expected a key of ${where} (${listed}); found ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
    );
  }
  return record[key];
}
