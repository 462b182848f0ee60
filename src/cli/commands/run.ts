/**
 * `maildrill run [scenario]`: one run, a readable summary on stdout; `--json` prints the
 * whole result instead, `--out` writes it to a file, `--trace` writes the JSONL event log.
 * `--plugin <file>` (repeatable) loads backend plugins before the scenario is read, so the
 * scenario may use their kinds. Files are written whole or not at all.
 */
import type { Command } from "commander";
import { builtinScenarioPath } from "../../experiment/builtinScenario.js";
import { runScenario } from "../../experiment/runScenario.js";
import { checkOutputPaths } from "../../report/checkOutputPaths.js";
import { colorEnabled, palette } from "../../report/colors.js";
import { renderRunSummary } from "../../report/runSummary.js";
import { writeFileAtomic } from "../../report/writeFileAtomic.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { seedOption } from "../parseOptions.js";
import { loadPlugins, runLimits, type ScenarioFlags, withScenarioOptions } from "../scenarioOptions.js";
import { withTraceFile } from "../traceFile.js";

interface RunFlags extends ScenarioFlags {
  seed?: string | number;
  strategy?: string;
  json?: boolean;
  out?: string;
  trace?: string;
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
    .option("--json", "print the whole result as JSON instead of the summary")
    .option("--out <file>", "also write the JSON result to this file")
    .option("--trace <file>", "write the event log as JSON lines to this file");
  withScenarioOptions(command).action((scenarioPath: string | undefined, flags: RunFlags) =>
    runCommand(scenarioPath, flags),
  );
}

async function runCommand(scenarioPath: string | undefined, flags: RunFlags): Promise<void> {
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--trace", path: flags.trace },
  ]);
  await loadPlugins(flags);
  const scenario = loadScenarioFile(scenarioPath ?? builtinScenarioPath());
  const result = withTraceFile(flags.trace, (trace) =>
    runScenario(scenario, {
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
      ...runLimits(flags),
      ...(trace ? { trace } : {}),
    }),
  );
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out) writeFileAtomic(flags.out, json);
  if (flags.json) {
    process.stdout.write(json);
    return;
  }
  const colors = palette(colorEnabled(process.stdout));
  process.stdout.write(`${renderRunSummary(result.run, result.measurements, colors)}\n`);
}
