/**
 * `maildrill run [scenario]`: one run, a readable summary on stdout; `--json` prints the
 * whole result instead, `--out` writes it to a file, `--trace` writes the JSONL event log.
 * `--html` writes a self-contained HTML report with charts (src/report/html/runHtml.ts).
 * `--plugin <file>` (repeatable) loads backend plugins before the scenario is read, so the
 * scenario may use their kinds. Files are written whole or not at all.
 */
import type { Command } from "commander";
import { builtinScenarioPath, resolveScenarioArgument } from "../../experiment/builtinScenario.js";
import { type RunResult, runScenario } from "../../experiment/runScenario.js";
import { RUN_TIMELINE_POINTS, runWithTimeline } from "../../experiment/runWithTimeline.js";
import { checkOutputPaths } from "../../report/checkOutputPaths.js";
import { colorEnabled, palette } from "../../report/colors.js";
import { renderRunSummary } from "../../report/runSummary.js";
import { writeFileAtomic } from "../../report/writeFileAtomic.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { strategyNames } from "../../scenario/strategies.js";
import { reportMeta, writeHtmlReport } from "../htmlReport.js";
import { seedOption } from "../parseOptions.js";
import { loadPlugins, runLimits, type ScenarioFlags, withScenarioOptions } from "../scenarioOptions.js";
import { withTraceFile } from "../traceFile.js";
import { addWidthOptions, tableWidth, type WidthFlags } from "../widthOptions.js";

interface RunFlags extends ScenarioFlags, WidthFlags {
  seed?: string | number;
  strategy?: string;
  variant?: string;
  json?: boolean;
  out?: string;
  trace?: string;
  html?: string;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command("run")
    .description("run one scenario once and summarise availability, the mail ledger and time-to-restore")
    .argument("[scenario]", "scenario file (YAML or JSON); the built-in quickstart when omitted")
    .option("--seed <seed>", "run seed (overrides the scenario's seed)", seedOption)
    .option(
      "--strategy <name>",
      "the rollout strategy to run (default: the scenario's `strategy`, else its first)",
    )
    .option("--variant <name>", "run one of the scenario's `variants` (default: the scenario as written)")
    .option("--json", "print the whole result as JSON instead of the summary")
    .option("--out <file>", "also write the JSON result to this file")
    .option("--trace <file>", "write the event log as JSON lines to this file")
    .option("--html <file>", "also write a self-contained HTML report with charts to this file");
  withScenarioOptions(addWidthOptions(command)).action((scenarioPath: string | undefined, flags: RunFlags) =>
    runCommand(scenarioPath, flags),
  );
}

async function runCommand(scenarioPath: string | undefined, flags: RunFlags): Promise<void> {
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--trace", path: flags.trace },
    { flag: "--html", path: flags.html },
  ]);
  await loadPlugins(flags);
  const scenario = loadScenarioFile(resolveScenarioArgument(scenarioPath ?? builtinScenarioPath()));
  const html = flags.html;
  const { result, timeline } = withTraceFile(flags.trace, (trace) => {
    const options = {
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
      ...(flags.variant !== undefined ? { variant: flags.variant } : {}),
      ...runLimits(flags),
      ...(trace ? { trace } : {}),
    };
    return html !== undefined
      ? runWithTimeline(scenario, options, RUN_TIMELINE_POINTS)
      : { result: runScenario(scenario, options), timeline: undefined };
  });
  if (html !== undefined && timeline !== undefined) {
    await writeHtmlReport(html, async () => {
      const { renderRunHtml } = await import("../../report/html/runHtml.js");
      const strategy = result.run.strategy;
      const meta = reportMeta("maildrill run", scenario.name, `seed ${result.run.seed}`);
      return renderRunHtml(
        result,
        timeline,
        meta,
        strategy === null ? 0 : strategyNames(scenario).indexOf(strategy),
      );
    });
  }
  emitRun(result, flags);
}

function emitRun(result: RunResult, flags: RunFlags): void {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out) writeFileAtomic(flags.out, json);
  if (flags.json) {
    process.stdout.write(json);
    return;
  }
  const colors = palette(colorEnabled(process.stdout));
  process.stdout.write(`${renderRunSummary(result.run, result.measurements, colors, tableWidth(flags))}\n`);
}
