/**
 * Numbers as a reader scans them in a terminal report.
 *
 * The formats trade precision for reading speed, but never say something false: a share
 * that is positive but rounds to zero prints as "<0.01%", not "0.00%" (one silently lost
 * message in nine billion must not read as none), and an availability below 1 never prints
 * as "100%". The same input always gives the same text: no locale, no `Intl`.
 *
 * Contract (non-finite inputs print as `String(n)`; negatives get a leading "-"):
 * - `formatCount(9_000_000)` → "9,000,000" (rounded to an integer).
 * - `formatHours(216_000)` → "216,000 h"; below 100 h, three significant digits ("5.25 h").
 * - `formatPercent(0.999312, 4)` → "99.9312%".
 * - `formatDurationMs`: "0s", "850ms", "42s", "4m 12s", "6h 05m", "5d 3h"; each figure is
 *   rounded in its smaller unit first, so 59.6 s prints as "1m 00s", never "60s".
 */

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND } from "../engine/time.js";

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const whole = Math.round(Math.abs(n));
  const digits = whole.toFixed(0);
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 && whole !== 0 ? `-${grouped}` : grouped;
}

export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return String(hours);
  if (Math.abs(hours) >= 100 || hours === 0) return `${formatCount(hours)} h`;
  return `${Number(hours.toPrecision(3))} h`;
}

export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const text = (fraction * 100).toFixed(digits);
  const smallest = (10 ** -digits).toFixed(digits);
  // Rounding must not turn "some" into "none" or "almost all" into "all".
  if (fraction > 0 && Number(text) === 0) return `<${smallest}%`;
  if (fraction < 1 && Number(text) >= 100) return `>${(100 - 10 ** -digits).toFixed(digits)}%`;
  return `${text}%`;
}

/** [unit size, minor unit size, unit, minor unit, limit in units, pad the minor figure]. */
const DURATION_UNITS = [
  [MS_PER_MINUTE, MS_PER_SECOND, "m", "s", 60, true],
  [MS_PER_HOUR, MS_PER_MINUTE, "h", "m", 24, true],
  [MS_PER_DAY, MS_PER_HOUR, "d", "h", Number.POSITIVE_INFINITY, false],
] as const;

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDurationMs(-ms)}`;
  const wholeMs = Math.round(ms);
  if (wholeMs === 0) return "0s";
  if (wholeMs < MS_PER_SECOND) return `${wholeMs}ms`;
  const seconds = Math.round(ms / MS_PER_SECOND);
  if (seconds < 60) return `${seconds}s`;
  for (const [size, minorSize, unit, minorUnit, limit, pad] of DURATION_UNITS) {
    const minors = Math.round(ms / minorSize);
    const perUnit = size / minorSize;
    const major = Math.floor(minors / perUnit);
    if (major >= limit) continue;
    const minor = String(minors % perUnit);
    return `${major}${unit} ${pad ? minor.padStart(2, "0") : minor}${minorUnit}`;
  }
  throw new Error("unreachable: the day unit has no limit");
}
