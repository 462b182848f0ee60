/**
 * The YAML printed for a schedule is what the schedule is: pasted under a scenario's
 * `faults:`, it validates to the same faults `withFaults` appends — for any drawn schedule,
 * including names YAML would misread unquoted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { faultModelOf } from "../../src/experiment/check/FaultModel.js";
import { faultScheduleArbitrary } from "../../src/experiment/check/faultScheduleArbitrary.js";
import { withFaults } from "../../src/experiment/check/withFaults.js";
import { scheduleYaml } from "../../src/report/scheduleYaml.js";
import { parseScenarioText } from "../../src/scenario/loadScenario.js";

// A backend named "true" and one named "1": unquoted, YAML would read a boolean and a number.
const SCENARIO_TEXT = `name: yaml-round-trip
horizon: 5d
fleet: { mailboxes: 20 }
backends:
  "true": { kind: filer, nodes: 2, volumesPerNode: 1 }
  "1": { kind: scale-out, nodesPerCluster: 3, shardsPerNode: 1 }
check:
  faults:
    targets: ["true", "1/node/*", "true/node/*"]
    propagate: true
`;

describe("scheduleYaml", () => {
  it("pastes into a scenario as exactly the schedule's faults", () => {
    const scenario = parseScenarioText(SCENARIO_TEXT, "inline");
    fc.assert(
      fc.property(faultScheduleArbitrary(faultModelOf(scenario)), (schedule) => {
        const yaml = scheduleYaml(schedule);
        expect(parse(yaml)).toEqual({ faults: schedule });
        const pasted = parseScenarioText(`${SCENARIO_TEXT}${yaml}\n`, "pasted");
        expect(pasted.faults).toEqual(withFaults(scenario, schedule).faults);
      }),
      { seed: 66, numRuns: 50 },
    );
  });

  it("writes one flow mapping per line, and an empty list for no faults", () => {
    expect(scheduleYaml([{ at: "9d23h58m", target: "a/node/0", fault: "crash", duration: "10m" }])).toBe(
      "faults:\n  - { at: 9d23h58m, target: a/node/0, fault: crash, duration: 10m }",
    );
    expect(scheduleYaml([])).toBe("faults: []");
  });
});
