/**
 * The scenario's optional `check:` section: the fault model `maildrill check` searches within
 * (docs/check.md). Runs ignore it; it only bounds which explicit fault schedules the search
 * may draw.
 *
 *   check:
 *     faults:
 *       kinds: [crash, lost-writes, node-loss]   # which faults (mildest first: shrinking goes there)
 *       maxFaults: 3                             # at most this many faults in one schedule
 *       maxConcurrent: 1                         # at most this many in effect at once
 *       settle: 2d                               # a fault stays "in effect" this long after it ends
 *       window: { from: 0d, to: 30d }            # when faults may start
 *       targets: [vendor/node/*, vendor]         # where; `*` stands for every index
 *       duration: { min: 1m, max: 1d }           # crash, node-loss (replacement), fail-slow, enospc
 *       fraction: { min: 0.01%, max: 1% }        # latent errors, corruption, torn/misdirected writes
 *       lostWritesWindow: { min: 1s, max: 1h }   # lost writes
 *       slowFactor: { min: 2, max: 50 }          # fail-slow
 *       propagate: false                         # may drawn corruption copy to the replicas?
 *       resolution: 1m                           # times and durations are drawn on this grid
 *
 * Units: `settle`, `window`, `duration`, `lostWritesWindow` and `resolution` are durations
 * (`90s`, `6h`, `2d`), `fraction` is a share (`0.5%` or `0.005`), `slowFactor` a plain
 * multiplier. Defaults are written next to each field; those that depend on the scenario
 * (`window.to` = the horizon, `targets` = every node of every backend, `maxConcurrent` =
 * `maxFaults`) are resolved by the check layer. Cross-field rules (targets that exist, a
 * window inside the horizon) are in `checkFaultModel.ts`.
 */
import { z } from "zod";
import { FAULT_KINDS } from "./faultKinds.js";
import { durationMs, fraction, integer, positiveDurationMs } from "./fields.js";
import { describeValue } from "./InputError.js";
import { strictObject } from "./strictObject.js";
import { formatDurationMs } from "./units.js";

const strict = strictObject;

/** Mildest first, so that shrinking a drawn kind moves toward the least damaging one. */
const DEFAULT_KINDS = [
  "crash",
  "fail-slow",
  "enospc",
  "latent-errors",
  "corruption",
  "torn-writes",
  "misdirected-writes",
  "lost-writes",
  "node-loss",
] as const;

const MAX_FAULTS = 50;

/** A `{ min, max }` pair of one field type, with `min <= max`; `show` writes a value in its unit. */
function range(field: () => z.ZodType<number>, show: (value: number) => string) {
  return strict({
    min: field().describe("The smallest value drawn"),
    max: field().describe("The largest value drawn"),
  }).superRefine((r, ctx) => {
    if (r.min > r.max) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `expected a maximum at least the minimum (${show(r.min)}); found ${show(r.max)}`,
      });
    }
  });
}

const showPercent = (share: number) => `${+(share * 100).toPrecision(6)}%`;

const factor = () =>
  z
    .number({ error: (i) => `expected a plain number >= 1; found ${describeValue(i.input)}` })
    .min(1, { error: (i) => `expected a plain number >= 1; found ${describeValue(i.input)}` });

const faultModel = strict({
  kinds: z
    .array(z.enum(FAULT_KINDS))
    .min(1)
    .prefault([...DEFAULT_KINDS])
    .describe("Which fault kinds schedules may contain, mildest first (shrinking moves towards them)"),
  maxFaults: integer(1, MAX_FAULTS, "a whole number of faults").prefault(3),
  maxConcurrent: integer(1, MAX_FAULTS, "a whole number of faults")
    .optional()
    .describe("Default: `maxFaults` (no limit beyond the count)."),
  settle: durationMs()
    .prefault(0)
    .describe("How long after a fault ends it still counts as in effect (time to repair before the next)."),
  window: strict({ from: durationMs().prefault(0), to: durationMs().optional() })
    .prefault({})
    .describe("`to` defaults to the horizon."),
  targets: z.array(z.string()).min(1).optional().describe("Default: every node of every backend."),
  duration: range(durationMs, formatDurationMs)
    .prefault({ min: "1m", max: "1d" })
    .describe("{min, max} of a drawn fault's length: crash, node-loss (replacement), fail-slow, enospc"),
  fraction: range(fraction, showPercent)
    .prefault({ min: "0.01%", max: "1%" })
    .describe("{min, max} of the share damaged: latent errors, corruption, torn and misdirected writes"),
  lostWritesWindow: range(durationMs, formatDurationMs)
    .prefault({ min: "1s", max: "1h" })
    .describe("{min, max} of the window of acknowledged writes a lost-writes fault loses"),
  slowFactor: range(factor, String)
    .prefault({ min: 2, max: 50 })
    .describe("{min, max} of a fail-slow fault's slowdown factor"),
  propagate: z.boolean().prefault(false).describe("Whether drawn corruption may copy to the replicas"),
  resolution: positiveDurationMs().prefault("1m"),
});

export const checkSchema = strict({
  faults: faultModel.prefault({}).describe("The fault model: which faults, how many, when, where, how big"),
});
