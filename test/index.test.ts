/**
 * The public API and the package around it: `src/index.ts` exports exactly the documented
 * surface (a new export is a decision, made here on purpose, not an accident of `export *`),
 * and package.json lets a user's own fast-check serve the arbitraries (a peer dependency, so
 * npm installs one copy and its types are the user's) and lets tools read the manifest.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const installedFastCheck = (
  JSON.parse(readFileSync(new URL("../node_modules/fast-check/package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

describe("the public API", () => {
  it("exports the documented values and nothing else", () => {
    expect(Object.keys(api).sort()).toEqual([
      "Access",
      "COMPARE_SCHEMA_VERSION",
      "DEFAULT_CHECK_RUNS",
      "DEFAULT_COMPARE_RUNS",
      "DEFAULT_MEMORY_LIMIT_BYTES",
      "FIGURE_NAMES",
      "InputError",
      "PROPERTY_FORMS",
      "RESULT_SCHEMA_VERSION",
      "SEED_RULE",
      "SWEEP_SCHEMA_VERSION",
      "builtinCompareScenarioPath",
      "builtinScenarioPath",
      "catalogueProperty",
      "checkReportText",
      "checkSeedOf",
      "clearBackendPlugins",
      "compareCsv",
      "compareReportText",
      "compareStrategies",
      "decodeSchedule",
      "encodeSchedule",
      "faultModelOf",
      "faultScheduleArbitrary",
      "loadBackendPlugin",
      "loadPropertyModule",
      "loadScenarioFile",
      "pairedDifferences",
      "parseScenarioText",
      "parseVary",
      "readScenarioData",
      "registerBackendPlugin",
      "runFigures",
      "runScenario",
      "runSeeds",
      "runSummaryText",
      "scheduleYaml",
      "searchFaultSchedules",
      "smallScenarioArbitrary",
      "summarizeRuns",
      "sweep",
      "sweepCsv",
      "sweepReportText",
      "validateScenario",
      "withFaults",
    ]);
  });

  it("runs a scenario from file to text report with nothing but the API", () => {
    const result = api.runScenario(api.loadScenarioFile(api.builtinScenarioPath()), { seed: 3 });
    const text = api.runSummaryText(result);
    expect(text).toContain(result.run.scenario);
    expect(text).not.toContain("\u001b[");
  });
});

describe("the package", () => {
  it("exports its manifest beside the entry point", () => {
    expect(Object.keys(manifest.exports)).toEqual([".", "./package.json"]);
    expect(manifest.exports["./package.json"]).toBe("./package.json");
  });

  it("takes fast-check from the user: a peer dependency for majors 3 and 4, installed here only to develop", () => {
    expect(manifest.dependencies["fast-check"]).toBeUndefined();
    expect(manifest.peerDependencies["fast-check"]).toBe("^3.0.0 || ^4.0.0");
    expect(manifest.devDependencies["fast-check"]).toBeDefined();
    expect(installedFastCheck).toMatch(/^[34]\./);
  });
});
