/**
 * Manual pauses and operator commands, through the world (test/fixtures/steps/small-steps.yaml
 * without its bug, so only the plan decides): 10% (4 units) lands by 4 h, then `pause: {}`
 * waits for a `promote`, which takes effect the 30-minute decision time after it is issued.
 */
import { describe, expect, it } from "vitest";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";
import { editedScenario } from "../helpers/scenarioText.js";

const FILE = "test/fixtures/steps/small-steps.yaml";
const HOUR_MS = 3_600_000;
type Raw = Parameters<Parameters<typeof editedScenario>[1]>[0];
const manual = (change: (strategy: Raw) => void) =>
  editedScenario(FILE, (raw) => {
    delete raw.backends.vendor.bugs;
    change(raw.strategies.manual);
  });

describe("operator commands", () => {
  it("an indefinite pause ends at the promote plus the decision time", () => {
    const { measurements: m } = runChecked(
      manual(() => {}),
      { strategy: "manual" },
    );
    expect(m.rollout!.completedMs).toBe((48.5 + 36) * HOUR_MS);
    expectReconciled(m.ledger);
  });

  it("without a promote it never ends; a promote outside a pause is ignored", () => {
    const early = manual((s) => {
      s.operator = [{ at: "1h", action: "promote" }];
    });
    const r = runChecked(early, { strategy: "manual" }).measurements.rollout!;
    expect(r.completedMs).toBeNull();
    expect(r.mailboxesOnTargetAtHorizon).toBe(400);
  });

  it("a promote cuts a timed pause short", () => {
    const timed = manual((s) => {
      s.steps[1] = { pause: "7d" };
      s.operator = [{ at: "1d", action: "promote" }];
    });
    expect(runChecked(timed, { strategy: "manual" }).measurements.rollout!.completedMs).toBe(
      (24.5 + 36) * HOUR_MS,
    );
  });

  it("an abort rolls back what moved, at the bandwidth", () => {
    const abort = manual((s) => {
      s.operator = [{ at: "10h", action: "abort" }];
    });
    const r = runChecked(abort, { strategy: "manual" }).measurements.rollout!;
    expect(r.aborted).toBe(true);
    expect(r.abortedAtMs).toBe(10.5 * HOUR_MS);
    expect(r.rolledBackAtMs).toBe((10.5 + 4) * HOUR_MS);
    expect(r.rollbackBytes).toBe(40e9);
    expect(r.mailboxesOnTargetAtHorizon).toBe(0);
  });
});
