/**
 * scheduleYaml: a fault schedule as the YAML a user pastes into a scenario — a `faults:` key
 * and one flow mapping a line, the style of the scenario files in this repository:
 *
 *   faults:
 *     - { at: 9d23h58m, target: a/node/0, fault: crash, duration: 10m }
 *
 * Scalars are written by the yaml library, so a value YAML would misread (a backend named
 * `true`, a target that looks like a number) comes out quoted. The items append to an
 * existing `faults:` list unchanged; an empty schedule prints `faults: []`.
 */
import { stringify } from "yaml";
import type { FaultSchedule } from "../experiment/check/FaultSchedule.js";

/** A fault schedule as YAML to paste under a scenario's `faults:`. */
export function scheduleYaml(schedule: FaultSchedule): string {
  if (schedule.length === 0) return "faults: []";
  const items = schedule.map(
    (fault) => `  - ${stringify(fault, { collectionStyle: "flow", lineWidth: 0 }).trim()}`,
  );
  return ["faults:", ...items].join("\n");
}
