/**
 * `maildrill check [scenario] --property P`: search the scenario's fault model for a fault
 * schedule under which a property breaks (docs/check.md). On a violation: the report with
 * the shrunk schedule, the failing run's figures and a replay command, `--out` writes the
 * failing run's JSON result, and the exit code is 1. Otherwise: how many schedules were
 * tried (or that the time limit interrupted the search), exit 0. `--html` writes a page with the
 * counterexample drawn on the failing run's timeline (src/report/html/checkHtml.ts).
 */

import type { Command } from "commander";
import { builtinScenarioPath, resolveScenarioArgument } from "../../experiment/builtinScenario.js";
import { PROPERTY_FORMS } from "../../experiment/check/propertyCatalogue.js";
import { encodeSchedule } from "../../experiment/check/scheduleCode.js";
import type { SearchOutcome } from "../../experiment/check/searchFaultSchedules.js";
import { DEFAULT_CHECK_RUNS, searchFaultSchedules } from "../../experiment/check/searchFaultSchedules.js";
import { withFaults } from "../../experiment/check/withFaults.js";
import { RUN_TIMELINE_POINTS, runWithTimeline } from "../../experiment/runWithTimeline.js";
import { checkOutputPaths } from "../../report/checkOutputPaths.js";
import { type CheckInvocation, renderCheckReport } from "../../report/checkReport.js";
import { colorEnabled, palette } from "../../report/colors.js";
import { writeFileAtomic } from "../../report/writeFileAtomic.js";
import { InputError } from "../../scenario/InputError.js";
import { loadScenarioFile } from "../../scenario/loadScenario.js";
import type { Scenario } from "../../scenario/schema.js";
import { strategyNames } from "../../scenario/strategies.js";
import { parseDurationMs, UnitError } from "../../scenario/units.js";
import { reportMeta, writeHtmlReport } from "../htmlReport.js";
import { repeatable, wholeNumberOption } from "../parseOptions.js";
import { loadProperties } from "../propertyArgs.js";
import { loadPlugins, type ScenarioFlags, withScenarioOptions } from "../scenarioOptions.js";
import { ViolationFound } from "../ViolationFound.js";

interface CheckFlags extends ScenarioFlags {
  property?: string[];
  runs?: number;
  timeLimit?: number;
  seed?: number;
  path?: string;
  out?: string;
  html?: string;
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command("check")
    .description("search the scenario's fault model for the smallest fault schedule that breaks a property")
    .argument("[scenario]", "scenario file (YAML or JSON); the built-in quickstart when omitted")
    .option(
      "--property <property>",
      `the guarantee to test, repeatable: ${PROPERTY_FORMS}`,
      repeatable(String),
    )
    .option(
      "--runs <n>",
      `fault schedules to try (default ${DEFAULT_CHECK_RUNS})`,
      wholeNumberOption("--runs", "fault schedules", 10_000_000),
    )
    .option(
      "--time-limit <duration>",
      "stop searching after this long, e.g. 60s (reported as interrupted)",
      timeOption,
    )
    .option(
      "--seed <n>",
      "fast-check seed (default: derived from the scenario's seed)",
      wholeNumberOption("--seed", undefined, 2 ** 31 - 1, -(2 ** 31)),
    )
    .option("--path <path>", "fast-check path of a counterexample to replay from --seed", pathOption)
    .option("--out <file>", "on a violation, write the failing run's JSON result to this file")
    .option("--html <file>", "write a self-contained HTML report (the counterexample drawn on a timeline)");
  withScenarioOptions(command).action((scenarioPath: string | undefined, flags: CheckFlags) =>
    checkCommand(scenarioPath, flags),
  );
}

async function checkCommand(scenarioPath: string | undefined, flags: CheckFlags): Promise<void> {
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--html", path: flags.html },
  ]);
  const propertyArgs = flags.property ?? [];
  if (propertyArgs.length === 0)
    throw new InputError(`--property: expected at least one of ${PROPERTY_FORMS}; found none`);
  await loadPlugins(flags);
  const properties = await loadProperties(propertyArgs);
  const scenario = loadScenarioFile(resolveScenarioArgument(scenarioPath ?? builtinScenarioPath()));
  const outcome = searchFaultSchedules(scenario, {
    properties,
    ...(flags.runs !== undefined ? { numRuns: flags.runs } : {}),
    ...(flags.timeLimit !== undefined ? { timeLimitMs: flags.timeLimit } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    ...(flags.maxMemory !== undefined ? { memoryLimitBytes: flags.maxMemory } : {}),
  });
  const found = outcome.counterexample;
  if (found !== undefined && flags.out !== undefined)
    writeFileAtomic(flags.out, `${JSON.stringify(found.result, null, 2)}\n`);
  const call = {
    ...(scenarioPath !== undefined ? { scenarioPath } : {}),
    properties: propertyArgs,
    pluginPaths: flags.plugin ?? [],
    ...(flags.timeLimit !== undefined ? { timeLimitMs: flags.timeLimit } : {}),
    ...(found !== undefined ? { scheduleCode: encodeSchedule(found.schedule) } : {}),
  };
  if (flags.html !== undefined) await writeCheckHtml(flags.html, scenario, outcome, call, flags.maxMemory);
  const report = renderCheckReport(outcome, call, palette(colorEnabled(process.stdout)));
  process.stdout.write(`${report}\n`);
  if (found !== undefined) throw new ViolationFound();
}

/** The failing run replayed with its timeline (the same run: it depends only on scenario and schedule), drawn. */
async function writeCheckHtml(
  path: string,
  scenario: Scenario,
  outcome: SearchOutcome,
  call: CheckInvocation,
  maxMemory: number | undefined,
): Promise<void> {
  const found = outcome.counterexample;
  const failing =
    found === undefined
      ? undefined
      : runWithTimeline(
          withFaults(scenario, found.schedule),
          maxMemory !== undefined ? { memoryLimitBytes: maxMemory } : {},
          RUN_TIMELINE_POINTS,
        );
  await writeHtmlReport(path, async () => {
    const { renderCheckHtml } = await import("../../report/html/checkHtml.js");
    const strategy = failing?.result.run.strategy ?? null;
    const seed =
      failing === undefined
        ? `fast-check seed ${outcome.seed}`
        : `run seed ${failing.result.run.seed}, fast-check seed ${outcome.seed}`;
    return renderCheckHtml(
      {
        text: renderCheckReport(outcome, call, palette(false)),
        ...(failing !== undefined
          ? {
              failing: {
                ...failing,
                strategyIndex: strategy === null ? 0 : strategyNames(scenario).indexOf(strategy),
              },
            }
          : {}),
      },
      reportMeta("maildrill check", scenario.name, seed),
    );
  });
}

function timeOption(value: string): number {
  try {
    return parseDurationMs(value);
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`--time-limit: ${error.message}`);
    throw error;
  }
}

function pathOption(value: string): string {
  if (/^\d+(:\d+)*$/.test(value)) return value;
  throw InputError.at("--path", 'a fast-check path such as "4:2:1:1"', value);
}
