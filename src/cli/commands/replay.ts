/**
 * `maildrill replay [scenario] --schedule <code>`: re-runs exactly the failing case a
 * `check` printed — the scenario with the encoded fault schedule appended to its `faults:`,
 * on the scenario's own seed. Its `--json` output is byte-for-byte what `maildrill run`
 * prints for the scenario with the schedule's YAML pasted in; `--out` and `--trace` work
 * as with `run`, and files are written whole or not at all.
 */
import type { Command } from "commander";
import { builtinScenarioPath } from "../../experiment/builtinScenario.js";
import { decodeSchedule } from "../../experiment/check/scheduleCode.js";
import { withFaults } from "../../experiment/check/withFaults.js";
import { runScenario } from "../../experiment/runScenario.js";
import { checkOutputPaths } from "../../report/checkOutputPaths.js";
import { colorEnabled, palette } from "../../report/colors.js";
import { renderRunSummary } from "../../report/runSummary.js";
import { scheduleYaml } from "../../report/scheduleYaml.js";
import { writeFileAtomic } from "../../report/writeFileAtomic.js";
import { InputError } from "../../scenario/InputError.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import { loadPlugins, runLimits, type ScenarioFlags, withScenarioOptions } from "../scenarioOptions.js";
import { withTraceFile } from "../traceFile.js";

interface ReplayFlags extends ScenarioFlags {
  schedule?: string;
  json?: boolean;
  out?: string;
  trace?: string;
}

export function registerReplayCommand(program: Command): void {
  const command = program
    .command("replay")
    .description(
      "re-run exactly the failing case printed by check (its fault schedule appended to the scenario)",
    )
    .argument("[scenario]", "scenario file (YAML or JSON); the built-in quickstart when omitted")
    .option("--schedule <code>", "the schedule code printed by maildrill check")
    .option("--json", "print the whole result as JSON instead of the summary")
    .option("--out <file>", "also write the JSON result to this file")
    .option("--trace <file>", "write the event log as JSON lines to this file");
  withScenarioOptions(command).action((scenarioPath: string | undefined, flags: ReplayFlags) =>
    replayCommand(scenarioPath, flags),
  );
}

async function replayCommand(scenarioPath: string | undefined, flags: ReplayFlags): Promise<void> {
  if (flags.schedule === undefined) {
    throw new InputError("--schedule: expected the schedule code printed by maildrill check; found none");
  }
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--trace", path: flags.trace },
  ]);
  const schedule = decodeSchedule(flags.schedule);
  await loadPlugins(flags);
  const scenario = withFaults(
    loadScenarioFile(scenarioPath ?? builtinScenarioPath()),
    schedule,
    "--schedule",
  );
  const result = withTraceFile(flags.trace, (trace) =>
    runScenario(scenario, { ...runLimits(flags), ...(trace ? { trace } : {}) }),
  );
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out !== undefined) writeFileAtomic(flags.out, json);
  if (flags.json) {
    process.stdout.write(json);
    return;
  }
  const summary = renderRunSummary(result.run, result.measurements, palette(colorEnabled(process.stdout)));
  process.stdout.write(
    `Replaying the scenario with these faults appended:\n${scheduleYaml(schedule)}\n\n${summary}\n`,
  );
}
