/**
 * InputError: the one kind of error a user can fix by editing their input.
 *
 * Contract: the message is a single line of the form
 *   `<field path>: expected <what>; found <value>`
 * (or a whole-file message without a path). The CLI prints it as is and exits with code 2;
 * anything that is not an InputError is a bug in maildrill and is reported as such.
 */
export class InputError extends Error {
  override readonly name = "InputError";

  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
  }

  /** Builds the standard message for a bad value at a field path such as `fleet.size.lognormal.sigma`. */
  static at(path: string, expected: string, found: unknown): InputError {
    const where = path === "" ? "scenario" : path;
    return new InputError(`${where}: expected ${expected}; found ${describeValue(found)}`);
  }
}

/** A short, one-line rendering of a value for error messages (long values are cut). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (the key is missing)";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Renders a path array (`["backends", "vendor", "bugs", 0]`) as `backends.vendor.bugs[0]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}
