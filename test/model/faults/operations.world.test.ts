/**
 * Planned operations reach the OS bugs: a snapshot trips a snapshot-triggered bug, and an
 * upgrade that moves nodes onto a buggy version makes a threshold they have already passed
 * trip them (the bug was waiting for a susceptible node).
 */
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";

const HOUR_MS = 3_600_000;

function scenario(backend: Record<string, unknown>, operations: unknown[]) {
  return validateScenario({
    name: "operations",
    seed: 5,
    horizon: "5d",
    fleet: { mailboxes: 40, size: "1GB", inboundPerDay: 100, diurnal: "flat" },
    mx: { spool: { acceptFor: "0s" } },
    backends: { store: backend },
    operations,
  });
}

describe("planned operations", () => {
  it("a snapshot on one node trips a snapshot bug there: its mailboxes are blocked until the fix", () => {
    const s = scenario(
      {
        kind: "scale-out",
        nodesPerCluster: 4,
        shardsPerNode: 1,
        bugs: [
          {
            name: "snap",
            trigger: { operation: "snapshot" },
            scope: "node",
            effect: "blocked",
            fix: { after: "2h" },
          },
        ],
      },
      [{ at: "1d", target: "store/node/2", operation: "snapshot" }],
    );
    const trace: Record<string, number | string | null>[] = [];
    const { availability, events } = runChecked(s, { trace: (r) => trace.push(r) }).measurements;
    expect(events["operation-snapshot"]).toBe(1);
    expect(events["bug-trigger"]).toBe(1);
    // One node of four holds a quarter of the 40 mailboxes; blocked for exactly 2 h.
    expect(availability.mailboxHoursDown).toBeCloseTo(10 * 2, 9);
    expect(trace.find((r) => r.event === "bug-trigger")?.tMs).toBe(24 * HOUR_MS);
  });

  it("an upgrade onto the buggy version trips a threshold the nodes had already passed", () => {
    const s = scenario(
      {
        kind: "scale-out",
        clusters: 2,
        nodesPerCluster: 2,
        shardsPerNode: 1,
        versions: ["v1", "v2"],
        bugs: [
          {
            name: "threshold",
            version: "v2",
            trigger: { counter: "objects", per: "node", threshold: 1 },
            scope: "node",
            effect: "blocked",
          },
        ],
      },
      [{ at: "2d", target: "store/cluster/0", operation: "upgrade", version: "v2" }],
    );
    const trace: Record<string, number | string | null>[] = [];
    const { availability, events } = runChecked(s, { trace: (r) => trace.push(r) }).measurements;
    const trips = trace.filter((r) => r.event === "bug-trigger").map((r) => r.tMs);
    // Cluster 1 (v2) trips at once; cluster 0 trips when its upgrade lands at 2 d.
    expect(trips[0]).toBe(0);
    expect(trips.at(-1)).toBe(48 * HOUR_MS);
    expect(events["operation-upgrade"]).toBe(2);
    // 20 mailboxes blocked for 5 d, 20 more for the last 3 d; nothing fixes it.
    expect(availability.mailboxHoursDown).toBeCloseTo(20 * 120 + 20 * 72, 6);
  });
});
