/**
 * A worked example of a user's own vitest + fast-check test with maildrill's exported
 * arbitraries (docs/check.md, "In your own tests"). In a project that depends on maildrill,
 * import from "maildrill" instead of "../../src/index.js"; everything used here is public.
 *
 * The pattern: load your scenario, take its fault model (`faultModelOf`, optionally
 * narrowed), draw schedules with `faultScheduleArbitrary`, run each with
 * `runScenario(withFaults(scenario, schedule))`, and assert on the measurements. fast-check
 * shrinks a failure to the smallest schedule; `scheduleYaml(schedule)` writes it as YAML to
 * paste into the scenario's `faults:`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  faultModelOf,
  faultScheduleArbitrary,
  loadScenarioFile,
  runScenario,
  scheduleYaml,
  smallScenarioArbitrary,
  withFaults,
} from "../../src/index.js";

const strong = loadScenarioFile("test/fixtures/check/strong-mirror.yaml");
const weak = loadScenarioFile("test/fixtures/check/weak-async.yaml");

describe("a user's property tests on their mail platform design", () => {
  it("our mirrored design never loses an acknowledged message, one fault at a time", () => {
    fc.assert(
      fc.property(faultScheduleArbitrary(faultModelOf(strong)), (schedule) => {
        const { ledger } = runScenario(withFaults(strong, schedule)).measurements;
        expect(ledger.silentlyLost).toBe(0);
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it("a narrowed model: two node crashes at most keep fleet availability above 99%", () => {
    const model = faultModelOf(strong, { kinds: ["crash"], maxFaults: 2, targets: ["a/node/0", "b/node/0"] });
    fc.assert(
      fc.property(faultScheduleArbitrary(model), (schedule) => {
        const { availability } = runScenario(withFaults(strong, schedule)).measurements;
        expect(availability.fleetAvailability).toBeGreaterThanOrEqual(0.99);
      }),
      { seed: 43, numRuns: 20 },
    );
  });

  it("fast-check finds and shrinks the weak design's counterexample", () => {
    const details = fc.check(
      fc.property(
        faultScheduleArbitrary(faultModelOf(weak)),
        (schedule) => runScenario(withFaults(weak, schedule)).measurements.ledger.silentlyLost === 0,
      ),
      { seed: 44 },
    );
    expect(details.failed).toBe(true);
    const [schedule] = details.counterexample!;
    expect(schedule).toHaveLength(1);
    expect(scheduleYaml(schedule)).toMatch(/^faults:\n {2}- \{ at: .*, fault: crash, duration: 10m \}$/);
  });

  it("any small world: the ledger accounts for every message", () => {
    const world = smallScenarioArbitrary({ maxMailboxes: 100 }).chain((scenario) =>
      faultScheduleArbitrary(faultModelOf(scenario)).map((schedule) => withFaults(scenario, schedule)),
    );
    fc.assert(
      fc.property(world, (scenario) => {
        expect(runScenario(scenario).measurements.ledger.reconciles).toBe(true);
      }),
      { seed: 45, numRuns: 20 },
    );
  });
});
