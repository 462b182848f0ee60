/**
 * `maildrill compare [scenario]`: every rollout strategy of the scenario run N times on the
 * same seeds, a table of each strategy's figures with 95% intervals and of the paired
 * differences against the baseline (src/experiment/compare.ts). With no scenario, the
 * built-in Libero 2023 migration; `maildrill` with no arguments runs this.
 */
import { isAbsolute, relative } from "node:path";
import { type Command, Option } from "commander";
import {
  builtinCompareScenarioPath,
  builtinNameOf,
  resolveScenarioArgument,
} from "../../experiment/builtinScenario.js";
import { compareStrategies, DEFAULT_COMPARE_RUNS } from "../../experiment/compare.js";
import { MAX_RUNS } from "../../experiment/manyRuns.js";
import type { RunJob } from "../../experiment/runBatch.js";
import type { RunPicture } from "../../metrics/RunTimeline.js";
import { renderCompareReport } from "../../report/compareReport.js";
import { compareCsv } from "../../report/experimentCsv.js";
import { precisionText } from "../../report/precisionText.js";
import { renderRegretReport } from "../../report/regretReport.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { reportMeta, seedsText, writeHtmlReport } from "../htmlReport.js";
import {
  addManyRunsOptions,
  checkManyRunsOutputs,
  emitResult,
  type ManyRunsFlags,
  manyRunsOptions,
  withProgress,
} from "../manyRunsFlags.js";
import { fractionOption, nameListOption, wholeNumberOption } from "../parseOptions.js";

interface CompareFlags extends ManyRunsFlags {
  strategies?: string[];
  baseline?: string;
  variants?: string[];
  precision?: number;
  ciWidth?: number;
  maxRuns?: number;
}

export function registerCompareCommand(program: Command): void {
  const command = program
    .command("compare")
    .description("run every rollout strategy on the same seeds and compare them, with 95% intervals")
    .argument("[scenario]", "scenario file (YAML or JSON); the built-in Libero 2023 migration when omitted")
    .option(
      "--strategies <names>",
      "strategies to compare, comma-separated (default: all, in file order)",
      nameListOption("--strategies"),
    )
    .option("--baseline <name>", "the strategy the others are measured against (default: the first)")
    .option(
      "--variants <names>",
      "the scenario's variants to run every strategy under, comma-separated (default: all; none: the file as written)",
      nameListOption("--variants"),
    )
    .option(
      "--precision <width>",
      "add runs in batches of --runs until every mean's 95% interval is within this relative half-width, e.g. 5%",
      fractionOption("--precision"),
    )
    .addOption(
      new Option("--ci-width <width>", "the same as --precision")
        .argParser(fractionOption("--ci-width"))
        .conflicts("precision"),
    )
    .option(
      "--max-runs <n>",
      "with --precision: stop at this many runs per strategy even if not precise (default 20 × --runs)",
      wholeNumberOption("--max-runs", "runs", MAX_RUNS),
    );
  addManyRunsOptions(command, DEFAULT_COMPARE_RUNS, "strategy").action(
    (scenarioPath: string | undefined, flags: CompareFlags) => compareCommand(scenarioPath, flags),
  );
}

/** A path as short as it can be written from the working directory. */
function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith("..") || isAbsolute(fromHere) ? path : fromHere;
}

async function compareCommand(scenarioPath: string | undefined, flags: CompareFlags): Promise<void> {
  checkManyRunsOutputs(flags);
  const path = resolveScenarioArgument(scenarioPath ?? builtinCompareScenarioPath());
  const options = await manyRunsOptions(flags, path);
  const scenario = loadScenarioFile(path);
  const pictures = new Map<string, RunPicture>();
  const key = (variant: string | undefined, strategy: string | null | undefined, seed: string) =>
    `${variant ?? ""}\u0000${strategy ?? ""}\u0000${seed}`;
  const result = await withProgress(
    "compare",
    (onProgress) =>
      compareStrategies(scenario, {
        ...options,
        ...(flags.strategies !== undefined ? { strategies: flags.strategies } : {}),
        ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
        // A job names its variant, strategy and seed: that is where its picture belongs.
        ...(flags.html !== undefined
          ? {
              onPicture: (_group: number, job: RunJob, picture: RunPicture) =>
                pictures.set(key(job.variant, job.strategy, job.seed), picture),
            }
          : {}),
        ...(flags.variants !== undefined ? { variants: flags.variants } : {}),
        ...precisionOptions(flags),
        onProgress,
      }),
    options.units,
  );
  if (flags.html !== undefined) {
    await writeHtmlReport(flags.html, async () => {
      const { renderCompareHtml } = await import("../../report/html/compareHtml.js");
      const picturesOf = (variant: string | undefined) =>
        result.strategies.map((s) => result.seeds.map((seed) => pictures.get(key(variant, s.name, seed))!));
      const meta = reportMeta(
        "maildrill compare",
        scenario.name,
        seedsText(result.runs, result.seeds, "strategy"),
      );
      return renderCompareHtml(result, picturesOf, meta);
    });
  }
  emitResult(flags, {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    csv: () => compareCsv(result),
    // The follow-up commands must name the scenario (a bare `maildrill run` runs the quickstart):
    // a built-in by its name, which works wherever maildrill is installed.
    table: (colors, width) => {
      const file = scenarioPath ?? builtinNameOf(path) ?? displayPath(path);
      const report = result.decision
        ? renderRegretReport(result, colors, file, width)
        : renderCompareReport(result, colors, file, width);
      return result.precision ? `${report}\n\n${precisionText(result.precision, colors)}` : report;
    },
  });
}

function precisionOptions(flags: CompareFlags): { precision?: number; maxRuns?: number } {
  const precision = flags.precision ?? flags.ciWidth;
  return {
    ...(precision !== undefined ? { precision } : {}),
    ...(flags.maxRuns !== undefined ? { maxRuns: flags.maxRuns } : {}),
  };
}
