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
 * Contract: the result depends only on the scenario and the options other than `threads`
 * and `onProgress` — byte-for-byte, for any number of threads. A scenario without a
 * migration is compared as one configuration (strategy null), so `compare` still gives its
 * figures with intervals. Bad options are InputErrors naming `--strategies`, `--baseline`,
 * `--runs`, `--threads`.
 */
import type { FigureName } from "../metrics/runFigures.js";
import type { Estimate } from "../metrics/statistics.js";
import { CONFIDENCE } from "../metrics/statistics.js";
import { pairedDifferences, type RunsSummary, summarizeRuns } from "../metrics/summarizeRuns.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";
import { chooseStrategy, scenarioStrategies, strategyNames } from "../scenario/strategies.js";
import { checkManyRunsOptions, type ManyRunsOptions, type RunRecord, runRecords } from "./manyRuns.js";
import { runJobGroups } from "./runPool.js";
import { runSeeds, SEED_RULE } from "./seeds.js";

export const COMPARE_SCHEMA_VERSION = 1;

/** Runs per strategy when none is asked for: the built-in compare finishes in under a minute on 2 cores. */
export const DEFAULT_COMPARE_RUNS = 8;

export interface CompareOptions extends ManyRunsOptions {
  /** Strategies to compare, in this order; default: all of the scenario's, in file order. */
  strategies?: readonly string[];
  /** The strategy the others are measured against; default: the first compared. */
  baseline?: string;
}

export interface ScenarioHeader {
  name: string;
  mailboxes: number;
  horizonMs: number;
}

export interface StrategyOutcome {
  /** The strategy's name; null for a scenario without a migration. */
  name: string | null;
  kind: string | null;
  summary: RunsSummary;
  /** Run i's figures at index i − 1, seed included, so every number above can be audited or replayed. */
  runs: RunRecord[];
}

export interface StrategyDifference {
  strategy: string;
  baseline: string;
  /** `strategy − baseline`, run by run on the same seeds: mean and 95% paired-t interval. */
  figures: Record<FigureName, Estimate>;
}

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
  strategies: StrategyOutcome[];
  differences: StrategyDifference[];
}

export async function compareStrategies(scenario: Scenario, options: CompareOptions): Promise<CompareResult> {
  checkManyRunsOptions(options);
  const names = comparedStrategies(scenario, options.strategies);
  const baseline = chooseBaseline(names, options.baseline);
  const baseSeed = options.seed ?? scenario.seed;
  const seeds = runSeeds(baseSeed, options.runs);
  // One group per seed, its jobs every strategy: a worker then runs one seed's strategies
  // back to back and draws that seed's fleet once (runScenario keeps the last fleet).
  const groups = seeds.map((seed) => ({
    scenario,
    jobs: names.map((strategy) => ({ strategy: strategy ?? undefined, seed })),
  }));
  const bySeed = await runJobGroups(groups, { ...options, threads: options.threads ?? 1, wholeGroups: true });
  const strategies = names.map((name, k) => {
    const figures = bySeed.map((seedFigures) => seedFigures[k]!);
    return {
      name,
      kind: name === null ? null : scenarioStrategies(scenario)[name]!.kind,
      summary: summarizeRuns(figures),
      runs: runRecords(seeds, figures),
    };
  });
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: "maildrill-compare",
    scenario: scenarioHeader(scenario),
    seedRule: SEED_RULE,
    baseSeed,
    runs: options.runs,
    seeds,
    confidence: CONFIDENCE,
    baseline,
    strategies,
    differences: differencesFrom(strategies, baseline),
  };
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
): StrategyDifference[] {
  if (baseline === null) return [];
  const base = strategies.find((s) => s.name === baseline)!;
  return strategies
    .filter((s) => s !== base)
    .map((s) => ({ strategy: s.name!, baseline, figures: pairedDifferences(s.runs, base.runs) }));
}
