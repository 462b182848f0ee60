/**
 * Prefill through the world (test/fixtures/steps/small-steps.yaml): every node prefilled to
 * 90% of its 5e6 production objects at 40 GB/h (360 GB in 9 h, 5e5 objects per node-hour)
 * crosses the per-node 4.1e6 threshold at 8.2 h; the test's 15-minute health check sees the
 * blocked nodes at 8 h 15 m, before a single mailbox has moved.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";
import { editedScenario } from "../helpers/scenarioText.js";

const FILE = "test/fixtures/steps/small-steps.yaml";
const HOUR_MS = 3_600_000;
const scenario = loadScenarioFile(FILE);

describe("a prefill (scale test) before the mailboxes move", () => {
  it("fails at the first check after the trip, with no mailbox on the target; the gate aborts at once", () => {
    const { measurements: m } = runChecked(scenario, { strategy: "prefill" });
    const r = m.rollout!;
    expect(r.firstIncidentMs).toBe(8.25 * HOUR_MS);
    expect(r.shareMigratedAtFirstIncident).toBe(0);
    expect(r.abortedAtMs).toBe(8.25 * HOUR_MS);
    expect(r.rolledBackAtMs).toBe(8.25 * HOUR_MS);
    expect(r.prefillMs).toBe(8.25 * HOUR_MS);
    // 8.25 h of 9 h at 40 GB/h: 330 GB of synthetic objects, charged as bytes written.
    expect(r.prefillBytes).toBeCloseTo(330e9, 0);
    expect(r.copiedBytes).toBe(0);
    expect(m.availability.mailboxHoursDown).toBe(0);
    expect(m.bugs[0]!.thresholds[0]).toBe(4.1e6);
    expectReconciled(m.ledger);
  });

  it("a prefill below the threshold writes its planned bytes, takes total/rate, and leaves the counters as they were", () => {
    const low = editedScenario(FILE, (raw) => {
      raw.strategies.prefill.steps[0].prefill.objects = "50%";
    });
    const r = runChecked(low, { strategy: "prefill" }).measurements.rollout!;
    expect(r.prefillBytes).toBeCloseTo(200e9, 0); // 50% of 400 GB
    expect(r.prefillMs).toBe(5 * HOUR_MS); // 200 GB at 40 GB/h
    // The synthetic objects are gone: the bug trips only at node 0's own 5th unit (unit 32, the 33rd to land).
    expect(r.firstIncidentMs).toBe((5 + 33) * HOUR_MS);
    expect(r.completedMs).not.toBeNull();
  });

  it("a prefill of one cell writes only that cell's nodes", () => {
    const cells = editedScenario(FILE, (raw) => {
      raw.backends.vendor.clusters = 2;
      raw.backends.vendor.nodesPerCluster = 4;
      raw.strategies.prefill.steps[0].prefill = { objects: "50%", rate: "40GB/h", clusters: 1 };
    });
    const r = runChecked(cells, { strategy: "prefill" }).measurements.rollout!;
    expect(r.prefillBytes).toBeCloseTo(100e9, 0); // half the units land in cell 0
    expect(r.prefillMs).toBe(2.5 * HOUR_MS);
  });

  it("its bytes are priced as copying", () => {
    const priced = editedScenario(FILE, (raw) => {
      raw.costs = { currency: "EUR", copiedTB: 1000 };
    });
    const { measurements: m } = runChecked(priced, { strategy: "prefill" });
    expect(m.cost!.quantities.copiedTB).toBeCloseTo(0.33, 9);
  });
});
