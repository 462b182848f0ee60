/**
 * withFaults: the scenario with a fault schedule appended to its explicit `faults:` — what a
 * user gets by pasting the schedule's YAML at the end of that list. This is the only way
 * `check` turns a schedule into a run: there is no second model.
 *
 * Contract: the schedule goes through the scenario schema's own fault validation and the
 * cross-field checks (targets that exist, times within the horizon); a bad entry is one
 * InputError naming `<source>[i].<field>`. The scenario passed in is not changed.
 */
import type { z } from "zod";
import { checkScenario } from "../../scenario/crossChecks.js";
import { describeValue, formatPath, InputError } from "../../scenario/InputError.js";
import { explicitFaultSchema, type Scenario } from "../../scenario/schema.js";
import type { FaultSchedule } from "./FaultSchedule.js";

/** The scenario with `schedule` added to its explicit `faults:`, validated as if written in the file. */
export function withFaults(scenario: Scenario, schedule: FaultSchedule, source = "faults"): Scenario {
  const added = schedule.map((fault, i) => {
    const parsed = explicitFaultSchema.safeParse(fault, { reportInput: true });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const where = `${source}[${i}]${issue.path.length > 0 ? `.${formatPath(issue.path)}` : ""}`;
    throw new InputError(`${where}: ${issueText(issue)}`);
  });
  const combined: Scenario = { ...scenario, faults: [...scenario.faults, ...added] };
  try {
    checkScenario(combined);
  } catch (error) {
    throw error instanceof InputError ? renumbered(error, scenario.faults.length, source) : error;
  }
  return combined;
}

function issueText(issue: z.core.$ZodIssue & { input?: unknown }): string {
  if (issue.message.startsWith("expected ")) return issue.message;
  const found = describeValue(issue.input);
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; found ${found}`;
  }
  return `expected a valid value (${issue.message}); found ${found}`;
}

/** A cross-check names the combined list's `faults[k]`; the user wrote the schedule's entry k − first. */
function renumbered(error: InputError, first: number, source: string): InputError {
  const match = /^faults\[(\d+)\]/.exec(error.message);
  if (match === null || Number(match[1]) < first) return error;
  return new InputError(`${source}[${Number(match[1]) - first}]${error.message.slice(match[0].length)}`);
}
