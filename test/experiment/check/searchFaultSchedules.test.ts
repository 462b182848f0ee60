/**
 * The schedule search end to end, in-process (issue 6, "It must show"):
 * - known-weak designs are caught: asynchronous replication (a failover drops acknowledged
 *   writes) and two copies on one OS version (a common-mode bug reaches both) break
 *   `no-silent-loss`, and the counterexample shrinks to at most 2 faults;
 * - a strong design (synchronous copies on two backends with distinct OS versions, one fault
 *   at a time, time to repair before the next) survives the same search for a fixed number
 *   of schedules;
 * - the search is deterministic, fast-check's seed and path replay its counterexample, and a
 *   time limit that runs out is reported as an interruption, not as a pass.
 */
import { describe, expect, it } from "vitest";
import { catalogueProperty } from "../../../src/experiment/check/propertyCatalogue.js";
import { searchFaultSchedules } from "../../../src/experiment/check/searchFaultSchedules.js";
import { withFaults } from "../../../src/experiment/check/withFaults.js";
import { runScenario } from "../../../src/experiment/runScenario.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";

const noSilentLoss = catalogueProperty("no-silent-loss");
const load = (name: string) => loadScenarioFile(`test/fixtures/check/${name}.yaml`);
const SEED = 1;
const RUNS = 100;

describe("searchFaultSchedules", () => {
  it.each(["weak-async", "weak-common-mode"])(
    "catches the known-weak design %s and shrinks it to at most 2 faults",
    (name) => {
      const scenario = load(name);
      const outcome = searchFaultSchedules(scenario, {
        properties: [noSilentLoss],
        numRuns: RUNS,
        seed: SEED,
      });
      const found = outcome.counterexample!;
      expect(found.violations).toEqual([{ property: "no-silent-loss" }]);
      expect(found.schedule.length).toBeGreaterThanOrEqual(1);
      expect(found.schedule.length).toBeLessThanOrEqual(2);
      expect(found.result.measurements.ledger.silentlyLost).toBeGreaterThan(0);
      expect(outcome.interrupted).toBe(false);
      // The reported result is the run of the scenario with the schedule appended, nothing else.
      expect(runScenario(withFaults(scenario, found.schedule))).toEqual(found.result);
    },
  );

  it("lets the strong design survive the same search", () => {
    const outcome = searchFaultSchedules(load("strong-mirror"), {
      properties: [noSilentLoss, catalogueProperty("ledger-reconciles")],
      numRuns: RUNS,
      seed: SEED,
    });
    expect(outcome.counterexample).toBeUndefined();
    expect(outcome.schedulesTried).toBe(RUNS);
    expect(outcome.interrupted).toBe(false);
  });

  it("is deterministic, and fast-check's seed and path replay the counterexample", () => {
    const scenario = load("weak-async");
    const first = searchFaultSchedules(scenario, { properties: [noSilentLoss], seed: SEED });
    const again = searchFaultSchedules(scenario, { properties: [noSilentLoss], seed: SEED });
    expect(again).toEqual(first);
    const replayed = searchFaultSchedules(scenario, {
      properties: [noSilentLoss],
      seed: SEED,
      path: first.counterexample!.path,
    });
    expect(replayed.counterexample!.schedule).toEqual(first.counterexample!.schedule);
    expect(replayed.counterexample!.result).toEqual(first.counterexample!.result);
  });

  it("reports a search stopped by its time limit as interrupted", () => {
    const outcome = searchFaultSchedules(load("strong-mirror"), {
      properties: [noSilentLoss],
      numRuns: 1_000_000,
      timeLimitMs: 0,
    });
    expect(outcome.interrupted).toBe(true);
    expect(outcome.counterexample).toBeUndefined();
    expect(outcome.schedulesTried).toBeLessThan(1_000_000);
  });

  it("counts a property that throws as violated, with its message", () => {
    const outcome = searchFaultSchedules(load("weak-common-mode"), {
      properties: [
        {
          name: "at-most-one-failover",
          holds: (r) => {
            if ((r.measurements.events["failover"] ?? 0) > 1) throw new Error("more than one failover");
          },
        },
      ],
      numRuns: RUNS,
      seed: SEED,
    });
    expect(outcome.counterexample?.violations).toEqual([
      { property: "at-most-one-failover", reason: "more than one failover" },
    ]);
  });
});
