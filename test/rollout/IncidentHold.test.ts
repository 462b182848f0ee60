/**
 * onIncident: hold-and-continue-after-fix, through the world (test/fixtures/steps/small-steps.yaml):
 * the prefill fails at 8 h 15 m; instead of rolling back, the rollout holds, checking every
 * 15 minutes, until the vendor's fix (2 days after the 8.2 h trip: 56.2 h) reopens the target;
 * the first healthy check (56 h 15 m) plus the 30-minute decision time resumes it, and the
 * 40 units then move, one an hour, with the bug patched.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";
import { editedScenario } from "../helpers/scenarioText.js";

const FILE = "test/fixtures/steps/small-steps.yaml";
const HOUR_MS = 3_600_000;

describe("hold and continue after the fix", () => {
  it("resumes at the first healthy check plus the decision time, and completes with nobody down", () => {
    const { measurements: m } = runChecked(loadScenarioFile(FILE), { strategy: "prefill-hold" });
    const r = m.rollout!;
    expect(r.aborted).toBe(false);
    expect(r.firstIncidentMs).toBe(8.25 * HOUR_MS);
    expect(r.heldMs).toBe((56.75 - 8.25) * HOUR_MS);
    expect(r.completedMs).toBe((56.75 + 40) * HOUR_MS);
    expect(r.copiedBytes).toBe(400e9);
    expect(m.availability.mailboxHoursDown).toBe(0);
    expectReconciled(m.ledger);
  });

  it("the decision time is migration.decision", () => {
    const slow = editedScenario(FILE, (raw) => {
      raw.migration.decision = "4h";
    });
    const r = runChecked(slow, { strategy: "prefill-hold" }).measurements.rollout!;
    expect(r.completedMs).toBe((56.25 + 4 + 40) * HOUR_MS);
  });

  it("the same failed gate under the default policy rolls back and never completes", () => {
    const r = runChecked(loadScenarioFile(FILE), { strategy: "prefill" }).measurements.rollout!;
    expect(r.aborted).toBe(true);
    expect(r.completedMs).toBeNull();
    expect(r.heldMs).toBeUndefined();
  });
});
