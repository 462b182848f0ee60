/** The Rollout block of `maildrill run`: present only with a migration, naming what happened. */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { palette } from "../../src/report/colors.js";
import { rolloutBlock } from "../../src/report/rolloutSummary.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const plain = palette(false);
const scenario = loadScenarioFile("test/fixtures/rollout/small-migration.yaml");

describe("rolloutBlock", () => {
  it("says when the first incident hit and how much was migrated, and the bug's draws", () => {
    const text = rolloutBlock(runScenario(scenario, { strategy: "big-bang" }).measurements, plain).join("\n");
    expect(text).toContain("Rollout · big-bang (big-bang)");
    // Unit 15 lands a minute past 15 h: each copy also moves the mail its unit stored since t = 0.
    expect(text).toContain("first incident at 15h 01m with 35.0% migrated");
    expect(text).toContain("bug vendor/threshold: threshold 15,000,000   fix after 2d 0h");
  });

  it("says so when the target cohort never had an incident", () => {
    const text = rolloutBlock(runScenario(scenario, { strategy: "cells" }).measurements, plain).join("\n");
    expect(text).toContain("no incident on the target cohort");
    expect(text).toContain("completed at 4d 16h");
  });

  it("is empty for a run without a migration", () => {
    const result = runScenario(loadScenarioFile("scenarios/quickstart.yaml"), { seed: 1 });
    expect(rolloutBlock(result.measurements, plain)).toEqual([]);
  });
});
