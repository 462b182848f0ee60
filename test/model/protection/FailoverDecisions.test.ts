/**
 * FailoverDecisions through the world: a manual failover of a whole backend is one operator
 * decision, not one per unit (issue 12, point 5).
 *
 * test/fixtures/failover/mirror-manual.yaml: the small migration under a mirror, manual
 * failover (detection 30 min, a 30-min decision, 4 operators). When the target's bug blocks
 * every target node at 15 h, the 14 units on it fail back to their source copies. Before the
 * fix each unit was a decision: 4 at a time, 2,550 mailbox-hours down (1,100 mailboxes > 1 h).
 * Now one decision moves all 14: 1,400 units·h = 1,400 mailbox-hours, nobody down > 1 h.
 * (The Libero scenario's mirror in manual mode: 556 M mailbox-hours before, 7.7 M after.)
 */
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { loadFixture } from "../../helpers/fixtures.js";
import { expectReconciled } from "../../helpers/ledger.js";

const MIN = 60_000;
const SCALE_OUT_2x2 = { kind: "scale-out", nodesPerCluster: 2, shardsPerNode: 2 };

/** 40 mailboxes in 4 groups, copies on `store` (serving) and `spare`, manual failover with `operators`. */
function twoBackends(operators: number, faults: Record<string, string>[]) {
  return validateScenario({
    name: "manual-failover",
    seed: 5,
    horizon: "3d",
    fleet: { mailboxes: 40, sizes: ["1GB"], inboundPerDay: 100, diurnal: "flat" },
    backends: { store: SCALE_OUT_2x2, spare: SCALE_OUT_2x2 },
    operators: { count: operators },
    protection: {
      copies: ["store", "spare"],
      failover: { detection: "5m", mode: "manual", decision: "30m" },
    },
    faults,
  });
}

describe("one decision per backend (issue 12, point 5)", () => {
  it("a mirror failing back from its blocked target takes one decision: 1,400 h down, not 2,550 h", () => {
    const m = runChecked(loadFixture("failover/mirror-manual.yaml")).measurements;
    expect(m.availability.mailboxHoursDown).toBeCloseTo(1400 * (0.5 + 0.5), 6);
    expect(m.availability.mailboxesDownOver["1h"]).toBe(0);
    expect(m.timeToRestore.maxMs).toBe(60 * MIN);
    expectReconciled(m.ledger);
  });

  it("a whole backend down with one operator: every group fails over after detection + one decision", () => {
    const { measurements: m } = runChecked(
      twoBackends(1, [{ at: "1d", target: "store", fault: "crash", duration: "3h" }]),
    );
    // Before: 4 decisions in a row for the 4 groups, 35, 65, 95 and 125 min.
    expect(m.timeToRestore.maxMs).toBe(35 * MIN);
    expect(m.availability.mailboxHoursDown).toBeCloseTo((40 * 35) / 60, 9);
    expectReconciled(m.ledger);
  });

  it("operator time is counted per decision: 30 min for the whole backend (before: 2 h, 4 × 30 min)", () => {
    const priced = {
      ...twoBackends(1, [{ at: "1d", target: "store", fault: "crash", duration: "3h" }]),
      costs: validateScenario({
        name: "prices",
        horizon: "1d",
        fleet: { mailboxes: 1 },
        backends: { store: SCALE_OUT_2x2 },
        costs: { operatorHour: 60 },
      }).costs,
    };
    const { measurements: m } = runChecked(priced);
    expect(m.events.failover).toBe(4);
    expect(m.cost!.quantities.operatorHours).toBe(0.5);
  });

  it("a group whose copy comes back while its decision is pending leaves it: no failover", () => {
    // `store` down for 20 min with 1 operator busy on nothing else: the decision starts at
    // detection (5 min) and ends at 35 min, after the copy is back at 20 min: no failover.
    const { measurements: m } = runChecked(
      twoBackends(1, [{ at: "1d", target: "store", fault: "crash", duration: "20m" }]),
    );
    expect(m.events.failover).toBeUndefined();
    expect(m.timeToRestore.maxMs).toBe(20 * MIN);
    expectReconciled(m.ledger);
  });
});
