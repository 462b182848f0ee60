/**
 * withFaults: the scenario with a fault schedule appended to its explicit `faults:` — what a
 * user gets by pasting the schedule's YAML at the end of that list. This is the only way
 * `check` turns a schedule into a run: there is no second model.
 *
 * Contract: the schedule goes through the scenario schema's own fault validation and the
 * cross-field checks (targets that exist, times within the horizon); a bad entry is one
 * InputError naming `<source>[i].<field>`. The scenario passed in is not changed.
 */
import { checkScenario } from "../../scenario/crossChecks.js";
import { describeValue, formatPath, InputError } from "../../scenario/InputError.js";
import { explicitFaultSchema, type Scenario } from "../../scenario/schema.js";
import type { FaultSchedule } from "./FaultSchedule.js";

export function withFaults(scenario: Scenario, schedule: FaultSchedule, source = "faults"): Scenario {
  const added = schedule.map((fault, i) => {
    const parsed = explicitFaultSchema.safeParse(fault);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const where = `${source}[${i}]${issue.path.length > 0 ? `.${formatPath(issue.path)}` : ""}`;
    const message = issue.message.startsWith("expected ")
      ? issue.message
      : `expected a valid fault (${issue.message}); found ${describeValue(fault)}`;
    throw new InputError(`${where}: ${message}`);
  });
  const combined: Scenario = { ...scenario, faults: [...scenario.faults, ...added] };
  checkScenario(combined);
  return combined;
}
