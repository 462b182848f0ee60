/**
 * The line a `--precision` compare ends with: whether every mean reached the asked-for
 * relative half-width, after how many runs, or that the `--max-runs` cap stopped it first and
 * which mean was still the least precise.
 *
 * Contract: pure; no trailing newline.
 */
import type { PrecisionStop } from "../experiment/precision.js";
import type { Palette } from "./colors.js";
import { formatPercent } from "./format.js";

export function precisionText(stop: PrecisionStop, colors: Palette): string {
  const target = formatPercent(stop.target, 1);
  const widest =
    stop.widest === null
      ? ""
      : ` (least precise: ${stop.widest.where}, ±${Number.isFinite(stop.widest.relativeHalfWidth) ? formatPercent(stop.widest.relativeHalfWidth, 1) : "∞"})`;
  if (stop.met)
    return colors.green(
      `Precision reached: every 95% interval within ±${target} of its mean after ${stop.runs} runs${widest}.`,
    );
  return colors.yellow(
    `Precision not reached: stopped at --max-runs ${stop.maxRuns} with an interval still wider than ±${target}${widest}.`,
  );
}
