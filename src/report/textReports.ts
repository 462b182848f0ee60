/**
 * The text reports of the command line, as the library API offers them: the same renderers
 * `maildrill run`, `compare`, `sweep` and `check` print with, taking a result and returning
 * the text, so a program can show or store exactly what a person at the terminal would see.
 *
 * Contract: each function is a pure function of its arguments; colour is off unless asked
 * for (a report for a file or a log must not carry escape codes); no trailing newline. These
 * functions choose nothing the renderers do not: layout and wording live in the renderers.
 */
import type { SearchOutcome } from "../experiment/check/searchFaultSchedules.js";
import type { CompareResult } from "../experiment/compare.js";
import type { RunResult } from "../experiment/runScenario.js";
import type { SweepResult } from "../experiment/sweep.js";
import { type CheckInvocation, renderCheckReport } from "./checkReport.js";
import { palette } from "./colors.js";
import { renderCompareReport } from "./compareReport.js";
import { renderRunSummary } from "./runSummary.js";
import { renderSweepReport } from "./sweepReport.js";

/** How a text report is rendered. */
export interface TextReportOptions {
  /** ANSI colour for a terminal; default false. */
  readonly color?: boolean;
}

/**
 * The summary `maildrill run` prints for one run: availability, the mail ledger,
 * time-to-restore and what the storage did, after the migration's block when there is one.
 */
export function runSummaryText(result: RunResult, options: TextReportOptions = {}): string {
  return renderRunSummary(result.run, result.measurements, palette(options.color ?? false));
}

/**
 * The table `maildrill compare` prints: each strategy's headline figures with 95% intervals,
 * then the paired differences against the baseline. `scenarioPath` is the scenario file as a
 * user would pass it on the command line; the report's closing hints name it in the commands
 * they suggest (omitted: the built-in scenario).
 */
export function compareReportText(
  result: CompareResult,
  options: TextReportOptions & { readonly scenarioPath?: string } = {},
): string {
  return renderCompareReport(result, palette(options.color ?? false), options.scenarioPath);
}

/** The table `maildrill sweep` prints: one row per grid point, the figures as mean [95% interval]. */
export function sweepReportText(result: SweepResult, options: TextReportOptions = {}): string {
  return renderSweepReport(result, palette(options.color ?? false));
}

/**
 * The report `maildrill check` prints for a search: how many schedules held, or the smallest
 * counterexample as YAML for the scenario's `faults:` with the replay command. `invocation`
 * says how the search was asked for, so the replay command it prints is exact.
 */
export function checkReportText(
  outcome: SearchOutcome,
  invocation: CheckInvocation,
  options: TextReportOptions = {},
): string {
  return renderCheckReport(outcome, invocation, palette(options.color ?? false));
}
