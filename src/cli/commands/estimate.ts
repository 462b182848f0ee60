/**
 * `maildrill estimate <scenario> --property P`: the probability that a run breaks a catalogue
 * property, estimated by importance sampling (failure biasing), with the loss given a break,
 * 95% intervals, relative errors, the effective sample size and the variance reduction against
 * plain Monte Carlo (src/experiment/estimate.ts; docs/experiments.md#estimate). The same for
 * any `--threads`.
 */
import type { Command } from "commander";
import { resolveScenarioArgument } from "../../experiment/builtinScenario.js";
import { DEFAULT_ESTIMATE_RUNS, type EstimateResult, estimateRareEvent } from "../../experiment/estimate.js";
import { type BiasSettings, DEFAULT_BIAS } from "../../model/faults/FailureBiasing.js";
import { renderRareEventReport } from "../../report/rareEventReport.js";
import { InputError } from "../../scenario/InputError.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import {
  addManyRunsOptions,
  checkManyRunsOutputs,
  emitResult,
  type ManyRunsFlags,
  manyRunsOptions,
  withProgress,
} from "../manyRunsFlags.js";

interface EstimateFlags extends ManyRunsFlags {
  property: string;
  bias: string;
}

export function registerEstimateCommand(program: Command): void {
  const command = program
    .command("estimate")
    .description(
      "estimate a rare property break (e.g. silent loss) by failure biasing, with its relative error",
    )
    .argument("<scenario>", "scenario file (YAML or JSON)")
    .requiredOption(
      "--property <property>",
      "no-silent-loss, no-bounce, no-corruption-served, availability>=X, ttr-p99<=D",
    )
    .option(
      "--bias <auto|P>",
      `probability of another failure while degraded, in (0, 1); auto = ${DEFAULT_BIAS.degraded} (first failure forced with ${DEFAULT_BIAS.forceFirst})`,
      "auto",
    );
  addManyRunsOptions(command, DEFAULT_ESTIMATE_RUNS, "estimate").action(
    (scenarioPath: string, flags: EstimateFlags) => estimateCommand(scenarioPath, flags),
  );
}

function biasOf(text: string): BiasSettings {
  if (text === "auto") return DEFAULT_BIAS;
  const p = Number(text);
  if (!(text.trim() !== "" && p > 0 && p < 1))
    throw InputError.at("--bias", "auto or a probability in (0, 1)", text);
  return { ...DEFAULT_BIAS, degraded: p };
}

function estimateCsv(result: EstimateResult): string {
  const rows = ["figure,estimate,standardError,low95,high95,relativeError"];
  for (const [name, i] of [
    ["probability", result.estimate.probability],
    ["lossGivenBreak", result.estimate.lossGivenBreak],
  ] as const) {
    rows.push([name, i.estimate, i.standardError, i.low, i.high, i.relativeError].join(","));
  }
  return `${rows.join("\n")}\n`;
}

async function estimateCommand(scenarioPath: string, flags: EstimateFlags): Promise<void> {
  if (flags.html !== undefined)
    throw InputError.at(
      "--html",
      "no --html for estimate (it has no HTML report yet; use --json)",
      flags.html,
    );
  const bias = biasOf(flags.bias);
  const elsewhere = flags.redis ?? flags.shard ?? flags.shards ?? flags.merge;
  if (elsewhere !== undefined)
    throw InputError.at(
      "--redis/--shard/--merge",
      "none for estimate (its weighted runs are neither cached nor sent to workers)",
      String(elsewhere),
    );
  checkManyRunsOutputs(flags);
  const path = resolveScenarioArgument(scenarioPath);
  // Biased runs carry a likelihood ratio the run cache does not key or keep: never cached.
  const options = await manyRunsOptions({ ...flags, cache: false }, path);
  const scenario = loadScenarioFile(path);
  const result = await withProgress("estimate", (onProgress) =>
    estimateRareEvent(scenario, { ...options, property: flags.property, bias, onProgress }),
  );
  emitResult(flags, {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    csv: () => estimateCsv(result),
    table: (colors) => renderRareEventReport(result, colors),
  });
}
