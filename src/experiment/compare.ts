/**
 * compare: the scenario's rollout strategies, each run N times on the same N seeds (common
 * random numbers, seeds.ts), summarised per strategy and as paired differences against a
 * baseline strategy (docs/experiments.md#figures-and-statistics).
 *
 * The result is the versioned JSON document `maildrill compare --json` prints
 * (docs/experiments.md, "compare --json"): the seeds, each strategy's summary (mean and 95% interval of every
 * headline figure, the probability of any silent loss with its Wilson interval, how many
 * migrations finished) and its per-run figures, then each other strategy minus the baseline,
 * run by run (paired t intervals).
 *
 * With `variants` in the scenario, every strategy runs under every variant on the same seeds
 * (variants.ts): the result adds each variant's strategies and differences and the decision —
 * the regret table of the total cost (or mailbox-hours down) across the variants. With
 * `precision`, seeds are added in batches until every mean is that precise (precision.ts).
 *
 * Contract: the result depends only on the scenario and the options other than `threads`
 * and `onProgress` — byte-for-byte, for any number of threads. A scenario without a
 * migration is compared as one configuration (strategy null), so `compare` still gives its
 * figures with intervals. Bad options are InputErrors naming `--strategies`, `--baseline`,
 * `--runs`, `--threads`.
 */
import { type GateScore, judgeGates } from "../metrics/gateJudge.js";
import { FIGURE_NAMES, type FigureName, type RunFigures } from "../metrics/runFigures.js";
import type { Estimate } from "../metrics/statistics.js";
import { CONFIDENCE } from "../metrics/statistics.js";
import {
  type FleetLimits,
  pairedCostDifference,
  pairedDifferences,
  type RunsSummary,
  summarizeRuns,
} from "../metrics/summarizeRuns.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { chooseStrategy, scenarioStrategies, strategyNames } from "../scenario/strategies.js";
import { checkManyRunsOptions, type ManyRunsOptions, type RunRecord, runRecords } from "./manyRuns.js";
import {
  checkPrecisionOptions,
  type PrecisionOptions,
  type PrecisionStop,
  relativeHalfWidth,
  runUntilPrecise,
} from "./precision.js";
import { runJobGroups } from "./runPool.js";
import { runSeeds, SEED_RULE } from "./seeds.js";
import { comparedVariants, type Decision, decide, type VariantHeader } from "./variants.js";

/** The version of `CompareResult`'s JSON shape; raised on any incompatible change. */
export const COMPARE_SCHEMA_VERSION = 1;

/** Runs per strategy when none is asked for: the built-in compare finishes in under a minute on 2 cores. */
export const DEFAULT_COMPARE_RUNS = 8;

/** Options of `compareStrategies`; every field has a default. */
export interface CompareOptions extends Omit<ManyRunsOptions, "runs">, PrecisionOptions {
  /** Runs per strategy, on the same seeds for every strategy; default `DEFAULT_COMPARE_RUNS`. */
  runs?: number;
  /** The scenario's variants to run every strategy under; default all; ["none"]: as written. */
  variants?: readonly string[];
  /** Strategies to compare, in this order; default: all of the scenario's, in file order. */
  strategies?: readonly string[];
  /** The strategy the others are measured against; default: the first compared. */
  baseline?: string;
}

/** The scenario a result is about: its name, size and horizon. */
export interface ScenarioHeader {
  name: string;
  mailboxes: number;
  horizonMs: number;
}

/** One compared strategy: its summary over the runs and every run's own figures. */
export interface StrategyOutcome {
  /** The strategy's name; null for a scenario without a migration. */
  name: string | null;
  kind: string | null;
  summary: RunsSummary;
  /** Run i's figures at index i − 1, seed included, so every number above can be audited or replayed. */
  runs: RunRecord[];
  /** The judge of the judges: each gate scored against the runs' ground truth; only for strategies with gates. */
  gates?: GateScore[];
}

/** One strategy minus the baseline, figure by figure, from differences taken run by run on the same seeds. */
export interface StrategyDifference {
  strategy: string;
  baseline: string;
  /** `strategy − baseline`, run by run on the same seeds: mean and 95% paired-t interval. */
  figures: Record<FigureName, Estimate>;
  /** The same for the total cost, when runs are priced (`costs`). */
  cost?: Estimate;
}

/** What `compareStrategies` returns and `maildrill compare --json` prints (docs/experiments.md). */
export interface CompareResult {
  schemaVersion: number;
  kind: "maildrill-compare";
  scenario: ScenarioHeader;
  seedRule: string;
  baseSeed: string | number;
  runs: number;
  seeds: string[];
  confidence: number;
  baseline: string | null;
  /** With variants: those of the first variant compared (the reference world). */
  strategies: StrategyOutcome[];
  differences: StrategyDifference[];
  /** Why the runs stopped, with `--precision` only. */
  precision?: PrecisionStop;
  /** Every variant compared, each with its strategies and differences (only with variants). */
  variants?: VariantOutcome[];
  /** The regret table across the variants and the choice it supports (only with variants). */
  decision?: Decision;
}

interface VariantOutcome extends VariantHeader {
  strategies: StrategyOutcome[];
  differences: StrategyDifference[];
}

/**
 * Runs each of the scenario's strategies `runs` times on the same seeds (common random numbers) and
 * summarises each, with paired differences against the baseline. The result does not depend on `threads`.
 */
export async function compareStrategies(
  scenario: Scenario,
  compareOptions: CompareOptions = {},
): Promise<CompareResult> {
  const options = { ...compareOptions, runs: compareOptions.runs ?? DEFAULT_COMPARE_RUNS };
  checkManyRunsOptions(options);
  checkPrecisionOptions(options, options.runs);
  const names = comparedStrategies(scenario, options.strategies);
  const baseline = chooseBaseline(names, options.baseline);
  const variants = comparedVariants(scenario, options.variants);
  const worlds = variants?.map((v) => v.name) ?? [undefined];
  const baseSeed = options.seed ?? scenario.seed;
  const limits: FleetLimits = scenarioHeader(scenario);
  // One group per (seed, variant), its jobs every strategy: a worker then runs them back to
  // back and draws that seed's fleet once (runScenario keeps the last fleet).
  const runBatch = async (seeds: string[]): Promise<RunFigures[][][]> => {
    const groups = seeds.flatMap((seed) =>
      worlds.map((variant) => ({
        scenario,
        jobs: names.map((strategy) => ({
          strategy: strategy ?? undefined,
          seed,
          ...(variant !== undefined ? { variant } : {}),
        })),
      })),
    );
    const figures = await runJobGroups(groups, {
      ...options,
      threads: options.threads ?? 1,
      wholeGroups: true,
    });
    return seeds.map((_, i) => worlds.map((_, v) => figures[i * worlds.length + v]!));
  };
  const outcomesOf = (seeds: readonly string[], bySeed: readonly RunFigures[][][], v: number) =>
    names.map((name, k) => {
      const figures = bySeed.map((seedFigures) => seedFigures[v]![k]!);
      const gates = figures.some((f) => f.gates !== undefined)
        ? judgeGates(figures.map((f) => f.gates))
        : undefined;
      return {
        name,
        kind: name === null ? null : scenarioStrategies(scenario)[name]!.kind,
        summary: summarizeRuns(figures, limits),
        runs: runRecords(seeds, figures),
        ...(gates !== undefined ? { gates } : {}),
      };
    });
  const { seeds, results, stop } = await runUntilPrecise(
    baseSeed,
    options.runs,
    options,
    runBatch,
    (bySeed) =>
      leastPrecise(
        worlds.flatMap((variant, v) =>
          outcomesOf(runSeeds(baseSeed, bySeed.length), bySeed, v).map((o) => ({ variant, outcome: o })),
        ),
      ),
  );
  const perVariant = worlds.map((_, v) => outcomesOf(seeds, results, v));
  const strategies = perVariant[0]!;
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: "maildrill-compare",
    scenario: scenarioHeader(scenario),
    seedRule: SEED_RULE,
    baseSeed,
    runs: seeds.length,
    seeds,
    confidence: CONFIDENCE,
    baseline,
    strategies,
    differences: differencesFrom(strategies, baseline, limits),
    ...(stop !== undefined ? { precision: stop } : {}),
    ...(variants !== undefined
      ? variantSections(scenario, variants, names, perVariant, baseline, limits)
      : {}),
  };
}

function variantSections(
  scenario: Scenario,
  variants: readonly VariantHeader[],
  names: readonly (string | null)[],
  perVariant: readonly StrategyOutcome[][],
  baseline: string | null,
  limits: FleetLimits,
): Pick<CompareResult, "variants" | "decision"> {
  return {
    variants: variants.map((header, v) => ({
      ...header,
      strategies: perVariant[v]!,
      differences: differencesFrom(perVariant[v]!, baseline, limits),
    })),
    decision: decide(
      scenario,
      variants,
      names.map((n) => n ?? scenario.name),
      perVariant.map((outcomes) => outcomes.map((o) => o.summary)),
    ),
  };
}

/** The mean whose interval is widest relative to it, over every strategy (and variant) and figure. */
function leastPrecise(
  outcomes: readonly { variant: string | undefined; outcome: StrategyOutcome }[],
): { where: string; relativeHalfWidth: number } | null {
  let widest: { where: string; relativeHalfWidth: number } | null = null;
  for (const { variant, outcome } of outcomes) {
    const estimates: [string, Estimate][] = FIGURE_NAMES.map((f) => [f, outcome.summary.figures[f]]);
    if (outcome.summary.cost !== undefined) estimates.push(["cost", outcome.summary.cost]);
    for (const [figure, estimate] of estimates) {
      const width = relativeHalfWidth(estimate);
      if (widest === null || width > widest.relativeHalfWidth) {
        const where = [variant, outcome.name, figure]
          .filter((x) => x !== undefined && x !== null)
          .join(" · ");
        widest = { where, relativeHalfWidth: width };
      }
    }
  }
  return widest;
}

export function scenarioHeader(scenario: Scenario): ScenarioHeader {
  return { name: scenario.name, mailboxes: scenario.fleet.mailboxes, horizonMs: scenario.horizon };
}

/** The strategies asked for (each checked against the scenario), or all; [null] without a migration. */
function comparedStrategies(scenario: Scenario, asked: readonly string[] | undefined): (string | null)[] {
  if (asked === undefined) {
    const all = strategyNames(scenario);
    return all.length > 0 ? all : [null];
  }
  if (asked.length === 0) throw InputError.at("--strategies", "at least one strategy name", "");
  const seen = new Set<string>();
  for (const name of asked) {
    chooseStrategy(scenario, name, "--strategies");
    if (seen.has(name)) throw InputError.at("--strategies", "each strategy named once", asked.join(","));
    seen.add(name);
  }
  return [...asked];
}

function chooseBaseline(names: readonly (string | null)[], asked: string | undefined): string | null {
  if (asked === undefined) return names[0] ?? null;
  if (!names.includes(asked)) {
    const listed = names.filter((n) => n !== null);
    const expected =
      listed.length > 0
        ? `one of the compared strategies (${listed.join(", ")})`
        : "no baseline (nothing to compare)";
    throw InputError.at("--baseline", expected, asked);
  }
  return asked;
}

function differencesFrom(
  strategies: readonly StrategyOutcome[],
  baseline: string | null,
  limits: FleetLimits,
): StrategyDifference[] {
  if (baseline === null) return [];
  const base = strategies.find((s) => s.name === baseline)!;
  return strategies
    .filter((s) => s !== base)
    .map((s) => {
      const cost = pairedCostDifference(s.runs, base.runs);
      return {
        strategy: s.name!,
        baseline,
        figures: pairedDifferences(s.runs, base.runs, limits),
        ...(cost !== undefined ? { cost } : {}),
      };
    });
}
