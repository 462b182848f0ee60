/**
 * InputError: the one kind of error a user can fix by editing their input.
 *
 * Contract: the message is a single line of the form
 *   `<field path>: expected <what>; found <value>`
 * (or a whole-file message without a path), safe to print: control characters (ESC, NUL,
 * BEL, DEL, the C1 range) and bidirectional overrides from the user's input are escaped as
 * `\x1b`-style text, so an echoed key cannot clear or recolour the terminal, and the message
 * is cut to MAX_MESSAGE_CHARS. The CLI prints it as is and exits with code 2; anything that is
 * not an InputError is a bug in maildrill and is reported as such.
 */
export class InputError extends Error {
  override readonly name = "InputError";

  constructor(message: string) {
    super(safeLine(message));
  }

  /** Builds the standard message for a bad value at a field path such as `fleet.size.lognormal.sigma`. */
  static at(path: string, expected: string, found: unknown): InputError {
    const where = path === "" ? "scenario" : path;
    return new InputError(`${where}: expected ${expected}; found ${describeValue(found)}`);
  }
}

/** Long enough for the longest list of expected keys, short enough to read on one screen. */
const MAX_MESSAGE_CHARS = 600;

// C0 controls (but tab), DEL, C1 controls, and the bidi embeddings/overrides/isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text made printable on one line: line breaks become spaces, other controls `\xNN` / `\uNNNN`, cut to length. */
export function safeLine(text: string): string {
  const line = text.replace(/\s*[\n\r]\s*/g, " ").replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 3)}...` : line;
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

/**
 * Renders a path array (`["backends", "vendor", "bugs", 0]`) as `backends.vendor.bugs[0]`; a
 * key that is not a plain name (the user's own, such as a backend's) is quoted and cut short:
 * `backends["my store"]`.
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z0-9_.-]{1,60}$/.test(key))
      out += out === "" ? key : `.${key}`;
    else out += `[${describeValue(String(key))}]`;
  }
  return out;
}
