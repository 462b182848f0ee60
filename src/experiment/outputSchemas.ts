/**
 * The JSON outputs of maildrill as contracts: one zod schema per command's document, printed
 * as JSON Schema by `maildrill schema --output run|compare|sweep|check`, and validated against
 * real outputs in the tests (test/experiment/outputSchemas.test.ts).
 *
 * - run: `maildrill run --json` / `--out`, and `replay`;
 * - compare: `maildrill compare --json` / `--out`;
 * - sweep: `maildrill sweep --json` / `--out`;
 * - check: the failing run `maildrill check --out` writes — a run document, since a
 *   counterexample is a run (its schedule is in the scenario it replays).
 *
 * Contract: the schemas describe, they do not build; the TypeScript result types stay the
 * working types and the tests check both agree. `outputJsonSchema(kind)` is deterministic.
 */
import { z } from "zod";
import {
  estimateSchema,
  figureEstimatesSchema,
  gateScoreSchema,
  judgedDecisionsSchema,
  runFiguresSchema,
  runMeasurementsSchema,
  runsSummarySchema,
} from "../metrics/measurementsSchema.js";

const seed = z.union([z.string(), z.number()]);

export const runResultSchema = z.strictObject({
  schemaVersion: z.number().int(),
  run: z.strictObject({
    scenario: z.string(),
    strategy: z.string().nullable().describe("The rollout strategy run; null without a migration"),
    seed,
    horizonMs: z.number().min(0),
    mailboxes: z.number().min(0),
    placementGroups: z.number().int().min(0),
    variant: z.string().optional().describe("The scenario variant run; only when one was asked for"),
  }),
  measurements: runMeasurementsSchema,
  logLikelihoodRatio: z
    .number()
    .optional()
    .describe("log of the run's likelihood ratio; only for importance-sampled runs (maildrill estimate)"),
  gates: judgedDecisionsSchema.optional(),
});

const scenarioHeaderSchema = z.strictObject({
  name: z.string(),
  mailboxes: z.number().min(0),
  horizonMs: z.number().min(0),
});

const runRecordSchema = runFiguresSchema
  .extend({ run: z.number().int().min(1), seed: z.string() })
  .describe("One run's headline figures, with its number and seed (replay it with run --seed)");

const strategyOutcomeSchema = z.strictObject({
  name: z.string().nullable(),
  kind: z.string().nullable(),
  summary: runsSummarySchema,
  runs: z.array(runRecordSchema),
  gates: z
    .array(gateScoreSchema)
    .optional()
    .describe(
      "The judge of the judges: each gate's false promotes and false rollbacks; only for strategies with gates",
    ),
});

const differenceSchema = z.strictObject({
  strategy: z.string(),
  baseline: z.string(),
  figures: figureEstimatesSchema.describe("strategy − baseline, run by run on the same seeds"),
  cost: estimateSchema.optional().describe("Paired difference of the total cost; only when runs are priced"),
});

export const compareResultSchema = z.strictObject({
  schemaVersion: z.number().int(),
  kind: z.literal("maildrill-compare"),
  scenario: scenarioHeaderSchema,
  seedRule: z.string(),
  baseSeed: seed,
  runs: z.number().int().min(1),
  seeds: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  baseline: z.string().nullable(),
  strategies: z.array(strategyOutcomeSchema),
  differences: z.array(differenceSchema),
  precision: z
    .strictObject({
      target: z.number().min(0),
      met: z.boolean(),
      runs: z.number().int().min(1),
      maxRuns: z.number().int().min(1),
      widest: z.strictObject({ where: z.string(), relativeHalfWidth: z.number().min(0) }).nullable(),
    })
    .optional()
    .describe("Why the runs stopped; with --precision only"),
  variants: z
    .array(
      z.strictObject({
        name: z.string(),
        description: z.string().nullable(),
        weight: z.number().min(0),
        strategies: z.array(strategyOutcomeSchema),
        differences: z.array(differenceSchema),
      }),
    )
    .optional()
    .describe("Every variant compared, each with its strategies and differences; only with variants"),
  decision: z
    .strictObject({
      figure: z.enum(["cost", "mailboxHoursDown"]),
      currency: z.string().nullable(),
      variants: z.array(z.string()),
      weights: z.array(z.number().min(0).max(1)),
      rows: z.array(
        z.strictObject({
          strategy: z.string(),
          perVariant: z.array(z.number()),
          weightedMean: z.number(),
          worst: z.number(),
          regret: z.array(z.number().min(0)),
          maxRegret: z.number().min(0),
        }),
      ),
      best: z.array(z.array(z.string())),
      robust: z.array(z.string()),
      choice: z.string(),
      flips: z.array(z.strictObject({ variant: z.string(), best: z.array(z.string()) })),
    })
    .optional()
    .describe("The regret table across the variants and the choice it supports; only with variants"),
});

export const sweepResultSchema = z.strictObject({
  schemaVersion: z.number().int(),
  kind: z.literal("maildrill-sweep"),
  scenario: scenarioHeaderSchema,
  vary: z.array(z.strictObject({ path: z.string(), values: z.array(z.unknown()) })),
  seedRule: z.string(),
  baseSeed: seed,
  runs: z.number().int().min(1),
  seeds: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  points: z.array(
    z.strictObject({
      point: z.number().int().min(1),
      values: z.array(z.unknown()),
      strategy: z.string().nullable(),
      summary: runsSummarySchema,
      runs: z.array(runRecordSchema),
    }),
  ),
});

export const OUTPUT_KINDS = ["run", "compare", "sweep", "check"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

const TITLES: Record<OutputKind, string> = {
  run: "maildrill run --json: one run's result",
  compare: "maildrill compare --json: every strategy on the same seeds",
  sweep: "maildrill sweep --json: a grid of scenario variants on the same seeds",
  check: "maildrill check --out: the failing run of a counterexample (a run document)",
};

export const OUTPUT_SCHEMAS = {
  run: runResultSchema,
  compare: compareResultSchema,
  sweep: sweepResultSchema,
  check: runResultSchema,
} as const;

export function outputJsonSchema(kind: OutputKind): Record<string, unknown> {
  const schema = z.toJSONSchema(OUTPUT_SCHEMAS[kind], { io: "output", unrepresentable: "any" });
  return { ...schema, title: TITLES[kind] };
}
