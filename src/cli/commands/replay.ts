/**
 * `maildrill replay [scenario] --schedule <code>`: re-runs exactly the failing case a
 * `check` printed — the scenario with the encoded fault schedule appended to its `faults:`,
 * on the scenario's own seed. Its `--json` output is byte-for-byte what `maildrill run`
 * prints for the scenario with the schedule's YAML pasted in; `--out` and `--trace` work
 * as with `run`, and files are written whole or not at all. With `--property` (as check's
 * printed command passes them), it exits 1 when the replayed run still breaks one, like
 * `check` on a violation, so a script can tell a reproduced failure from a fixed one.
 */
import type { Command } from "commander";
import { builtinScenarioPath, resolveScenarioArgument } from "../../experiment/builtinScenario.js";
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
import { loadProperties } from "../propertyArgs.js";
import { loadPlugins, runLimits, type ScenarioFlags, withScenarioOptions } from "../scenarioOptions.js";
import { withTraceFile } from "../traceFile.js";
import { ViolationFound } from "../ViolationFound.js";

interface ReplayFlags extends ScenarioFlags {
  schedule?: string;
  property?: string[];
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
    .option(
      "--property <property>",
      "a property the case was found for, repeatable: exit 1 when the replayed run still breaks it",
      (value: string, values: string[] = []) => [...values, value],
    )
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
  const properties = await loadProperties(flags.property ?? []);
  const scenario = withFaults(
    loadScenarioFile(resolveScenarioArgument(scenarioPath ?? builtinScenarioPath())),
    schedule,
    "--schedule",
  );
  const result = withTraceFile(flags.trace, (trace) =>
    runScenario(scenario, { ...runLimits(flags), ...(trace ? { trace } : {}) }),
  );
  const json = `${JSON.stringify(result, null, 2)}\n`;
  if (flags.out !== undefined) writeFileAtomic(flags.out, json);
  const broken = properties.filter((property) => property.holds(result) === false).map((p) => p.name);
  if (flags.json) process.stdout.write(json);
  else {
    const summary = renderRunSummary(result.run, result.measurements, palette(colorEnabled(process.stdout)));
    const verdict =
      properties.length === 0
        ? ""
        : broken.length > 0
          ? `\n\nViolated: ${broken.join(", ")}`
          : "\n\nHeld: every property";
    process.stdout.write(
      `Replaying the scenario with these faults appended:\n${scheduleYaml(schedule)}\n\n${summary}${verdict}\n`,
    );
  }
  if (broken.length > 0) throw new ViolationFound();
}
