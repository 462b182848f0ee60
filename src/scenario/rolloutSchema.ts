/**
 * The rollout part of a scenario: the `migration` (what moves where, how fast) and the
 * `strategies` being weighed (docs/model.md#migrations-and-rollout-strategies), in Argo Rollouts vocabulary where it fits.
 *
 *   migration:  { from: legacy, to: vendor, bandwidth: 60TB/day, cutover: 1m, detection: 2h }
 *   strategies:
 *     big-bang:   { kind: big-bang }
 *     canary:     { kind: steps, steps: [{ setWeight: 1 }, { pause: 7d }, { analysis: no-incidents }, { setWeight: 100 }] }
 *     dual-write: { kind: dual-write, retain: 60d }
 *     mirror:     { kind: mirror }
 *     cells:      { kind: cells, cells: 4, versions: [vos-1, vos-2], pause: 7d }
 *   strategy: big-bang        # the one `maildrill run` uses (default: the first listed)
 *
 * `setWeight` is a percentage of mailboxes, as in Argo (`setWeight: 1` is 1%; `"2.5%"` also
 * reads). `retain` is how long the source copy of a mailbox is kept, written in step with the
 * target, after that mailbox's cut-over; while kept, a failure of the target fails over to it.
 *
 * Beyond Argo's weights, steps can load the target the way a careful engineer would before
 * the fleet moves: `setDensity` (a density canary: a few nodes or one cell at production
 * density, src/rollout/densityOrder.ts) and `prefill` (a scale test of synthetic objects,
 * src/rollout/Prefill.ts). `pause: {}` waits for an operator's `promote`; `onIncident` says
 * whether a failed gate rolls back or holds until the target is healthy again
 * (src/rollout/IncidentHold.ts).
 */
import { z } from "zod";
import { type AnalysisTemplate, analysisTemplateSchema, backgroundAnalysisSchema } from "./analysisSchema.js";
import { bandwidthBytesPerSec, durationMs, fraction, integer, positiveDurationMs } from "./fields.js";
import { describeValue } from "./InputError.js";
import { oneOfJsonSchema } from "./oneOfJsonSchema.js";
import { parseInside } from "./parseInside.js";
import { strictObject as strict } from "./strictObject.js";
import { parseFraction, UnitError } from "./units.js";

/** A name in a scenario file: a backend, a strategy, a variant, a shared dependency. */
export const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: (issue) =>
    `expected a name of letters, digits, "_", "." or "-"; found ${JSON.stringify(issue.input)}`,
});

export const migrationSchema = strict({
  from: name.describe("The backend the mailboxes live on at t = 0."),
  to: name.describe("The backend they move to."),
  bandwidth: bandwidthBytesPerSec().describe(
    "Total copy bandwidth from source to target (and back, for a rollback).",
  ),
  start: durationMs().prefault(0).describe("When copying starts."),
  cutover: durationMs()
    .prefault(0)
    .describe("A migration unit's downtime at its cut-over (final sync and switch)."),
  detection: durationMs()
    .prefault("1h")
    .describe(
      "Time from an incident on the target cohort to operators noticing it (halts copying, fails gates).",
    ),
  decision: durationMs()
    .prefault("30m")
    .describe(
      "Operator decision time: from an `operator` command (promote, abort) to its effect, and from a held rollout's target being healthy again to its resuming (the median of the manual failover decision, 30m, by default).",
    ),
});

/** A percentage of mailboxes: `25` (Argo style), `"25%"` or `"2.5%"`, from 0 to 100. */
const weightPercent = z.unknown().transform((raw, ctx) => {
  let share: number | undefined;
  if (typeof raw === "number") share = raw / 100;
  else if (typeof raw === "string") {
    try {
      share = raw.trim().endsWith("%") ? parseFraction(raw) : Number(raw) / 100;
    } catch (error) {
      if (!(error instanceof UnitError)) throw error;
    }
  }
  if (share === undefined || !Number.isFinite(share) || share < 0 || share > 1) {
    ctx.addIssue({
      code: "custom",
      message: `expected a percentage of mailboxes from 0 to 100 (e.g. 5 or "2.5%"); found ${describeValue(raw)}`,
    });
    return z.NEVER;
  }
  return share;
});

/** A gate: the word `no-incidents` (the all-or-nothing gate) or an analysis template object. */
const analysisGate = z
  .unknown()
  .transform((raw, ctx): "no-incidents" | AnalysisTemplate => {
    if (raw === "no-incidents") return raw;
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw))
      return parseInside(analysisTemplateSchema, raw, ctx, []);
    ctx.addIssue({
      code: "custom",
      message: `expected no-incidents or an analysis template { metric, successCondition, ... }; found ${describeValue(raw)}`,
    });
    return z.NEVER;
  })
  .meta(
    oneOfJsonSchema(
      [analysisTemplateSchema],
      [{ const: "no-incidents" }],
      "A gate: `no-incidents` (abort and roll back if the target cohort had an incident) or an analysis template (metric, conditions, interval, count, limits, noise; docs/model.md#metric-analysis)",
    ),
  );

const STEP_FORMS = {
  setWeight: strict({
    setWeight: weightPercent.describe("Move mailboxes until this percent of the fleet is on the target"),
  }),
  pause: strict({
    pause: z
      .union([positiveDurationMs(), strict({}).transform(() => Number.POSITIVE_INFINITY)])
      .describe("Bake time; `{}` waits until an operator's `promote` command (Argo's indefinite pause)"),
  }),
  setDensity: strict({
    setDensity: strict({
      nodes: fraction()
        .optional()
        .describe("Share of the target's nodes (those that receive mailboxes) filled, lowest-numbered first"),
      clusters: integer(1, 10_000, "a whole number of clusters")
        .optional()
        .describe("Or: this many whole target clusters (cells) filled, lowest-numbered first"),
      fill: fraction()
        .prefault("100%")
        .describe("Share of each chosen node's production mailboxes moved (100%: full production density)"),
    })
      .superRefine((density, ctx) => {
        if ((density.nodes === undefined) !== (density.clusters === undefined)) return;
        ctx.addIssue({
          code: "custom",
          message: `expected exactly one of nodes (a share) or clusters (a count); found ${density.nodes === undefined ? "neither" : "both"}`,
        });
      })
      .describe("A density canary: a few target nodes or one cell at production density"),
  }),
  prefill: strict({
    prefill: strict({
      objects: fraction().describe(
        "Level: synthetic objects written onto each target node, as a share of the objects it holds once every mailbox has moved",
      ),
      rate: bandwidthBytesPerSec().describe(
        "Write rate of the synthetic objects (message-sized), over all nodes",
      ),
      clusters: integer(1, 10_000, "a whole number of clusters")
        .optional()
        .describe("Only the first this many target clusters (cells); default: the whole target"),
    }).describe("A scale test: synthetic objects written before real mailboxes move, then deleted"),
  }),
  analysis: strict({
    analysis: analysisGate,
  }),
} as const;

/** A step is known by its one key; the matching form then checks it strictly (clear paths). */
const step = z
  .unknown()
  .transform((raw, ctx) => {
    const key = raw !== null && typeof raw === "object" ? Object.keys(raw)[0] : undefined;
    const form =
      key !== undefined && key in STEP_FORMS ? STEP_FORMS[key as keyof typeof STEP_FORMS] : undefined;
    if (form === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `expected a step { setWeight: N } | { setDensity: {...} } | { prefill: {...} } | { pause: duration | {} } | { analysis: no-incidents | template }; found ${describeValue(raw)}`,
      });
      return z.NEVER;
    }
    return parseInside(form, raw, ctx, []) as RolloutStep;
  })
  .meta(
    oneOfJsonSchema(
      Object.values(STEP_FORMS),
      [],
      "A rollout step: { setWeight: N } (percent of the fleet on the target), { setDensity: { nodes | clusters, fill } } (a density canary), { prefill: { objects, rate, clusters } } (a scale test), { pause: duration | {} } or { analysis: no-incidents | template }",
    ),
  );

const retain = durationMs().prefault(0);
const onIncident = z
  .enum(["rollback", "hold-and-continue-after-fix"])
  .optional()
  .describe(
    "What a failed gate does: roll every moved mailbox back (default), or hold until the target is healthy again (the vendor's fix landed) and continue after the operators' decision time",
  );
const operator = z
  .array(
    strict({
      at: durationMs().describe("When the operator issues the command (from t = 0)"),
      action: z
        .enum(["promote", "abort"])
        .describe("promote: end the current pause; abort: roll every moved mailbox back and stop"),
    }),
  )
  .optional()
  .describe("Manual operator commands, each taking effect `migration.decision` after `at`");

const kindOf = <K extends string>(kind: K, what: string) => z.literal(kind).describe(what);
const bigBang = strict({
  kind: kindOf("big-bang", "Big-bang: move everything at once, as fast as bandwidth allows"),
});
const steps = strict({
  kind: kindOf("steps", "Argo-style steps: setWeight, setDensity, prefill, pause, analysis"),
  steps: z.array(step).min(1).describe("The steps, in order"),
  retain,
  onIncident,
  operator,
  analysis: backgroundAnalysisSchema
    .optional()
    .describe(
      "A background analysis (Argo's): an analysis template read alongside the steps from `startingStep`; a failure aborts the rollout wherever it is",
    ),
});
const dualWrite = strict({
  kind: kindOf("dual-write", "Dual-write: keep writing the source copy for `retain` after each cut-over"),
  retain: positiveDurationMs(),
});
const mirror = strict({ kind: kindOf("mirror", "Mirror: keep the source copy as a live replica") });
const cells = strict({
  kind: kindOf("cells", "Cells: split the target into independent clusters, moved one after another"),
  cells: integer(1, 10_000, "a whole number of cells").describe(
    "Independent clusters the target is split into; each keeps its own counters.",
  ),
  versions: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("Storage-OS version of each cell, cycled (default: the target's own versions)."),
  pause: durationMs().prefault(0).describe("Bake time after each cell before the next one starts."),
  analysis: z
    .boolean()
    .prefault(true)
    .describe("Whether each pause ends in a `no-incidents` gate (abort and roll back on an incident)."),
  retain,
  onIncident,
});

const strategySchema = z.discriminatedUnion("kind", [bigBang, steps, dualWrite, mirror, cells], {
  error: (issue) => {
    if (issue.code !== "invalid_union") return undefined;
    const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
    return `expected a strategy kind "big-bang", "steps", "dual-write", "mirror" or "cells"; found ${describeValue(kind)}`;
  },
});

export const strategiesSchema = z.record(name, strategySchema);

export type MigrationSpec = z.output<typeof migrationSchema>;
export type StrategySpec = z.output<typeof strategySchema>;
export type RolloutStep =
  | { setWeight: number }
  | { setDensity: { nodes?: number | undefined; clusters?: number | undefined; fill: number } }
  | { prefill: { objects: number; rate: number; clusters?: number | undefined } }
  /** Infinity: an indefinite pause, ended by a `promote` command. */
  | { pause: number }
  | { analysis: "no-incidents" | AnalysisTemplate };
