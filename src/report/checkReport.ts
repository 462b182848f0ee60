/**
 * The terminal report of `maildrill check`: the verdict first, then — on a violation — what
 * a user needs to act on it: the shrunk schedule as YAML to paste into the scenario's
 * `faults:`, the key figures of the failing run, and one command line that replays it
 * exactly. A search cut short by its time limit says "interrupted", with what it did cover.
 *
 * Contract: a pure function of its arguments, no trailing newline. The commands it prints
 * are quoted for a POSIX shell, so they can be copied as they are.
 */
import type { SearchOutcome } from "../experiment/check/searchFaultSchedules.js";
import type { RunMeasurements } from "../metrics/RunMeasurements.js";
import type { Palette } from "./colors.js";
import { formatCount, formatDurationMs, formatHours, formatPercent } from "./format.js";
import { scheduleYaml } from "./scheduleYaml.js";

/** How a search was asked for: what `checkReportText` needs to print an exact replay command. */
export interface CheckInvocation {
  /** The scenario argument as the user gave it (absent: the built-in scenario). */
  readonly scenarioPath?: string;
  readonly properties: readonly string[];
  readonly pluginPaths: readonly string[];
  readonly timeLimitMs?: number;
  /** The replay command's schedule code (`encodeSchedule`), present on a violation. */
  readonly scheduleCode?: string;
}

const INDENT = "  ";

export function renderCheckReport(outcome: SearchOutcome, call: CheckInvocation, colors: Palette): string {
  const names = call.properties.join(", ");
  const found = outcome.counterexample;
  if (found === undefined) {
    const tried = `${plural(outcome.schedulesTried, "fault schedule")} (${plural(outcome.simulations, "distinct run")}, fast-check seed ${outcome.seed})`;
    if (!outcome.interrupted)
      return `${colors.green("maildrill check: held")} · ${names} held for all ${tried}`;
    const limit = call.timeLimitMs !== undefined ? ` (${formatDurationMs(call.timeLimitMs)})` : "";
    return `${colors.yellow(`maildrill check: interrupted by the time limit${limit}`)} · no violation of ${names} in the ${tried} tried before it`;
  }
  const faults = found.schedule.length;
  const broken = found.violations.map((v) => (v.reason ? `${v.property} (${v.reason})` : v.property));
  return [
    `${colors.red(colors.bold("maildrill check: violated"))} · ${broken.join(", ")} · found after ${plural(outcome.schedulesTried, "schedule")}, shrunk ${plural(outcome.shrinks, "time")} to ${plural(faults, "fault")}`,
    ...(outcome.interrupted
      ? [colors.yellow("interrupted by the time limit while shrinking: a smaller schedule may exist")]
      : []),
    "",
    colors.bold("Fault schedule (append the items to the scenario's faults: list):"),
    scheduleYaml(found.schedule),
    "",
    colors.bold(`The failing run (seed ${found.result.run.seed}):`),
    ...keyFigures(found.result.measurements),
    "",
    colors.bold("Replay it exactly (add --json, --out or --trace as with run):"),
    `${INDENT}${replayCommand(call)}`,
    "",
    colors.dim(
      `fast-check: seed ${outcome.seed}, path ${found.path} — ${searchReplayCommand(call, outcome.seed, found.path)}`,
    ),
  ].join("\n");
}

function keyFigures(m: RunMeasurements): string[] {
  const l = m.ledger;
  const a = m.availability;
  return [
    `${INDENT}messages: arrived ${formatCount(l.arrived)}, silently lost ${formatCount(l.silentlyLost)}, ` +
      `corrupted served ${formatCount(l.corruptedServed)}, bounced ${formatCount(l.bounced)}, ` +
      `pending ${formatCount(l.pending)}, ledger ${l.reconciles ? "reconciles" : "DOES NOT reconcile"}`,
    `${INDENT}availability ${formatPercent(a.fleetAvailability, 4)} (mailbox-hours down ${formatHours(a.mailboxHoursDown)}), ` +
      `time-to-restore p99 ${formatDurationMs(m.timeToRestore.p99Ms)}, data-loss events ${formatCount(m.integrity.dataLossEvents)}`,
  ];
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

function scenarioWords(call: CheckInvocation): string[] {
  return [
    ...(call.scenarioPath !== undefined ? [call.scenarioPath] : []),
    ...call.pluginPaths.flatMap((p) => ["--plugin", p]),
  ];
}

/** A maildrill command on this check's scenario and properties: the replay and search lines share it. */
function checkCommand(verb: string, call: CheckInvocation, tail: string[]): string {
  const properties = call.properties.flatMap((p) => ["--property", p]);
  return shellLine(["maildrill", verb, ...scenarioWords(call), ...properties, ...tail]);
}

function replayCommand(call: CheckInvocation): string {
  return checkCommand("replay", call, ["--schedule", call.scheduleCode ?? ""]);
}

function searchReplayCommand(call: CheckInvocation, seed: number, path: string): string {
  return checkCommand("check", call, ["--seed", String(seed), "--path", path]);
}

/** Words joined for a POSIX shell: anything beyond plain characters goes in single quotes. */
function shellLine(words: readonly string[]): string {
  return words
    .map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`))
    .join(" ");
}
