/**
 * analysisSchema: an analysis template in Argo Rollouts' terms (docs/model.md#metric-analysis):
 * one metric read `count` times every `interval`, each reading judged by `successCondition` /
 * `failureCondition`, the run failing past `failureLimit` failed readings and inconclusive past
 * `inconclusiveLimit` inconclusive ones. It is the object form of a step's `analysis` (the
 * word `no-incidents` stays the old all-or-nothing gate) and of a `steps` strategy's
 * background `analysis`, which runs alongside the steps from `startingStep`.
 *
 *   analysis:
 *     metric: counter-headroom      # 1 − (largest counter of the target) / assumedLimit
 *     counter: objects              # objects | bytes | fill | writes
 *     per: cluster                  # node | cluster | backend: the largest unit is read
 *     assumedLimit: 2.4e11          # the limit you assume (the true one is the vendor's secret)
 *     successCondition: result >= 25%
 *     interval: 6h
 *     count: 4
 *     failureLimit: 1
 *     noise: 5%                     # each reading × (1 + 5% × a standard normal draw)
 *
 * Contract: conditions are parsed here, at load time (analysisCondition.ts), so a typo is an
 * input error before any run; metric-specific keys are refused on metrics that do not use
 * them. Whether the target keeps the counter is a cross-field check (crossChecks.ts).
 */
import { z } from "zod";
import { type Condition, ConditionError, parseCondition } from "./analysisCondition.js";
import { durationMs, fraction, integer } from "./fields.js";
import { strictObject as strict } from "./strictObject.js";
import { parseCount, parseFraction, parseSizeBytes, UnitError } from "./units.js";

const ANALYSIS_METRICS = [
  "counter-headroom",
  "incidents",
  "mailboxes-down",
  "write-latency-factor",
  "bounces",
] as const;
type AnalysisMetric = (typeof ANALYSIS_METRICS)[number];
const COUNTERS = ["objects", "bytes", "fill", "writes"] as const;

const condition = z
  .string()
  .transform((text, ctx): { text: string; tree: Condition } => {
    try {
      return { text, tree: parseCondition(text) };
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      ctx.addIssue({ code: "custom", message: `${error.message} (in ${JSON.stringify(text)})` });
      return z.NEVER;
    }
  })
  .meta({
    type: "string",
    description:
      "A condition on the reading `result`: comparisons (< <= > >= == !=) with numbers (25% reads 0.25), joined by and/or/not and parentheses, e.g. `result >= 20% and result < 90%`",
  });

const templateShape = {
  metric: z
    .enum(ANALYSIS_METRICS)
    .describe(
      "What is read: `counter-headroom` (1 − largest target counter / assumedLimit, a fraction), `incidents` (incidents on the target cohort noticed so far, a count), `mailboxes-down` (share of the fleet's mailboxes not Up now, a fraction), `write-latency-factor` (p99 write-latency ratio of the migrated units' target nodes, 1 = normal) or `bounces` (messages bounced since the migration started: as drawn for ended outages, expected so far for open ones)",
    ),
  counter: z
    .enum(COUNTERS)
    .optional()
    .describe("counter-headroom only: the target's counter read (objects, bytes, fill or writes)"),
  per: z
    .enum(["node", "cluster", "backend"])
    .prefault("cluster")
    .describe("counter-headroom only: the unit whose counter is read; the largest over the target's units"),
  assumedLimit: z
    .union([z.number(), z.string()])
    .optional()
    .describe(
      "counter-headroom only: the limit you assume for the counter, in its unit (a count such as 2.4e11, a size such as 3PB, a fill such as 80%)",
    ),
  successCondition: condition
    .optional()
    .describe(
      "A reading is successful when this holds: comparisons (< <= > >= == !=) of `result` with numbers (25% reads 0.25) joined by and/or/not, e.g. `result >= 35%`",
    ),
  failureCondition: condition
    .optional()
    .describe("A reading is failed when this holds (checked first); the same language, e.g. `result < 10%`"),
  interval: durationMs().prefault(0).describe("Time between readings (needed when count > 1)"),
  count: integer(1, 100_000, "a whole number of readings")
    .optional()
    .describe(
      "Readings taken (default 1 in a step; a background analysis without it reads until the rollout ends)",
    ),
  failureLimit: integer(0, 100_000, "a whole number of readings")
    .prefault(0)
    .describe("The analysis fails when more readings than this failed"),
  inconclusiveLimit: integer(0, 100_000, "a whole number of readings")
    .prefault(0)
    .describe(
      "The analysis is inconclusive (the rollout halts) when more readings than this were inconclusive",
    ),
  noise: fraction()
    .prefault(0)
    .describe(
      "Relative noise of each reading: true value × (1 + noise × a standard normal draw), from its own random stream",
    ),
};

type Ctx = z.core.$RefinementCtx;

/** The assumed limit in the counter's canonical unit: objects/writes a count, bytes bytes, fill a fraction. */
function limitValue(counter: (typeof COUNTERS)[number], raw: string | number, ctx: Ctx): number {
  try {
    const value =
      counter === "fill" ? parseFraction(raw) : counter === "bytes" ? parseSizeBytes(raw) : parseCount(raw);
    if (value > 0 && Number.isFinite(value)) return value;
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
  }
  const unit =
    counter === "fill"
      ? "a fill such as 80%"
      : counter === "bytes"
        ? "a size such as 3PB"
        : "a count such as 2.4e11";
  ctx.addIssue({
    code: "custom",
    message: `expected an assumed limit above zero for ${counter}: ${unit}; found ${JSON.stringify(raw)}`,
    path: ["assumedLimit"],
  });
  return z.NEVER;
}

function finish<T extends z.output<z.ZodObject<typeof templateShape>>>(
  t: T,
  ctx: Ctx,
  countDefault: number | undefined,
): AnalysisTemplate {
  const headroom = t.metric === "counter-headroom";
  if (headroom && t.counter === undefined)
    ctx.addIssue({
      code: "custom",
      message:
        "expected the counter counter-headroom reads (objects, bytes, fill or writes); found nothing (the key is missing)",
      path: ["counter"],
    });
  if (headroom && t.assumedLimit === undefined)
    ctx.addIssue({
      code: "custom",
      message:
        "expected the limit you assume for the counter (the true threshold is unknown); found nothing (the key is missing)",
      path: ["assumedLimit"],
    });
  for (const key of ["counter", "assumedLimit"] as const)
    if (!headroom && t[key] !== undefined)
      ctx.addIssue({
        code: "custom",
        message: `expected ${key} only with metric counter-headroom; found it with ${t.metric}`,
        path: [key],
      });
  const count = t.count ?? countDefault;
  if ((count === undefined || count > 1) && t.interval <= 0)
    ctx.addIssue({
      code: "custom",
      message: "expected an interval above zero for more than one reading; found 0",
      path: ["interval"],
    });
  const limit =
    headroom && t.counter !== undefined && t.assumedLimit !== undefined
      ? limitValue(t.counter, t.assumedLimit, ctx)
      : undefined;
  return {
    metric: t.metric,
    ...(headroom ? { counter: t.counter!, per: t.per, assumedLimit: limit! } : {}),
    successCondition: t.successCondition,
    failureCondition: t.failureCondition,
    intervalMs: t.interval,
    count: count ?? null,
    failureLimit: t.failureLimit,
    inconclusiveLimit: t.inconclusiveLimit,
    noise: t.noise,
  };
}

/** An analysis template as a step's `analysis`: `count` defaults to one reading. */
export const analysisTemplateSchema = strict(templateShape).transform(
  (t, ctx): AnalysisTemplate => finish(t, ctx, 1),
);

/** A background analysis over a `steps` strategy: from `startingStep` until the rollout ends (or `count`). */
export const backgroundAnalysisSchema = strict({
  ...templateShape,
  startingStep: integer(0, 100_000, "a step index")
    .prefault(0)
    .describe("The step (0 = the first) at whose start the background analysis begins"),
}).transform(
  (t, ctx): BackgroundAnalysis => ({ ...finish(t, ctx, undefined), startingStep: t.startingStep }),
);

/** A parsed analysis template (units in names: `intervalMs`; `count` null = until the rollout ends). */
export interface AnalysisTemplate {
  readonly metric: AnalysisMetric;
  /** counter-headroom only. */
  readonly counter?: (typeof COUNTERS)[number];
  readonly per?: "node" | "cluster" | "backend";
  /** counter-headroom only: in the counter's unit (count, bytes or fill fraction). */
  readonly assumedLimit?: number;
  readonly successCondition: { text: string; tree: Condition } | undefined;
  readonly failureCondition: { text: string; tree: Condition } | undefined;
  readonly intervalMs: number;
  readonly count: number | null;
  readonly failureLimit: number;
  readonly inconclusiveLimit: number;
  readonly noise: number;
}

export interface BackgroundAnalysis extends AnalysisTemplate {
  readonly startingStep: number;
}
