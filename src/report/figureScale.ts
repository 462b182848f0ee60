/**
 * One unit per figure: every cell of a figure's row (compare) or column (sweep) is written in
 * the same unit and scale, chosen from the largest value shown, and the unit is named once in
 * the label ("messages bounced (millions)", "extra storage (PB-days)") rather than in every
 * cell. A reader compares digits, not units, and cells stay narrow enough to fit a terminal.
 *
 * - counts and mailbox-hours: plain grouped numbers up to 999,999; from a million, millions
 *   (or billions) with three significant digits — "639 [533, 745]" under "(millions)";
 * - storage in TB-days: GB-days below 1 TB-day, PB-days from 1,000 TB-days;
 * - days: "(days)"; durations: two units in each cell ("4d 5h"), which is already one format.
 *
 * Contract: pure; `figureScale(kind, values)` ignores non-finite values; never scientific
 * notation (formatQuantity groups digits, and writes "≈0" for what would need an exponent). Signs are kept, so differences use the same scale.
 */
import { formatCount, formatDurationMs } from "./format.js";

export type FigureKind = "count" | "hours" | "days" | "storageTBDays" | "duration";

export interface FigureScale {
  /** Appended to the figure's label, e.g. " (millions)"; "" when the cells say it. */
  unit: string;
  format: (value: number) => string;
}

/** A quantity at reading precision: whole numbers from 100 up, three significant digits below. */
export function formatQuantity(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100 || value === 0) return formatCount(value);
  // Below a millionth JavaScript writes exponents ("1e-7"); such a value is zero to a reader.
  if (Math.abs(value) < 1e-6) return "≈0";
  return String(Number(value.toPrecision(3)));
}

const COUNT_SCALES = [
  [1e9, "billions"],
  [1e6, "millions"],
] as const;

const STORAGE_SCALES = [
  [1e3, "PB-days"],
  [1, "TB-days"],
] as const;

export function figureScale(kind: FigureKind, values: readonly number[]): FigureScale {
  const largest = Math.max(0, ...values.filter(Number.isFinite).map(Math.abs));
  switch (kind) {
    case "duration":
      return { unit: "", format: formatDurationMs };
    case "days":
      return { unit: " (days)", format: formatQuantity };
    case "storageTBDays": {
      const [divisor, name] = STORAGE_SCALES.find(([size]) => largest >= size) ?? [1e-3, "GB-days"];
      return { unit: ` (${largest === 0 ? "TB-days" : name})`, format: scaled(largest === 0 ? 1 : divisor) };
    }
    case "count":
    case "hours": {
      const scale = COUNT_SCALES.find(([size]) => largest >= size);
      return scale === undefined
        ? { unit: "", format: formatQuantity }
        : { unit: ` (${scale[1]})`, format: scaled(scale[0]) };
    }
  }
}

function scaled(divisor: number): (value: number) => string {
  return (value) => formatQuantity(value / divisor);
}
