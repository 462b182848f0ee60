/**
 * `maildrill estimate <scenario> --property P`: the probability that a run breaks a catalogue
 * property, estimated by importance sampling (failure biasing), with the loss given a break,
 * 95% intervals, relative errors, the effective sample size and the variance reduction against
 * plain Monte Carlo (src/experiment/estimate.ts; docs/experiments.md#estimate), as a table,
 * JSON, CSV or an HTML page (`--html`); `--bias auto` chooses the bias by pilot runs and
 * `--precision` stops early. The same for any `--threads`. Its runs all run here: it offers
 * no cache, shard or Redis flag (manyRunsFlags.ts, `addLocalRunsOptions`).
 */
import type { Command } from "commander";
import { resolveScenarioArgument } from "../../experiment/builtinScenario.js";
import { DEFAULT_ESTIMATE_RUNS, type EstimateResult, estimateRareEvent } from "../../experiment/estimate.js";
import { MAX_RUNS } from "../../experiment/manyRuns.js";
import { type BiasSettings, DEFAULT_BIAS } from "../../model/faults/FailureBiasing.js";
import { precisionText } from "../../report/precisionText.js";
import { renderRareEventReport } from "../../report/rareEventReport.js";
import { InputError } from "../../scenario/InputError.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { reportMeta, writeHtmlReport } from "../htmlReport.js";
import {
  addLocalRunsOptions,
  checkManyRunsOutputs,
  emitResult,
  type LocalRunsFlags,
  localRunsOptions,
  withProgress,
} from "../manyRunsFlags.js";
import { fractionOption, wholeNumberOption } from "../parseOptions.js";

interface EstimateFlags extends LocalRunsFlags {
  property: string;
  html?: string;
  bias: string;
  precision?: number;
  maxRuns?: number;
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
      `probability of another failure while degraded, in (0, 1), or auto: chosen by pilot runs (first failure forced with ${DEFAULT_BIAS.forceFirst})`,
      String(DEFAULT_BIAS.degraded),
    )
    .option(
      "--precision <width>",
      "add runs in batches of --runs until the probability's relative error at 95% is within this, e.g. 10%",
      fractionOption("--precision"),
    )
    .option(
      "--max-runs <n>",
      "with --precision: stop at this many runs even if not precise (default 20 × --runs)",
      wholeNumberOption("--max-runs", "runs", MAX_RUNS),
    )
    .option("--html <file>", "also write a self-contained HTML report of the estimate to this file");
  addLocalRunsOptions(command, DEFAULT_ESTIMATE_RUNS, "estimate").action(
    (scenarioPath: string, flags: EstimateFlags) => estimateCommand(scenarioPath, flags),
  );
}

function biasOf(text: string): BiasSettings | "auto" {
  if (text.trim() === "auto") return "auto";
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
  const bias = biasOf(flags.bias);
  checkManyRunsOutputs(flags);
  const path = resolveScenarioArgument(scenarioPath);
  // Biased runs carry a likelihood ratio the run cache does not key or keep: they all run here.
  const options = await localRunsOptions(flags);
  const scenario = loadScenarioFile(path);
  const result = await withProgress("estimate", (onProgress) =>
    estimateRareEvent(scenario, {
      ...options,
      property: flags.property,
      bias,
      ...(flags.precision !== undefined ? { precision: flags.precision } : {}),
      ...(flags.maxRuns !== undefined ? { maxRuns: flags.maxRuns } : {}),
      onProgress,
    }),
  );
  if (flags.html !== undefined) {
    await writeHtmlReport(flags.html, async () => {
      const { renderEstimateHtml } = await import("../../report/html/estimateHtml.js");
      const seeds = `${result.runs} runs on seeds ${result.baseSeed}/1 … ${result.baseSeed}/${result.runs}`;
      return renderEstimateHtml(result, reportMeta("maildrill estimate", scenario.name, seeds));
    });
  }
  emitResult(flags, {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    csv: () => estimateCsv(result),
    table: (colors) => {
      const report = renderRareEventReport(result, colors);
      return result.precision ? `${report}\n\n${precisionText(result.precision, colors)}` : report;
    },
  });
}
