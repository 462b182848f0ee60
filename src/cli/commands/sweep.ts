/**
 * `maildrill sweep <scenario> --vary path=v1,v2,…`: a grid over scenario values (the
 * cartesian product of every `--vary`), each point validated again and run N times on the
 * same seeds; one table row per point (src/experiment/sweep.ts); `--html` draws each figure
 * against the varied value (src/report/html/sweepHtml.ts).
 */
import type { Command } from "commander";
import { resolveScenarioArgument } from "../../experiment/builtinScenario.js";
import { readScenarioData, sweep } from "../../experiment/sweep.js";
import { parseVary, type Vary } from "../../experiment/varyPath.js";
import { sweepCsv } from "../../report/experimentCsv.js";
import { renderSweepReport } from "../../report/sweepReport.js";
import { reportMeta, seedsText, writeHtmlReport } from "../htmlReport.js";
import {
  addManyRunsOptions,
  checkManyRunsOutputs,
  emitResult,
  type ManyRunsFlags,
  manyRunsOptions,
  withProgress,
} from "../manyRunsFlags.js";
import { repeatable } from "../parseOptions.js";

/** Runs per grid point when none is asked for. */
const DEFAULT_SWEEP_RUNS = 8;

interface SweepFlags extends ManyRunsFlags {
  vary?: Vary[];
  strategy?: string;
}

export function registerSweepCommand(program: Command): void {
  const command = program
    .command("sweep")
    .description("run a grid of scenario variants on the same seeds: how the figures move with a parameter")
    .argument("<scenario>", "scenario file (YAML or JSON)")
    .option(
      "--vary <path=values>",
      "a value of the file and the values it takes, e.g. strategies.canary.steps[1].pause=1d,7d,30d; repeatable (grid)",
      repeatable(parseVary),
    )
    .option(
      "--strategy <name>",
      "the strategy every point runs (default: the scenario's `strategy`, else its first)",
    );
  addManyRunsOptions(command, DEFAULT_SWEEP_RUNS, "grid point").action(
    (scenarioPath: string, flags: SweepFlags) => sweepCommand(scenarioPath, flags),
  );
}

async function sweepCommand(scenarioPath: string, flags: SweepFlags): Promise<void> {
  checkManyRunsOutputs(flags);
  const path = resolveScenarioArgument(scenarioPath);
  const options = await manyRunsOptions(flags, path);
  const data = readScenarioData(path);
  const result = await withProgress(
    "sweep",
    (onProgress) =>
      sweep(data, {
        ...options,
        vary: flags.vary ?? [],
        ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
        onProgress,
      }),
    options.units,
  );
  if (flags.html !== undefined) {
    await writeHtmlReport(flags.html, async () => {
      const { renderSweepHtml } = await import("../../report/html/sweepHtml.js");
      const meta = reportMeta(
        "maildrill sweep",
        result.scenario.name,
        seedsText(result.runs, result.seeds, "grid point"),
      );
      return renderSweepHtml(result, meta);
    });
  }
  emitResult(flags, {
    json: () => `${JSON.stringify(result, null, 2)}\n`,
    csv: () => sweepCsv(result),
    table: (colors, width) => renderSweepReport(result, colors, width),
  });
}
