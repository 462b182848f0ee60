/**
 * The text reports as the API offers them: each is exactly the renderer the command line
 * uses, with colour off unless asked for, so a program gets the text a person sees.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type CompareResult, compareStrategies } from "../../src/experiment/compare.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import { readScenarioData, type SweepResult, sweep } from "../../src/experiment/sweep.js";
import { parseVary } from "../../src/experiment/varyPath.js";
import { renderCheckReport } from "../../src/report/checkReport.js";
import { palette } from "../../src/report/colors.js";
import { renderCompareReport } from "../../src/report/compareReport.js";
import { renderRunSummary } from "../../src/report/runSummary.js";
import { renderSweepReport } from "../../src/report/sweepReport.js";
import {
  checkReportText,
  compareReportText,
  runSummaryText,
  sweepReportText,
} from "../../src/report/textReports.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/experiment/migration-small.yaml", import.meta.url));
const ESCAPE = "\u001b[";

let compared: CompareResult;
let swept: SweepResult;
beforeAll(async () => {
  const scenario = loadScenarioFile(FIXTURE);
  compared = await compareStrategies(scenario, { runs: 2 });
  swept = await sweep(readScenarioData(FIXTURE), { runs: 2, vary: [parseVary("horizon=10d,20d")] });
});

describe("text reports from the API", () => {
  it("runSummaryText is the run summary, uncoloured by default and coloured on request", () => {
    const result = runScenario(loadScenarioFile(FIXTURE));
    const plain = runSummaryText(result);
    expect(plain).toBe(renderRunSummary(result.run, result.measurements, palette(false)));
    expect(plain).not.toContain(ESCAPE);
    expect(runSummaryText(result, { color: true })).toBe(
      renderRunSummary(result.run, result.measurements, palette(true)),
    );
  });

  it("compareReportText is the compare table, naming the scenario file in its hints", () => {
    const text = compareReportText(compared, { scenarioPath: "my scenario.yaml" });
    expect(text).toBe(renderCompareReport(compared, palette(false), "my scenario.yaml"));
    expect(text).toContain("'my scenario.yaml'");
    expect(compareReportText(compared)).toBe(renderCompareReport(compared, palette(false)));
  });

  it("sweepReportText is the sweep table", () => {
    expect(sweepReportText(swept)).toBe(renderSweepReport(swept, palette(false)));
    expect(sweepReportText(swept, { color: true })).toBe(renderSweepReport(swept, palette(true)));
  });
});

describe("the check report from the API", () => {
  it("checkReportText is the check report for the invocation given", () => {
    const outcome = { schedulesTried: 40, shrinks: 0, simulations: 31, interrupted: false, seed: 9 };
    const call = { properties: ["no-silent-loss"], pluginPaths: [] };
    expect(checkReportText(outcome, call)).toBe(renderCheckReport(outcome, call, palette(false)));
    expect(checkReportText(outcome, call)).toContain("no-silent-loss held for all 40 fault schedules");
  });
});
