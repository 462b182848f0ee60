/**
 * withFaults appends a schedule after the scenario's own faults (as pasting it at the end of
 * the list does), leaves the scenario it was given alone, and names a bad entry by its
 * place in the schedule.
 */
import { describe, expect, it } from "vitest";
import { withFaults } from "../../../src/experiment/check/withFaults.js";
import { parseScenarioText } from "../../../src/scenario/loadScenario.js";

const scenario = parseScenarioText(
  `name: t
horizon: 10d
fleet: { mailboxes: 10 }
backends: { a: { kind: filer, nodes: 2 } }
faults:
  - { at: 1d, target: a/node/0, fault: crash, duration: 1h }
`,
  "inline",
);

describe("withFaults", () => {
  it("appends the schedule in canonical units after the scenario's own faults", () => {
    const combined = withFaults(scenario, [{ at: "2d3h", target: "a", fault: "lost-writes", window: "90s" }]);
    expect(combined.faults).toEqual([
      scenario.faults[0],
      { at: 183_600_000, target: "a", fault: "lost-writes", duration: 0, window: 90_000 },
    ]);
    expect(scenario.faults).toHaveLength(1);
  });

  it.each([
    [
      [{ at: "2d", target: "a/node/7", fault: "crash" }],
      /^--schedule\[0\]\.target: expected "a", "a\/node\/N" \(N < 2\)/,
    ],
    [
      [{ at: "2d", target: "a", fault: "crush" }],
      /^--schedule\[0\]\.fault: expected one of "crash", .*; found "crush"$/,
    ],
    [
      [
        { at: "2d", target: "a", fault: "crash" },
        { at: "12d", target: "a", fault: "crash" },
      ],
      /^--schedule\[1\]\.at: expected a time within the horizon/,
    ],
  ])("names a bad entry by its place in the schedule: %j", (schedule, message) => {
    expect(() => withFaults(scenario, schedule as never, "--schedule")).toThrow(message);
  });
});
