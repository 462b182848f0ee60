/**
 * estimate: the probability that a run breaks a property, and the loss when it does, from
 * runs whose failure clocks are drawn biased (docs/experiments.md#estimate).
 *
 * Each run i uses the seed `<base>/<i>` (seeds.ts) and carries the likelihood ratio of its
 * biased draws (src/model/faults/FailureBiasing.ts); the weighted outcomes are summarised by
 * src/metrics/importanceEstimate.ts in seed order, so the result is the same for any number
 * of threads. The scenario's own randomness other than failure clocks (mail, senders,
 * repairs, migrations) is drawn exactly as in `run`.
 * - `bias: "auto"` first chooses the degraded bias from pilot runs on seeds of their own
 *   (searchBias.ts);
 * - `precision` adds batches of seeds, in order, until the probability's relative error at 95%
 *   is within the target or `maxRuns` is met (precision.ts): the stop reads only the outcomes
 *   in seed order, so it too is the same for any number of threads.
 *
 * Contract: catalogue properties only (a property module cannot cross into the workers);
 * a scenario with no biasable failure clock is still estimated (it is then plain Monte
 * Carlo) and the result warns. Every run runs here: never cached, never sent to workers.
 */
import {
  type ImportanceEstimate,
  importanceEstimate,
  type WeightedOutcome,
} from "../metrics/importanceEstimate.js";
import type { BiasSettings } from "../model/faults/FailureBiasing.js";
import type { Scenario } from "../scenario/schema.js";
import { biasedClocksOf } from "./biasedClocksOf.js";
import { catalogueProperty } from "./check/propertyCatalogue.js";
import { checkManyRunsOptions, type ManyRunsOptions } from "./manyRuns.js";
import {
  checkPrecisionOptions,
  type PrecisionOptions,
  type PrecisionStop,
  runUntilPrecise,
} from "./precision.js";
import { runJobGroups } from "./runPool.js";
import { type BiasSearch, searchBias } from "./searchBias.js";
import { SEED_RULE } from "./seeds.js";

export const DEFAULT_ESTIMATE_RUNS = 10_000;

export interface EstimateOptions extends ManyRunsOptions, PrecisionOptions {
  property: string;
  /** Fixed settings, or "auto" for the pilot search of searchBias.ts. */
  bias: BiasSettings | "auto";
}

export interface EstimateResult {
  scenario: string;
  property: string;
  bias: BiasSettings;
  /** How `--bias auto` chose the bias; absent for a fixed bias. */
  biasSearch?: BiasSearch;
  runs: number;
  seedRule: string;
  baseSeed: string | number;
  /** What the biasing acts on here; empty when nothing could be biased. */
  biasedClocks: string[];
  estimate: ImportanceEstimate;
  /** Why the runs stopped, with `precision` only. */
  precision?: PrecisionStop;
}

export async function estimateRareEvent(
  scenario: Scenario,
  options: EstimateOptions,
): Promise<EstimateResult> {
  checkManyRunsOptions(options);
  checkPrecisionOptions(options, options.runs);
  // Fails here, before any run, on a property name the catalogue does not know.
  const property = catalogueProperty(options.property).name;
  const baseSeed = options.seed ?? scenario.seed;
  const runWeighted = async (bias: BiasSettings, seeds: string[]): Promise<WeightedOutcome[]> => {
    const jobs = seeds.map((seed) => ({ strategy: undefined, seed }));
    const [figures] = await runJobGroups([{ scenario, jobs }], {
      threads: options.threads ?? 1,
      plugins: options.plugins ?? [],
      estimate: { bias, property },
      ...(options.memoryLimitBytes !== undefined ? { memoryLimitBytes: options.memoryLimitBytes } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return figures!.map((f) => f.weighted!);
  };
  const searched =
    options.bias === "auto"
      ? await searchBias(baseSeed, options.runs, async (bias, seeds) =>
          importanceEstimate(await runWeighted(bias, seeds)),
        )
      : undefined;
  const bias = searched?.bias ?? (options.bias as BiasSettings);
  const { results, stop } = await runUntilPrecise(
    baseSeed,
    options.runs,
    options,
    (seeds) => runWeighted(bias, seeds),
    (outcomes) => ({
      where: "probability",
      relativeHalfWidth: importanceEstimate(outcomes).probability.relativeError,
    }),
  );
  const clocks = biasedClocksOf(scenario);
  const estimate = importanceEstimate(results);
  const warnings =
    clocks.length > 0
      ? estimate.warnings
      : [
          "no biasable failure clock (exponential or Weibull): these are plain Monte Carlo runs",
          ...estimate.warnings,
        ];
  return {
    scenario: scenario.name,
    property,
    bias,
    ...(searched !== undefined ? { biasSearch: searched.search } : {}),
    runs: results.length,
    seedRule: SEED_RULE,
    baseSeed,
    biasedClocks: clocks,
    estimate: { ...estimate, warnings },
    ...(stop !== undefined ? { precision: stop } : {}),
  };
}
