/**
 * `maildrill compare [scenario]`: every rollout strategy of the scenario run N times on the
 * same seeds, a table of each strategy's figures with 95% intervals and of the paired
 * differences against the baseline (src/experiment/compare.ts). With no scenario, the
 * built-in Libero 2023 migration; `maildrill` with no arguments runs this.
 */
import { isAbsolute, relative } from "node:path";
import type { Command } from "commander";
import { builtinCompareScenarioPath } from "../../experiment/builtinScenario.js";
import { compareStrategies, DEFAULT_COMPARE_RUNS } from "../../experiment/compare.js";
import type { RunJob } from "../../experiment/runBatch.js";
import type { RunPicture } from "../../metrics/RunTimeline.js";
import { renderCompareReport } from "../../report/compareReport.js";
import { compareCsv } from "../../report/experimentCsv.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { reportMeta, seedsText, writeHtmlReport } from "../htmlReport.js";
import {
  addManyRunsOptions,
  emitResult,
  type ManyRunsFlags,
  manyRunsOptions,
  withProgress,
} from "../manyRunsFlags.js";
import { nameListOption } from "../parseOptions.js";

interface CompareFlags extends ManyRunsFlags {
  strategies?: string[];
  baseline?: string;
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
    .option("--baseline <name>", "the strategy the others are measured against (default: the first)");
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
  const options = await manyRunsOptions(flags);
  const scenario = loadScenarioFile(scenarioPath ?? builtinCompareScenarioPath());
  const pictures = new Map<string, RunPicture>();
  const key = (strategy: string | null | undefined, run: number) => `${strategy ?? ""}\u0000${run}`;
  const result = await withProgress("compare", (onProgress) =>
    compareStrategies(scenario, {
      ...options,
      ...(flags.strategies !== undefined ? { strategies: flags.strategies } : {}),
      ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
      // compare runs one group per seed: the group's index is the run's.
      ...(flags.html !== undefined
        ? {
            onPicture: (run: number, job: RunJob, picture: RunPicture) =>
              pictures.set(key(job.strategy, run), picture),
          }
        : {}),
      onProgress,
    }),
  );
  if (flags.html !== undefined) {
    await writeHtmlReport(flags.html, async () => {
      const { renderCompareHtml } = await import("../../report/html/compareHtml.js");
      const byStrategy = result.strategies.map((s) =>
        result.seeds.map((_, i) => pictures.get(key(s.name, i))!),
      );
      const meta = reportMeta(
        "maildrill compare",
        scenario.name,
        seedsText(result.runs, result.seeds, "strategy"),
      );
      return renderCompareHtml(result, byStrategy, meta);
    });
  }
  emitResult(flags, {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    csv: () => compareCsv(result),
    // The follow-up commands must name the file: a bare `maildrill run` runs the quickstart.
    table: (colors) =>
      renderCompareReport(result, colors, scenarioPath ?? displayPath(builtinCompareScenarioPath())),
  });
}
