/**
 * The check report's wording for each outcome — held, interrupted, violated — and its
 * commands, quoted for a shell where a property holds shell characters (`>=`, `%`).
 */
import { describe, expect, it } from "vitest";
import type { SearchOutcome } from "../../src/experiment/check/searchFaultSchedules.js";
import { withFaults } from "../../src/experiment/check/withFaults.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import { renderCheckReport } from "../../src/report/checkReport.js";
import { palette } from "../../src/report/colors.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const plain = palette(false);
const base = { schedulesTried: 40, shrinks: 0, simulations: 31, interrupted: false, seed: 9 };
const call = { scenarioPath: "my scenario.yaml", properties: ["availability>=99.9%"], pluginPaths: [] };

describe("renderCheckReport", () => {
  it("says how many schedules held", () => {
    expect(renderCheckReport(base, call, plain)).toBe(
      "maildrill check: held · availability>=99.9% held for all 40 fault schedules (31 distinct runs, fast-check seed 9)",
    );
  });

  it("says interrupted, with the limit, when the time limit stopped the search", () => {
    const text = renderCheckReport({ ...base, interrupted: true }, { ...call, timeLimitMs: 60_000 }, plain);
    expect(text).toMatch(/^maildrill check: interrupted by the time limit \(1m 00s\) · no violation of/);
  });

  it("on a violation prints the schedule, the figures and shell-quoted replay commands", () => {
    const scenario = loadScenarioFile("test/fixtures/check/weak-async.yaml");
    const schedule = [{ at: "1d", target: "a/node/0", fault: "crash" as const, duration: "10m" }];
    const outcome: SearchOutcome = {
      ...base,
      shrinks: 3,
      interrupted: true,
      counterexample: {
        schedule,
        violations: [{ property: "availability>=99.9%" }],
        result: runScenario(withFaults(scenario, schedule)),
        path: "3:1:0",
      },
    };
    const lines = renderCheckReport(outcome, { ...call, scheduleCode: "CODE" }, plain).split("\n");
    expect(lines[0]).toBe(
      "maildrill check: violated · availability>=99.9% · found after 40 schedules, shrunk 3 times to 1 fault",
    );
    expect(lines[1]).toMatch(/^interrupted by the time limit while shrinking/);
    expect(lines).toContain("  - { at: 1d, target: a/node/0, fault: crash, duration: 10m }");
    expect(lines).toContain(
      "  maildrill replay 'my scenario.yaml' --property 'availability>=99.9%' --schedule CODE",
    );
    expect(lines.at(-1)).toContain(
      "maildrill check 'my scenario.yaml' --property 'availability>=99.9%' --seed 9 --path 3:1:0",
    );
  });
});
