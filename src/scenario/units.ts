/**
 * Units for scenario files.
 *
 * Authors write quantities the way people say them ("60TB/day", "1h30m", "1.5%"); the engine wants
 * plain numbers in base units. Each parser lexes its input with one linear scan (no regexes, so
 * hostile input cannot trigger backtracking) into number, word and "/" tokens, matches the token
 * shape it expects, and looks units up in small multiplier tables.
 *
 * Contract:
 * - Results: durations in whole ms, sizes in whole bytes, bandwidths in bytes/s, rates in events/s,
 *   fractions in [0, 1], counts as given (not necessarily integers). Always finite and >= 0.
 * - Anything else throws UnitError with one line, `expected <what> (<accepted forms>); found <input>`,
 *   and no field path: the scenario loader adds that.
 * - Strings are trimmed and capped at 100 characters; spaces may separate number and unit ("4 d").
 *   A number is digits with single `_` between digits, an optional `.digits` and `e±digits`.
 * - JavaScript numbers (from YAML/JSON) are read exactly like a bare number in a string: bytes for
 *   sizes, a fraction for fractions, a count for counts, and an error for durations, rates and
 *   bandwidths unless it is 0 (zero needs no unit; a bandwidth must be positive anyway).
 * - 1 mo = 30 days and 1 y = 365 days, fixed: the simulator has no calendar. KB = 1000 B, KiB = 1024 B.
 *   Unit letters are case-sensitive, because case carries meaning: Mb is not MB, m is minutes not mega.
 */

export class UnitError extends Error {
  override name = "UnitError";
}

const MAX_INPUT_LENGTH = 100;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

// Maps, not object literals: a unit word such as "constructor" must not find Object.prototype.
const TIME_MS: ReadonlyMap<string, number> = new Map([
  ["ms", 1],
  ["s", SECOND],
  ["sec", SECOND],
  ["m", MINUTE],
  ["min", MINUTE],
  ["h", HOUR],
  ["hr", HOUR],
  ["d", DAY],
  ["day", DAY],
  ["days", DAY],
  ["w", WEEK],
  ["week", WEEK],
  ["weeks", WEEK],
  ["mo", 30 * DAY],
  ["y", 365 * DAY],
]);

const SIZE_BYTES: ReadonlyMap<string, number> = new Map([
  ["B", 1],
  ["KB", 1e3],
  ["kB", 1e3],
  ["MB", 1e6],
  ["GB", 1e9],
  ["TB", 1e12],
  ["PB", 1e15],
  ["KiB", 2 ** 10],
  ["MiB", 2 ** 20],
  ["GiB", 2 ** 30],
  ["TiB", 2 ** 40],
  ["PiB", 2 ** 50],
]);

const COUNT_SUFFIX: ReadonlyMap<string, number> = new Map([
  ["k", 1e3],
  ["M", 1e6],
  ["G", 1e9],
]);

/** What a parser reads, in the words its error messages use. */
interface Kind {
  readonly noun: string;
  readonly examples: string;
  readonly forms: string;
  /** Completes "a <noun> with ..." when a bare number is given where a unit is required. */
  readonly needs: string;
}

/** The unit words each parser knows, for the JSON Schema's patterns (unitJsonSchema.ts). */
export const UNIT_WORDS = {
  time: [...TIME_MS.keys()],
  size: [...SIZE_BYTES.keys()],
  countSuffix: [...COUNT_SUFFIX.keys()],
} as const;

const TIME_FORMS = "ms s m h d w mo y";
const SIZE_FORMS = "B KB MB GB TB PB KiB MiB GiB TiB PiB";

const DURATION: Kind = {
  noun: "duration",
  examples: "90s, 15m, 6h, 4d",
  forms: `units ${TIME_FORMS}`,
  needs: "a unit",
};
const SIZE: Kind = {
  noun: "size",
  examples: "512MB, 2.5TB, 1GiB",
  forms: `units ${SIZE_FORMS}; a bare number is bytes`,
  needs: "a unit",
};
const BANDWIDTH: Kind = {
  noun: "bandwidth",
  examples: "20GB/s, 60TB/day, 500MB/h",
  forms: `a size in ${SIZE_FORMS} per ${TIME_FORMS}`,
  needs: "a time unit",
};
const RATE: Kind = {
  noun: "rate",
  examples: "100/h, 1.5M/day, 0.5/s",
  forms: `a count with optional suffix k M G per ${TIME_FORMS}`,
  needs: "a time unit",
};
const FRACTION: Kind = {
  noun: "fraction",
  examples: "0.25 or 1.5%",
  forms: "a number from 0 to 1, or a percentage from 0% to 100%",
  needs: "",
};
const COUNT: Kind = {
  noun: "count",
  examples: "9_000_000, 3e9, 1.5M",
  forms: "digits with _ separators, optional exponent, optional suffix k M G",
  needs: "",
};

// Each flaw words the "what" differently, so the message says what to change, not only what was wrong.
const FLAWS = {
  syntax: (k: Kind) => `a ${k.noun}`,
  unit: (k: Kind) => `a ${k.noun} with ${k.needs},`,
  negative: (k: Kind) => `a non-negative ${k.noun}`,
  zero: (k: Kind) => `a positive ${k.noun}`,
  infinite: (k: Kind) => `a finite ${k.noun}`,
  range: (k: Kind) => `a ${k.noun} between 0 and 1,`,
  long: (k: Kind) => `a ${k.noun} of at most ${MAX_INPUT_LENGTH} characters,`,
} satisfies Record<string, (k: Kind) => string>;

type Flaw = keyof typeof FLAWS;

type NumberToken = { readonly kind: "number"; readonly mantissa: string; readonly exponent: number };
type Token = NumberToken | { readonly kind: "word"; readonly text: string } | { readonly kind: "slash" };

// ---------------------------------------------------------------- messages

function fail(kind: Kind, input: unknown, flaw: Flaw): never {
  const what = `${FLAWS[flaw](kind)} such as ${kind.examples}`;
  throw new UnitError(`expected ${what} (${kind.forms}); found ${describe(input)}`);
}

function describe(input: unknown): string {
  if (typeof input === "number") return String(input); // JSON would print NaN and Infinity as null
  if (typeof input !== "string") return clip(safeJson(input));
  if (input.length <= MAX_INPUT_LENGTH) return quote(input);
  return `a ${input.length}-character string starting ${quote(input.slice(0, 20))}`;
}

// JSON leaves U+2028/U+2029 raw, and some viewers break lines there; the message promises one line.
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `a ${typeof value}`;
  }
}

function clip(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 40)}…`;
}

// ---------------------------------------------------------------- lexing

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
const isSpace = (c: string): boolean => c.trim() === "";

/** End of a digit run starting at `i` with single `_` between digits, or -1 if none starts there. */
function scanDigits(text: string, i: number): number {
  if (!isDigit(text[i])) return -1;
  let end = i + 1;
  while (isDigit(text[end]) || (text[end] === "_" && isDigit(text[end + 1]))) end++;
  return end;
}

function scanNumber(text: string, start: number): { token: NumberToken; end: number } | undefined {
  let end = scanDigits(text, start);
  if (end >= 0 && text[end] === ".") end = scanDigits(text, end + 1);
  if (end < 0) return undefined;
  const mantissa = text.slice(start, end).replaceAll("_", "");
  let exponent = 0;
  // An "e" without digits after it is left for the unit lexer, which will reject it.
  if (text[end] === "e" || text[end] === "E") {
    const signed = text[end + 1] === "+" || text[end + 1] === "-";
    let j = end + (signed ? 2 : 1);
    if (isDigit(text[j])) {
      while (isDigit(text[j])) j++;
      exponent = Number(text.slice(end + 1, j));
      end = j;
    }
  }
  return { token: { kind: "number", mantissa, exponent }, end };
}

function lex(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === "/") {
      tokens.push({ kind: "slash" });
      i++;
    } else if (c === "%") {
      tokens.push({ kind: "word", text: c });
      i++;
    } else if (isLetter(c)) {
      const start = i;
      while (isLetter(text[i])) i++;
      tokens.push({ kind: "word", text: text.slice(start, i) });
    } else {
      const scanned = scanNumber(text, i);
      if (scanned === undefined) return undefined;
      tokens.push(scanned.token);
      i = scanned.end;
    }
  }
  return tokens;
}

/** A JS number as the token its decimal spelling would lex to, so it gets exactly the string checks. */
function numberToken(value: number): NumberToken {
  const [mantissa = "0", exponent = "0"] = String(value).split("e");
  return { kind: "number", mantissa, exponent: Number(exponent) };
}

// ---------------------------------------------------------------- arithmetic

// Powers of ten are applied by moving the decimal point, so "1.1k" is exactly 1100 rather than
// 1.1 * 1000 = 1100.0000000000002, which would fail a caller's integrality check.
function shifted(n: NumberToken, places: number): number {
  return Number(`${n.mantissa}e${n.exponent + places}`);
}

function scaled(n: NumberToken, multiplier: number): number {
  const places = Math.round(Math.log10(multiplier));
  return places >= 0 && 10 ** places === multiplier ? shifted(n, places) : shifted(n, 0) * multiplier;
}

// ---------------------------------------------------------------- token shapes

/** `number` or `number unit` with the unit from `units`; undefined for any other shape. */
function readAmount(tokens: readonly Token[], units: ReadonlyMap<string, number>): number | undefined {
  const [n, unit, ...rest] = tokens;
  if (n?.kind !== "number" || rest.length > 0) return undefined;
  if (unit === undefined) return shifted(n, 0);
  const multiplier = unit.kind === "word" ? units.get(unit.text) : undefined;
  return multiplier === undefined ? undefined : scaled(n, multiplier);
}

/** `amount / timeunit` as amount per second. */
function readPerSecond(tokens: readonly Token[], units: ReadonlyMap<string, number>): number | Flaw {
  const slash = tokens.findIndex((t) => t.kind === "slash");
  if (slash < 0) return readAmount(tokens, units) === undefined ? "syntax" : "unit";
  const amount = readAmount(tokens.slice(0, slash), units);
  const per = tokens.slice(slash + 1);
  const ms = per.length === 1 && per[0]?.kind === "word" ? TIME_MS.get(per[0].text) : undefined;
  if (amount === undefined || ms === undefined) return "syntax";
  return amount / (ms / SECOND);
}

function readDuration(tokens: readonly Token[]): number | Flaw {
  const [first] = tokens;
  if (tokens.length === 1 && first?.kind === "number") return shifted(first, 0) === 0 ? 0 : "unit";
  let total = 0;
  // Units must strictly decrease ("1h30m", not "30m1h" or "1m30m"): repeats are almost always typos.
  let previous = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tokens.length; i += 2) {
    const n = tokens[i];
    const unit = tokens[i + 1];
    if (n?.kind !== "number") return "syntax";
    if (unit === undefined) return "unit";
    const ms = unit.kind === "word" ? TIME_MS.get(unit.text) : undefined;
    if (ms === undefined || ms >= previous) return "syntax";
    previous = ms;
    total += scaled(n, ms);
  }
  return Math.round(total);
}

function readSize(tokens: readonly Token[]): number | Flaw {
  const bytes = readAmount(tokens, SIZE_BYTES);
  return bytes === undefined ? "syntax" : Math.round(bytes);
}

function readBandwidth(tokens: readonly Token[]): number | Flaw {
  const [first, second] = tokens;
  // A bandwidth with no size unit ("500/s") is more likely a rate in the wrong field than bytes.
  if (first?.kind === "number" && second?.kind === "slash") return "syntax";
  const perSecond = readPerSecond(tokens, SIZE_BYTES);
  return perSecond === 0 ? "zero" : perSecond;
}

function readRate(tokens: readonly Token[]): number | Flaw {
  const [first] = tokens;
  if (tokens.length === 1 && first?.kind === "number" && shifted(first, 0) === 0) return 0;
  return readPerSecond(tokens, COUNT_SUFFIX);
}

function readFraction(tokens: readonly Token[]): number | Flaw {
  const [n, unit, ...rest] = tokens;
  if (n?.kind !== "number" || rest.length > 0) return "syntax";
  if (unit !== undefined && (unit.kind !== "word" || unit.text !== "%")) return "syntax";
  const value = shifted(n, unit === undefined ? 0 : -2);
  return value <= 1 ? value : "range";
}

function readCount(tokens: readonly Token[]): number | Flaw {
  return readAmount(tokens, COUNT_SUFFIX) ?? "syntax";
}

// ---------------------------------------------------------------- entry points

function parse(kind: Kind, input: unknown, read: (tokens: readonly Token[]) => number | Flaw): number {
  const result = interpret(input, read);
  if (typeof result === "string") fail(kind, input, result);
  if (!Number.isFinite(result)) fail(kind, input, "infinite");
  return result === 0 ? 0 : result; // no -0 leaking out of "-0" arithmetic
}

function interpret(input: unknown, read: (tokens: readonly Token[]) => number | Flaw): number | Flaw {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return "infinite";
    return input < 0 ? "negative" : read([numberToken(input)]);
  }
  if (typeof input !== "string") return "syntax";
  if (input.length > MAX_INPUT_LENGTH) return "long";
  const text = input.trim();
  // Name the sign as the problem only when a number follows; "-h" is just malformed.
  if (text.startsWith("-") && isDigit(text.slice(1).trimStart()[0])) return "negative";
  const tokens = lex(text);
  return tokens === undefined || tokens.length === 0 ? "syntax" : read(tokens);
}

/** "250ms", "1.5h", "1h30m", "4d 12h" → milliseconds (integer). A bare number is an error unless 0. */
export function parseDurationMs(input: string | number): number {
  return parse(DURATION, input, readDuration);
}

/** "2.5TB", "1GiB", "1_000MB", or a bare number of bytes → bytes (integer). */
export function parseSizeBytes(input: string | number): number {
  return parse(SIZE, input, readSize);
}

/** "20GB/s", "60TB/day" → bytes per second, > 0. */
export function parseBandwidthBytesPerSec(input: string | number): number {
  return parse(BANDWIDTH, input, readBandwidth);
}

/** "100/h", "1.5M/day", "0.5/s" → events per second. A bare number is an error unless 0. */
export function parseRatePerSec(input: string | number): number {
  return parse(RATE, input, readRate);
}

/** "1.5%" → 0.015, or a bare number already in [0, 1]. */
export function parseFraction(input: string | number): number {
  return parse(FRACTION, input, readFraction);
}

/** "9_000_000", "3e9", "1.5M" → a non-negative number; callers check integrality. */
export function parseCount(input: string | number): number {
  return parse(COUNT, input, readCount);
}

// ---------------------------------------------------------------- formatting

const FORMAT_TIME: readonly (readonly [string, number])[] = [
  ["d", DAY],
  ["h", HOUR],
  ["m", MINUTE],
  ["s", SECOND],
  ["ms", 1],
];

/**
 * Short and parseable back: at most two units, the second rounded. A unit is used only when the value
 * is a whole number of it or at least two of it, so reports say "90s" and "36h", not "1m 30s" and "1d 12h".
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDurationMs(-ms)}`;
  const whole = Math.round(ms);
  const found = FORMAT_TIME.findIndex(
    ([, size]) => whole >= 2 * size || (whole >= size && whole % size === 0),
  );
  const i = found < 0 ? FORMAT_TIME.length - 1 : found;
  const [unit, size] = FORMAT_TIME[i]!;
  const next = FORMAT_TIME[i + 1];
  if (next === undefined) return `${whole}${unit}`;
  const [minorUnit, minorSize] = next;
  // Round in the minor unit first so that 4d 23h 45m carries to "5d" instead of printing "4d 24h".
  const minors = Math.round(whole / minorSize);
  const perMajor = size / minorSize;
  const major = Math.floor(minors / perMajor);
  const minor = minors % perMajor;
  return minor === 0 ? `${major}${unit}` : `${major}${unit} ${minor}${minorUnit}`;
}

const FORMAT_BYTES = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

/** Decimal units, three significant digits: "2.5 TB", "1.23 MB", "512 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  // Step up while the rounded figure reaches 1000, so 999_999 B prints as "1 MB", not "1000 KB".
  let i = 0;
  let shown = Number(bytes.toPrecision(3));
  while (shown >= 1000 && i < FORMAT_BYTES.length - 1) {
    i++;
    shown = Number((bytes / 1000 ** i).toPrecision(3));
  }
  return `${shown} ${FORMAT_BYTES[i]}`;
}
