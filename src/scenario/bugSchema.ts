/**
 * The scenario format of one storage-OS bug (docs/model.md#storage-os-bugs): what a user writes under a
 * backend's `bugs: [ … ]`, validated into an `OsBugSpec` that the bug engine
 * (`src/model/faults/OsBug.ts`) runs without parsing anything itself.
 *
 * A bug is four answers: when does it trip (`trigger`), how far does it reach (`scope`), what
 * does it do to the nodes it reaches (`effect`) and how does it end (`fix`).
 *
 *   trigger: { at: 30d } | { uptime: 32768h } | { counter: objects, per: cluster, threshold: 3e9 }
 *          | { operation: snapshot, probability: 5% } | { hazard: { mean: 90d } }
 *   effect:  blocked | read-only | { slow: { factor: 20 } } | { lostWrites: { window: 2h } }
 *          | { corrupt: { fraction: 0.5%, propagate: true } }
 *   fix:     none | { after: <duration distribution>, reopenRate: 1.5M/day }
 *
 * A trigger object holds exactly one of the keys at, uptime, counter, operation, hazard; its
 * other keys are that kind's parameters. Triggers, effects and fixes come out as tagged unions
 * (`{ kind: "counter", … }`) in canonical units: ms, bytes, fractions, per-second rates and
 * engine `DistributionSpec`s, in the shapes the engine's `BugEffect` and friends use.
 *
 * Contract: keys are strict; every rejection is a zod issue whose message reads
 * `expected …; found …` (a missing key keeps zod's own issue, which the loader words), with a
 * path pointing at the offending field. Defaults are written here, next to their field:
 * `scope: node`, `per: node`, `probability: 100%`, `propagate: false`, `fix: none`, and a
 * fix without `reopenRate` reopens every affected node at the fix time.
 */
import { z } from "zod";
import type { DistributionSpec } from "../engine/distributions.js";
import { closestMatch } from "./didYouMean.js";
import {
  countDistribution,
  durationDistribution,
  durationMs,
  fraction,
  positiveDurationMs,
  sizeDistribution,
} from "./fields.js";
import { describeValue } from "./InputError.js";
import { oneOfJsonSchema } from "./oneOfJsonSchema.js";
import { parseInside } from "./parseInside.js";
import { strictObject } from "./strictObject.js";
import { distributionJsonSchema, unitJsonSchema } from "./unitJsonSchema.js";
import { parseFraction, parseRatePerSec, UnitError } from "./units.js";

type Ctx = z.core.$RefinementCtx;

const strict = strictObject;

function hint(found: string, known: readonly string[]): string {
  const match = closestMatch(found, known);
  return match === undefined ? "" : ` (did you mean "${match}"?)`;
}

/** One of a few words, with an `expected …; found …` message (zod's own omits the value found). */
function word<const T extends readonly [string, ...string[]]>(values: T) {
  const options = values.map((v) => JSON.stringify(v)).join(", ");
  return z.enum(values, {
    error: (issue) => {
      const found = describeValue(issue.input);
      return `expected one of ${options}; found ${found}${typeof issue.input === "string" ? hint(issue.input, values) : ""}`;
    },
  });
}

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: (issue) =>
    `expected a name of letters, digits, "_", "." or "-"; found ${JSON.stringify(issue.input)}`,
});

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  raw !== null && typeof raw === "object" && !Array.isArray(raw);

// ---------------------------------------------------------------- counter thresholds

const COUNTERS = ["objects", "bytes", "fill", "writes"] as const;
type Counter = (typeof COUNTERS)[number];

/** Replaces every `"85%"`-style string inside a distribution by its fraction, so the count parser reads it. */
function percentsToFractions(raw: unknown, path: PropertyKey[], ctx: Ctx): unknown {
  if (typeof raw === "string" && raw.trim().endsWith("%")) {
    try {
      return parseFraction(raw);
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message, path });
      return 0;
    }
  }
  if (Array.isArray(raw)) return raw.map((item, i) => percentsToFractions(item, [...path, i], ctx));
  if (!isRecord(raw)) return raw;
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, percentsToFractions(value, [...path, key], ctx)]),
  );
}

/** The largest value a distribution can take, or undefined when it is unbounded above. */
function supportMax(spec: DistributionSpec): number | undefined {
  if (spec.kind === "deterministic") return spec.value;
  if (spec.kind === "uniform") return spec.max;
  if (spec.kind === "empirical") return Math.max(...spec.values);
  return undefined;
}

/**
 * A fill threshold: a fraction (`85%`, `0.85`) or a distribution of fractions
 * (`{ uniform: [80%, 95%] }`). Unbounded distributions are accepted: a draw above 100% never trips.
 */
function fillThreshold(raw: unknown, ctx: Ctx, path: PropertyKey[]): DistributionSpec {
  const spec = parseInside(countDistribution(), percentsToFractions(raw, path, ctx), ctx, path);
  const max = supportMax(spec);
  if (max !== undefined && max > 1) {
    const message = `expected a fill fraction from 0 to 1, such as 85% or 0.85; found ${describeValue(raw)}`;
    ctx.addIssue({ code: "custom", message, path });
  }
  return spec;
}

const THRESHOLD_UNITS: Record<Counter, string> = {
  objects: "a count such as 3e9 or 1.5M",
  writes: "a count such as 3e9 or 1.5M",
  bytes: "a size such as 2TB",
  fill: "a fraction such as 85%",
};

/** A threshold in its counter's unit: a fraction for fill, a size for bytes, a plain count otherwise. */
function counterThreshold(counter: Counter, raw: unknown, ctx: Ctx): DistributionSpec {
  const path = ["threshold"];
  if (raw === undefined) {
    const message = `expected a threshold: ${THRESHOLD_UNITS[counter]}, or a distribution of them; found nothing (the key is missing)`;
    ctx.addIssue({ code: "custom", message, path });
    return z.NEVER;
  }
  if (counter === "fill") return fillThreshold(raw, ctx, path);
  return parseInside(counter === "bytes" ? sizeDistribution() : countDistribution(), raw, ctx, path);
}

// ---------------------------------------------------------------- triggers

const OPERATIONS = ["snapshot", "rebalance", "upgrade", "failover", "migration-write"] as const;

const TRIGGERS = {
  at: strict({ at: durationMs() }).transform((t) => ({ kind: "at" as const, atMs: t.at })),
  uptime: strict({ uptime: durationMs() })
    .transform((t) => ({
      kind: "uptime" as const,
      uptimeMs: t.uptime,
    }))
    .describe("Power-on time since the node was installed (the 32,768-hour firmware class)."),
  counter: strict({
    counter: word(COUNTERS).describe("The counter that trips the bug when it reaches the threshold"),
    per: word(["node", "cluster", "backend"])
      .default("node")
      .describe("Which unit's counter is compared with that unit's own threshold."),
    threshold: z.unknown().optional().meta(distributionJsonSchema("count")),
  }).transform((t, ctx) => ({
    kind: "counter" as const,
    counter: t.counter,
    per: t.per,
    threshold: counterThreshold(t.counter, t.threshold, ctx),
  })),
  operation: strict({
    operation: word(OPERATIONS).describe("The operation that may trip the bug"),
    probability: fraction()
      .prefault("100%")
      .describe("The chance that one matching operation trips the bug."),
  }).transform((t) => ({ kind: "operation" as const, operation: t.operation, probability: t.probability })),
  hazard: strict({
    hazard: strict({
      mean: positiveDurationMs().describe("Mean time to trip, per node"),
      recurring: z
        .boolean()
        .default(false)
        .describe("`recurring: true` makes it a renewal process: a unit trips again after each fresh draw."),
    }).describe("An exponential time to trip, per node"),
  })
    .transform((t) => ({
      kind: "hazard" as const,
      meanMs: t.hazard.mean,
      recurring: t.hazard.recurring,
    }))
    .describe("Exponential time to trip, per node."),
};
const TRIGGER_KEYS = Object.keys(TRIGGERS) as (keyof typeof TRIGGERS)[];
type TriggerSpec = z.output<(typeof TRIGGERS)[keyof typeof TRIGGERS]>;

/** Picks the trigger kind by the one kind key present, then lets that kind's strict schema read the object. */
const trigger = z
  .unknown()
  .transform((raw, ctx): TriggerSpec => {
    const expected = `expected a trigger with exactly one of the keys ${TRIGGER_KEYS.join(", ")}`;
    if (!isRecord(raw)) {
      ctx.addIssue({ code: "custom", message: `${expected}; found ${describeValue(raw)}` });
      return z.NEVER;
    }
    const present = TRIGGER_KEYS.filter((key) => Object.hasOwn(raw, key));
    if (present.length !== 1) {
      const keys = Object.keys(raw);
      const found =
        present.length > 1
          ? `the keys ${present.join(" and ")}`
          : keys.length === 0
            ? "no keys"
            : `the keys ${keys.join(", ")}${hint(keys[0]!, TRIGGER_KEYS)}`;
      ctx.addIssue({ code: "custom", message: `${expected}; found ${found}` });
      return z.NEVER;
    }
    return parseInside(TRIGGERS[present[0]!], raw, ctx, []);
  })
  .meta(
    oneOfJsonSchema(
      Object.values(TRIGGERS),
      [],
      "When the bug trips: { at }, { uptime }, { counter, per, threshold }, { operation, probability } or { hazard: { mean, recurring } }",
    ),
  );

// ---------------------------------------------------------------- effects

const EFFECT_OBJECTS = {
  slow: strict({
    factor: z
      .number({ error: (i) => `expected a plain number >= 1; found ${describeValue(i.input)}` })
      .min(1, {
        error: (i) => `expected a plain number >= 1; found ${describeValue(i.input)}`,
      })
      .describe("Latency multiplier and throughput divisor while the bug holds (fail-slow)."),
  })
    .transform((e) => ({ kind: "slow" as const, factor: e.factor }))
    .describe("Fail-slow: the nodes answer, slowly"),
  lostWrites: strict({ window: positiveDurationMs() })
    .transform((e) => ({
      kind: "lost-writes" as const,
      windowMs: e.window,
    }))
    .describe("Acknowledged writes of the last `window` before the trip are lost."),
  corrupt: strict({
    fraction: fraction(),
    propagate: z.boolean().default(false).describe("Whether the corruption copies to the replicas"),
  })
    .transform((e) => ({
      kind: "corrupt" as const,
      fraction: e.fraction,
      propagate: e.propagate,
    }))
    .describe(
      "A fraction of the data is corrupted; `propagate` lets it spread to replicas (Salesforce NA14).",
    ),
  destroy: strict({
    replaceAfter: durationDistribution().describe(
      "Hardware lead time: the node is down from the trip until an empty replacement is in, drawn per node.",
    ),
  })
    .transform((e) => ({ kind: "destroy" as const, replaceAfterMs: e.replaceAfter }))
    .describe(
      "The data on the node is gone and so is the node (the HPE SSD class: bricked drives); restores wait for the replacement.",
    ),
};
const EFFECT_WORDS = {
  blocked: { kind: "blocked" as const },
  "read-only": { kind: "read-only" as const },
  /** The data on the node is gone, the node itself usable at once (a software bug deleting data: Gmail 2011). */
  destroy: { kind: "destroy" as const },
};
type EffectSpec =
  | (typeof EFFECT_WORDS)[keyof typeof EFFECT_WORDS]
  | z.output<(typeof EFFECT_OBJECTS)[keyof typeof EFFECT_OBJECTS]>;

const EFFECT_FORMS =
  'expected "blocked", "read-only", "destroy", { destroy: {replaceAfter} }, { slow: {factor} }, { lostWrites: {window} } or { corrupt: {fraction, propagate} }';

const effect = z
  .unknown()
  .transform((raw, ctx): EffectSpec => {
    const words = Object.keys(EFFECT_WORDS);
    const objects = Object.keys(EFFECT_OBJECTS);
    if (typeof raw === "string" && Object.hasOwn(EFFECT_WORDS, raw)) return EFFECT_WORDS[raw as "blocked"];
    if (typeof raw === "string") {
      ctx.addIssue({
        code: "custom",
        message: `${EFFECT_FORMS}; found ${describeValue(raw)}${hint(raw, words)}`,
      });
      return z.NEVER;
    }
    const keys = isRecord(raw) ? Object.keys(raw) : [];
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || !Object.hasOwn(EFFECT_OBJECTS, key)) {
      const found =
        key === undefined ? describeValue(raw) : `the keys ${keys.join(", ")}${hint(key, objects)}`;
      ctx.addIssue({ code: "custom", message: `${EFFECT_FORMS}; found ${found}` });
      return z.NEVER;
    }
    return parseInside(
      EFFECT_OBJECTS[key as keyof typeof EFFECT_OBJECTS],
      (raw as Record<string, unknown>)[key],
      ctx,
      [key],
    );
  })
  .meta(
    oneOfJsonSchema(
      Object.entries(EFFECT_OBJECTS).map(([key, schema]) => z.strictObject({ [key]: schema })),
      [{ enum: Object.keys(EFFECT_WORDS) }],
      "What the bug does to the nodes it reaches: blocked, read-only, destroy, { destroy: {replaceAfter} }, { slow: {factor} }, { lostWrites: {window} } or { corrupt: {fraction, propagate} }",
    ),
  );

// ---------------------------------------------------------------- fix

/** Mailboxes reopened per second; must be positive. */
const reopenRate = z
  .unknown()
  .transform((raw, ctx) => {
    try {
      const perSec = typeof raw === "string" || typeof raw === "number" ? parseRatePerSec(raw) : Number.NaN;
      if (perSec > 0) return perSec;
      ctx.addIssue({
        code: "custom",
        message: `expected a positive rate of mailboxes such as 1.5M/day or 20/s; found ${describeValue(raw)}`,
      });
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
    return z.NEVER;
  })
  .meta({
    ...unitJsonSchema("rate"),
    description: "Mailboxes reopened per unit of time, e.g. 1.5M/day or 20/s",
  });

const patch = strict({
  after: durationDistribution().describe("Delay from the bug's first trip to the vendor's patch."),
  reopenRate: reopenRate
    .optional()
    .describe("Progressive reopening under load control; absent: every affected node reopens at the fix."),
}).transform((f) => ({ kind: "patch" as const, afterMs: f.after, reopenPerSec: f.reopenRate }));

type FixSpec = { kind: "none" } | z.output<typeof patch>;

const fix = z
  .unknown()
  .transform((raw, ctx): FixSpec => {
    if (raw === "none") return { kind: "none" };
    if (isRecord(raw)) return parseInside(patch, raw, ctx, []);
    const message = `expected "none" or { after: <duration distribution>, reopenRate: <rate> }; found ${describeValue(raw)}`;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  })
  .meta(
    oneOfJsonSchema(
      [patch],
      [{ const: "none" }],
      'How the bug ends: "none", or a vendor patch { after: <duration distribution>, reopenRate: <rate> }',
    ),
  );

// ---------------------------------------------------------------- the bug

export const osBugSchema = strict({
  name: name.describe("The bug's name, in reports and traces"),
  version: z
    .string()
    .min(1)
    .optional()
    .describe("The storage-OS version that carries the bug; absent: every version of the backend."),
  trigger,
  scope: word(["node", "cluster", "version"])
    .default("node")
    .describe("Which nodes one trip reaches: the tripping node, its cluster, or every node on the version."),
  effect,
  fix: fix.prefault("none"),
});

export type OsBugSpec = z.output<typeof osBugSchema>;
