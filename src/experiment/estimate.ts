/**
 * estimate: the probability that a run breaks a property, and the loss when it does, from
 * runs whose failure clocks are drawn biased (docs/experiments.md#estimate).
 *
 * Each run i uses the seed `<base>/<i>` (seeds.ts) and carries the likelihood ratio of its
 * biased draws (src/model/faults/FailureBiasing.ts); the weighted outcomes are summarised by
 * src/metrics/importanceEstimate.ts in seed order, so the result is the same for any number
 * of threads. The scenario's own randomness other than failure clocks (mail, senders,
 * repairs, migrations) is drawn exactly as in `run`.
 *
 * Contract: catalogue properties only (a property module cannot cross into the workers);
 * a scenario with no biasable failure clock is still estimated (it is then plain Monte
 * Carlo) and the result warns.
 */
import { hazardClockOf } from "../engine/LikelihoodRatio.js";
import {
  type ImportanceEstimate,
  importanceEstimate,
  type WeightedOutcome,
} from "../metrics/importanceEstimate.js";
import type { BiasSettings } from "../model/faults/FailureBiasing.js";
import { resolveProtection } from "../model/protection/resolveProtection.js";
import type { Scenario } from "../scenario/schema.js";
import { catalogueProperty } from "./check/propertyCatalogue.js";
import { checkManyRunsOptions, type ManyRunsOptions } from "./manyRuns.js";
import { runJobGroups } from "./runPool.js";
import { runSeeds, SEED_RULE } from "./seeds.js";

export const DEFAULT_ESTIMATE_RUNS = 10_000;

export interface EstimateOptions extends ManyRunsOptions {
  property: string;
  bias: BiasSettings;
}

export interface EstimateResult {
  scenario: string;
  property: string;
  bias: BiasSettings;
  runs: number;
  seedRule: string;
  baseSeed: string | number;
  /** What the biasing acts on here; empty when nothing could be biased. */
  biasedClocks: string[];
  estimate: ImportanceEstimate;
}

/** The failure clocks of a scenario that failure biasing draws (docs/model.md#rare-events-by-importance-sampling). */
function biasedClocks(scenario: Scenario): string[] {
  const ttf = resolveProtection(scenario).spec.shardLossTtf;
  return ttf !== undefined && hazardClockOf(ttf) !== undefined ? ["protection.shardLoss.ttf"] : [];
}

export async function estimateRareEvent(
  scenario: Scenario,
  options: EstimateOptions,
): Promise<EstimateResult> {
  checkManyRunsOptions(options);
  // Fails here, before any run, on a property name the catalogue does not know.
  const property = catalogueProperty(options.property).name;
  const baseSeed = options.seed ?? scenario.seed;
  const jobs = runSeeds(baseSeed, options.runs).map((seed) => ({ strategy: undefined, seed }));
  const [figures] = await runJobGroups([{ scenario, jobs }], {
    threads: options.threads ?? 1,
    plugins: options.plugins ?? [],
    estimate: { bias: options.bias, property },
    ...(options.memoryLimitBytes !== undefined ? { memoryLimitBytes: options.memoryLimitBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const outcomes: WeightedOutcome[] = figures!.map((f) => f.weighted!);
  const clocks = biasedClocks(scenario);
  const estimate = importanceEstimate(outcomes);
  const warnings =
    clocks.length > 0
      ? estimate.warnings
      : [
          "no biasable failure clock (exponential or Weibull protection.shardLoss.ttf): these are plain Monte Carlo runs",
          ...estimate.warnings,
        ];
  return {
    scenario: scenario.name,
    property,
    bias: options.bias,
    runs: options.runs,
    seedRule: SEED_RULE,
    baseSeed,
    biasedClocks: clocks,
    estimate: { ...estimate, warnings },
  };
}
