/**
 * A path into a scenario file as written (the raw YAML/JSON, before validation and defaults),
 * and setting the value it names: what `sweep --vary` and a scenario's `variants:` overlays
 * both do to a file before validating it again.
 *
 * A path is keys joined by dots, list items by `[i]` from 0, e.g.
 * `strategies.canary.steps[1].pause` or `backends.vendor.bugs[0].trigger.per`. Every step but
 * the last must exist (a typo there is caught at once, with a "did you mean"); the last key
 * may be missing, so that a default can be overridden — a misspelt last key is then caught by
 * the strict schema when the changed file is validated.
 *
 * Contract: `setValueAt` never changes its input; every problem is an InputError whose field
 * is the `label` the caller gives (the option or the scenario key the path came from).
 */
import { closestMatch } from "./didYouMean.js";
import { describeValue, formatPath, InputError } from "./InputError.js";

export type PathStep = string | number;

const MAX_KEYS_LISTED = 8;

/** `a.b[2].c` → ["a", "b", 2, "c"]; undefined when the text is not such a path. */
export function pathSteps(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[\]\s]+)((?:\[\d+\])*)$/.exec(part);
    if (match === null) return undefined;
    steps.push(match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

/** A copy of `data` with the value at `steps` set to `value`. */
export function setValueAt(
  data: unknown,
  steps: readonly PathStep[],
  value: unknown,
  label: string,
): unknown {
  const copy = structuredClone(data);
  let node: unknown = copy;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const where = formatPath(steps.slice(0, i)) || "the scenario";
    if (typeof step === "number") node = arrayItem(node, step, last, label, where, value);
    else node = objectEntry(node, step, last, label, where, value);
  });
  return copy;
}

function arrayItem(
  node: unknown,
  index: number,
  last: boolean,
  label: string,
  where: string,
  value: unknown,
): unknown {
  if (!Array.isArray(node)) throw InputError.at(label, `a list at ${where}`, node);
  if (index >= node.length)
    throw InputError.at(label, `an index below ${node.length} (the length of ${where})`, index);
  if (last) node[index] = value;
  return node[index];
}

function objectEntry(
  node: unknown,
  key: string,
  last: boolean,
  label: string,
  where: string,
  value: unknown,
): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node))
    throw InputError.at(label, `a mapping at ${where}`, node);
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
      `${label}: expected a key of ${where} (${listed}); found ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ""}`,
    );
  }
  return record[key];
}
