/**
 * eximRule: the one parser of Exim-style per-host retry rules such as
 * `F,2h,15m; G,16h,1h,1.5; F,4d,6h`, shared by the cross-field checks (which name the bad
 * part) and the world-spec compiler (which hands the model ready `EximRule`s, so the model
 * never parses durations).
 *
 * Each part is `F,<cutoff>,<interval>` (fixed interval until the cutoff) or
 * `G,<cutoff>,<interval>,<factor>` (the interval grows by `factor` ≥ 1 at each retry);
 * durations are positive and written like the rest of the scenario (`15m`, `4d`).
 * The retry ages these rules give are computed in src/model/mail/RetrySchedule.ts.
 */
import { parseDurationMs, UnitError } from "./units.js";

export interface EximRule {
  readonly kind: "F" | "G";
  readonly cutoffMs: number;
  readonly intervalMs: number;
  readonly factor: number;
}

/** One part of a rule list, or undefined when it has the wrong form. */
export function parseEximRulePart(part: string): EximRule | undefined {
  const fields = part.split(",").map((f) => f.trim());
  const kind = fields[0];
  if ((kind !== "F" && kind !== "G") || fields.length !== (kind === "F" ? 3 : 4)) return undefined;
  const cutoffMs = positiveDurationMs(fields[1]!);
  const intervalMs = positiveDurationMs(fields[2]!);
  const factor = kind === "G" ? Number(fields[3]) : 1;
  if (cutoffMs === undefined || intervalMs === undefined || !(factor >= 1)) return undefined;
  return { kind, cutoffMs, intervalMs, factor };
}

/** A whole rule list; throws a RangeError naming the first bad part (the checks ran before). */
export function parseEximRule(text: string): EximRule[] {
  return text.split(";").map((part) => {
    const rule = parseEximRulePart(part);
    if (rule === undefined)
      throw new RangeError(`expected an Exim rule like "F,2h,15m" or "G,16h,1h,1.5"; found "${part.trim()}"`);
    return rule;
  });
}

function positiveDurationMs(text: string): number | undefined {
  try {
    const ms = parseDurationMs(text);
    return ms > 0 ? ms : undefined;
  } catch (error) {
    if (error instanceof UnitError) return undefined;
    throw error;
  }
}
