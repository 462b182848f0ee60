/**
 * The world end to end on small scenarios: a fault-free world loses and delays nothing; the
 * total of arrivals is the Poisson count of the fleet's rate over the horizon whatever the
 * diurnal profile; a crashed node takes exactly its volumes' mailboxes down for exactly the
 * fault's duration.
 */
import { describe, expect, it } from "vitest";
import { LEDGER_CLASSES } from "../../src/metrics/RunTimeline.js";
import { validateScenario } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { zScore } from "../helpers/fixtures.js";

function scenario(overrides: Record<string, unknown> = {}) {
  return validateScenario({
    name: "world-test",
    seed: 11,
    horizon: "10d",
    fleet: { mailboxes: 1000, inboundPerDay: 30, diurnal: "consumer" },
    backends: { store: { kind: "filer", nodes: 4, volumesPerNode: 5, takeover: "none" } },
    ...overrides,
  });
}

describe("World", () => {
  it("with no faults: full availability, everything stored intact, nothing late, lost or bounced", () => {
    const { ledger, availability, timeToRestore } = runChecked(scenario()).measurements;
    expect(availability.fleetAvailability).toBe(1);
    expect(availability.mailboxHoursDown).toBe(0);
    expect(availability.peakMailboxesDown).toBe(0);
    expect(timeToRestore.affectedMailboxes).toBe(0);
    expect(ledger.arrived).toBeGreaterThan(0);
    expect(ledger.storedIntact).toBe(ledger.arrived);
    for (const cls of LEDGER_CLASSES.filter((c) => c !== "storedIntact")) {
      expect(ledger[cls]).toBe(0);
    }
    expect(ledger.reconciles).toBe(true);
  });

  it("arrivals over the horizon are Poisson(N·r·T) for a diurnal profile over whole days", () => {
    const { ledger } = runChecked(scenario()).measurements;
    const mean = 1000 * 30 * 10;
    expect(zScore(ledger.arrived, mean, Math.sqrt(mean))).toBeLessThanOrEqual(4);
  });

  it("a 6 h crash of one node takes down exactly its volumes' mailboxes for 6 h", () => {
    const s = scenario({ faults: [{ at: "2d", target: "store/node/1", fault: "crash", duration: "6h" }] });
    const { availability, timeToRestore } = runChecked(s).measurements;
    // Round-robin placement: 1000 mailboxes over 20 volumes is 50 each; node 1 holds 5 volumes.
    expect(availability.peakMailboxesDown).toBe(250);
    expect(availability.mailboxHoursDown).toBeCloseTo(250 * 6, 9);
    expect(availability.mailboxHoursReadDown).toBeCloseTo(250 * 6, 9);
    expect(availability.mailboxesDownOver["1h"]).toBe(250);
    expect(availability.mailboxesDownOver["24h"]).toBe(0);
    expect(timeToRestore.p50Ms).toBe(6 * 3600 * 1000);
    expect(timeToRestore.unrestoredAtHorizon).toBe(0);
  });

  it("with HA pairs the partner takes over after the takeover delay: a crash costs minutes, not hours", () => {
    const s = scenario({
      backends: { store: { kind: "filer", nodes: 4, volumesPerNode: 5, takeover: "90s" } },
      faults: [{ at: "2d", target: "store/node/1", fault: "crash", duration: "6h" }],
    });
    const { availability, events } = runChecked(s).measurements;
    expect(availability.mailboxHoursDown).toBeCloseTo((250 * 90) / 3600, 9);
    expect(events["ha-takeover"]).toBe(1);
  });

  it("both partners down: no takeover, the volumes wait for a node", () => {
    const s = scenario({
      backends: { store: { kind: "filer", nodes: 4, volumesPerNode: 5, takeover: "90s" } },
      faults: [
        { at: "2d", target: "store/node/0", fault: "crash", duration: "6h" },
        { at: "2d", target: "store/node/1", fault: "crash", duration: "3h" },
      ],
    });
    const { availability } = runChecked(s).measurements;
    // Node 1 returns after 3 h and serves its own volumes; it then takes over node 0's 90 s later.
    expect(availability.mailboxHoursDown).toBeCloseTo(250 * 3 + 250 * (3 + 90 / 3600), 6);
  });

  it("an outage still open at the horizon leaves its later mail pending, and counts it unrestored", () => {
    const s = scenario({
      faults: [{ at: "9d 20h", target: "store/node/0", fault: "crash", duration: "2d" }],
    });
    const { ledger, timeToRestore } = runChecked(s).measurements;
    expect(ledger.pending).toBeGreaterThan(0);
    expect(timeToRestore.unrestoredAtHorizon).toBe(250);
    expect(ledger.reconciles).toBe(true);
  });
});
