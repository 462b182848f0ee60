/**
 * The per-run measurements and the statistics across runs as zod schemas: the published,
 * machine-checkable form of what `RunMeasurements`, `RunFigures` and `RunsSummary` hold, from
 * which `maildrill schema --output …` prints JSON Schema (src/experiment/outputSchemas.ts).
 *
 * These schemas describe what the code already produces; they do not produce anything. The
 * TypeScript interfaces stay the working types, and the tests hold the two together both ways:
 * at compile time (`expectTypeOf(z.infer<…>).toEqualTypeOf<…>()`) and on real outputs of every
 * command. Objects are strict, so a field added to the interfaces without its schema fails.
 * Units are in the names (`Ms` simulated milliseconds, `Hours` mailbox-hours); null means
 * "never happened" or "not measured", never a sentinel number.
 */
import { z } from "zod";
import { COST_LINES } from "./costs.js";
import { FIGURE_NAMES } from "./runFigures.js";

const count = z.number().min(0);
const ms = z.number().min(0);
const never = (what: string) => z.number().min(0).nullable().describe(`${what}; null if it never happened`);

const quantilesSchema = z
  .strictObject({ meanMs: ms, p50Ms: ms, p90Ms: ms, p99Ms: ms, maxMs: ms })
  .describe("A distribution of durations summarised; every field 0 when there were no samples");

const ledgerSchema = z
  .strictObject({
    arrived: count,
    storedIntact: count,
    deliveredLate: count,
    recovered: count,
    silentlyLost: count,
    corruptedServed: count,
    bounced: count,
    pending: count,
    bouncedByMx: count,
    bouncedBySender: count,
    reconciles: z.boolean().describe("arrived equals the sum of the seven classes"),
    lateDelay: quantilesSchema.describe("Delay after restore of the messages delivered late"),
    meanSojournMs: ms.describe("Mean time a delivered-late message spent in the deferred queue"),
  })
  .describe("Every message that arrived, in exactly one of seven classes (storedIntact … pending)");

const smtpSchema = z.strictObject({
  deferredIntegralMessageMs: count,
  sojournSumMessageMs: count,
  viaMxSpool: count,
  viaSender: count,
});

const probability = z.number().min(0).max(1);

const availabilitySchema = z.strictObject({
  mailboxHoursDown: count.describe("Mailbox-hours not Up (cannot read, or cannot accept mail)"),
  mailboxHoursReadDown: count,
  mailboxHoursWriteDown: count,
  fleetAvailability: probability,
  loginWeightedAvailability: probability,
  peakMailboxesDown: count,
  mailboxesDownOver: z
    .strictObject({ "1h": count, "24h": count, "72h": count })
    .describe("Mailboxes whose longest outage lasted longer than the key"),
  timeline: z.strictObject({ stepMs: ms, mailboxesDown: z.array(count) }),
});

const timeToRestoreSchema = quantilesSchema.extend({
  episodes: count.describe("Restored mailbox-episodes"),
  affectedMailboxes: count.describe("Distinct mailboxes out at least once (at most the fleet)"),
  unrestoredAtHorizon: count.describe("Mailbox-episodes still open at the horizon"),
  fleetCurve: z
    .strictObject({ t50Ms: never("t50"), t90Ms: never("t90"), t99Ms: never("t99"), t100Ms: never("t100") })
    .describe("From the first outage until X% of the mailbox-episodes were restored"),
});

const integritySchema = z.strictObject({
  dataLossEvents: count,
  mailboxesWithDataLoss: count,
  firstDataLossMs: never("When data was first lost"),
  restores: count,
  dataRestore: quantilesSchema,
  restoreQueueIntegralJobMs: count,
  restoreSojournSumJobMs: count,
  mailboxHoursDataPending: count,
});

const rolloutSchema = z
  .strictObject({
    strategy: z.string(),
    kind: z.string(),
    mailboxesOnTargetAtHorizon: count,
    shareMigratedAtFirstIncident: probability.nullable(),
    firstIncidentMs: never("The first incident on the target cohort"),
    completedMs: never("When the last mailbox was cut over"),
    durationMs: never("From the migration start to completedMs"),
    aborted: z.boolean(),
    abortedAtMs: never("When a gate aborted the rollout"),
    rolledBackAtMs: never("When the rollback finished"),
    copiedBytes: count,
    rollbackBytes: count,
    extraStorageTBDays: count,
    prefillBytes: count
      .optional()
      .describe("Synthetic bytes a prefill wrote onto the target (only for plans with a prefill)"),
    prefillMs: count.optional().describe("Time the prefill steps ran, in ms (only for plans with a prefill)"),
    heldMs: count
      .optional()
      .describe("Time held after failed gates, in ms (only under onIncident: hold-and-continue-after-fix)"),
  })
  .describe("The migration's own figures; absent without a migration");

const bugDrawsSchema = z.strictObject({
  backend: z.string(),
  bug: z.string(),
  thresholds: z.array(z.number()).describe("Drawn thresholds of the first units (counter triggers)"),
  fixDelayMs: never("The vendor's fix delay (null: no fix)"),
});

const costLines = <T extends z.ZodType>(value: T) =>
  z.strictObject(
    Object.fromEntries(COST_LINES.map((line) => [line, value])) as Record<(typeof COST_LINES)[number], T>,
  );

const runCostSchema = z
  .strictObject({
    currency: z.string(),
    total: z.number(),
    breakdown: costLines(z.number()).describe("Amount per cost line, in the currency"),
    quantities: costLines(z.number()).describe("The measured quantity each line prices (copied in TB)"),
  })
  .describe("The run priced by the scenario's `costs`; only when the scenario has them");

export const runMeasurementsSchema = z.strictObject({
  rollout: rolloutSchema.optional(),
  bugs: z.array(bugDrawsSchema),
  ledger: ledgerSchema,
  smtp: smtpSchema,
  availability: availabilitySchema,
  timeToRestore: timeToRestoreSchema,
  integrity: integritySchema,
  events: z.record(z.string(), count).describe("Storage events by kind, keys sorted"),
  cost: runCostSchema.optional(),
});

const figureShape = Object.fromEntries(FIGURE_NAMES.map((name) => [name, z.number().nullable()])) as Record<
  (typeof FIGURE_NAMES)[number],
  z.ZodNullable<z.ZodNumber>
>;

/** Each gate decision of a run with its ground truth (src/metrics/gateJudge.ts, docs/experiments.md#judging-the-gates). */
export const judgedDecisionsSchema = z
  .array(
    z.strictObject({
      gate: z.string().describe("steps[i], cells[k] or background"),
      atMs: z.number().min(0),
      decision: z.enum(["promoted", "aborted", "inconclusive"]),
      windowStartMs: z.number().min(0).describe("The run's previous gate decision, or the migration start"),
      troubleAtMs: z
        .number()
        .min(0)
        .nullable()
        .describe(
          "First incident on the target cohort from windowStartMs with this gate ignored; null if none",
        ),
      shadowRun: z
        .boolean()
        .describe("Whether a second run with the gate ignored gave troubleAtMs (it did not promote)"),
    }),
  )
  .describe("Each gate decision with its ground truth; only for strategies with gates, in compare and sweep");

export const runFiguresSchema = z.strictObject({
  ...figureShape,
  migrationFinished: z.boolean().nullable(),
  gates: judgedDecisionsSchema.optional(),
});

export const estimateSchema = z
  .strictObject({
    n: count,
    mean: z.number().nullable(),
    sd: z.number().min(0).nullable(),
    lo: z.number().nullable(),
    hi: z.number().nullable(),
  })
  .describe("Mean over n runs with its 95% interval; mean null with no runs, sd/lo/hi null below 2 runs");

const proportionSchema = z.strictObject({
  count: count,
  n: count,
  share: probability.nullable(),
  lo: probability.nullable(),
  hi: probability.nullable(),
});

const figureEstimates = Object.fromEntries(FIGURE_NAMES.map((name) => [name, estimateSchema])) as Record<
  (typeof FIGURE_NAMES)[number],
  typeof estimateSchema
>;

export const figureEstimatesSchema = z.strictObject(figureEstimates);

export const runsSummarySchema = z.strictObject({
  runs: count,
  figures: figureEstimatesSchema,
  anySilentLoss: proportionSchema.describe("Share of runs with any silently lost message (Wilson interval)"),
  migration: z.strictObject({ finished: count, unfinished: count, unmeasured: count }),
  cost: estimateSchema
    .optional()
    .describe("Mean and 95% interval of the total cost; only when runs are priced"),
});

/** The judge of the judges: one gate's decisions over the runs, scored against each run's ground truth. */
export const gateScoreSchema = z.strictObject({
  gate: z.string().describe("steps[i], cells[k] or background"),
  decided: count.describe("Runs in which the gate decided"),
  promoted: count,
  aborted: count,
  inconclusive: count,
  troubled: count.describe("Of those, decisions with trouble ahead (an incident with the gate ignored)"),
  falsePromote: proportionSchema.describe(
    "Promoted with trouble ahead, out of the runs it decided (Wilson interval)",
  ),
  falseRollback: proportionSchema.describe(
    "Aborted with no trouble ahead, out of the runs it decided (Wilson interval)",
  ),
});
