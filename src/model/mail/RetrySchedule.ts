/**
 * RetrySchedule: when a sending MTA tries again after the receiver deferred its message, and
 * when it gives up and bounces.
 *
 * A schedule is a list of attempt ages t₀ = 0 < t₁ < t₂ < … and a lifetime L. Two give-up
 * rules exist (docs/validation.md#bounces-past-the-queue-lifetime): `at-attempt` (Postfix: bounce at the first failed attempt
 * whose age has reached L, so the effective lifetime is L′ = min{t_k ≥ L}) and `at-lifetime`
 * (give up exactly at age L with no final attempt). Per-message schedules count ages from
 * each message's arrival; a per-host schedule (Exim) counts them from the host's first
 * failure, which we take as the outage start: every queued message then goes at the host's
 * next retry, all together.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND } from "../../engine/time.js";

export type GiveUpRule = "at-attempt" | "at-lifetime";

export interface RetrySchedule {
  readonly name: string;
  readonly perHost: boolean;
  readonly lifetimeMs: number;
  readonly giveUp: GiveUpRule;
  /** Attempt ages, ascending from 0, covering at least `coverMs` (and past the lifetime). */
  readonly attemptAgesMs: Float64Array;
}

/** Postfix-style backoff: the next attempt comes `clamp(age, firstMs, maxMs)` after the last. */
export function backoffSchedule(
  name: string,
  firstMs: number,
  maxMs: number,
  lifetimeMs: number,
  giveUp: GiveUpRule,
): RetrySchedule {
  const ages = [0];
  let age = 0;
  while (age < lifetimeMs) {
    age += Math.min(Math.max(age, firstMs), maxMs);
    ages.push(age);
  }
  return { name, perHost: false, lifetimeMs, giveUp, attemptAgesMs: Float64Array.from(ages) };
}

/** A fixed interval between attempts (the RFC 5321 "at least 30 minutes" reading). */
export function fixedSchedule(
  name: string,
  everyMs: number,
  lifetimeMs: number,
  giveUp: GiveUpRule,
): RetrySchedule {
  const ages = [0];
  for (let age = everyMs; ages[ages.length - 1]! < lifetimeMs; age += everyMs) ages.push(age);
  return { name, perHost: false, lifetimeMs, giveUp, attemptAgesMs: Float64Array.from(ages) };
}

/** Explicit early attempts, then a fixed interval (Exchange: 4 × 1 min, 6 × 5 min, then every 15 min). */
function listedSchedule(
  name: string,
  earlyAgesMs: number[],
  thenEveryMs: number,
  lifetimeMs: number,
): RetrySchedule {
  const ages = [...earlyAgesMs];
  while (ages[ages.length - 1]! < lifetimeMs) ages.push(ages[ages.length - 1]! + thenEveryMs);
  return { name, perHost: false, lifetimeMs, giveUp: "at-attempt", attemptAgesMs: Float64Array.from(ages) };
}

interface EximRule {
  kind: "F" | "G";
  cutoffMs: number;
  intervalMs: number;
  factor: number;
}

/** Parses an Exim retry rule list such as `F,2h,15m; G,16h,1h,1.5; F,4d,6h`. */
export function parseEximRule(text: string, parseDurationMs: (s: string) => number): EximRule[] {
  return text.split(";").map((part) => {
    const fields = part.split(",").map((f) => f.trim());
    const kind = fields[0];
    if ((kind !== "F" && kind !== "G") || fields.length !== (kind === "F" ? 3 : 4)) {
      throw new RangeError(`expected an Exim rule like "F,2h,15m" or "G,16h,1h,1.5"; found "${part.trim()}"`);
    }
    const factor = kind === "G" ? Number(fields[3]) : 1;
    if (!(factor >= 1)) throw new RangeError(`expected a G-rule multiplier >= 1; found "${fields[3]}"`);
    return { kind, cutoffMs: parseDurationMs(fields[1]!), intervalMs: parseDurationMs(fields[2]!), factor };
  });
}

/**
 * Exim's per-host retry times: at each retry, the first rule whose cutoff lies beyond the time
 * since the first failure sets the next interval (a G rule grows its interval each time it
 * is used). After the last cutoff the last rule's interval keeps going until `coverMs`.
 */
export function eximSchedule(
  name: string,
  rules: EximRule[],
  lifetimeMs: number,
  coverMs: number,
): RetrySchedule {
  const intervals = rules.map((r) => r.intervalMs);
  const ages = [0];
  let age = 0;
  while (age < coverMs) {
    let index = rules.findIndex((r) => age < r.cutoffMs);
    if (index < 0) index = rules.length - 1;
    const rule = rules[index]!;
    age += intervals[index]!;
    if (rule.kind === "G") intervals[index] = intervals[index]! * rule.factor;
    ages.push(age);
  }
  return { name, perHost: true, lifetimeMs, giveUp: "at-attempt", attemptAgesMs: Float64Array.from(ages) };
}

const EXIM_DEFAULT_RULE = "F,2h,15m; G,16h,1h,1.5; F,4d,6h";

/** The presets of docs/model.md#sender-retry-schedules; sources and the Gmail assumption are in docs/model.md. */
export function presetSchedule(
  mta: string,
  coverMs: number,
  parseDurationMs: (s: string) => number,
): RetrySchedule {
  switch (mta) {
    case "postfix":
      return backoffSchedule(
        "postfix",
        300 * MS_PER_SECOND,
        4000 * MS_PER_SECOND,
        5 * MS_PER_DAY,
        "at-attempt",
      );
    case "exim":
      return eximSchedule("exim", parseEximRule(EXIM_DEFAULT_RULE, parseDurationMs), 4 * MS_PER_DAY, coverMs);
    case "exchange": {
      const early = [0, 1, 2, 3, 4, 9, 14, 19, 24, 29, 34].map((m) => m * MS_PER_MINUTE);
      return listedSchedule("exchange", early, 15 * MS_PER_MINUTE, 2 * MS_PER_DAY);
    }
    case "gmail":
      // Only the 72 h give-up is public; a 10 min–2 h capped backoff is our assumption.
      return backoffSchedule("gmail", 10 * MS_PER_MINUTE, 2 * MS_PER_HOUR, 72 * MS_PER_HOUR, "at-lifetime");
    default:
      throw new RangeError(`unknown MTA preset ${mta}`);
  }
}

/** The effective lifetime: the age at which a message still queued is bounced. */
export function effectiveLifetimeMs(schedule: RetrySchedule): number {
  if (schedule.giveUp === "at-lifetime") return schedule.lifetimeMs;
  const ages = schedule.attemptAgesMs;
  for (let k = 0; k < ages.length; k++) if (ages[k]! >= schedule.lifetimeMs) return ages[k]!;
  return ages[ages.length - 1]!;
}
