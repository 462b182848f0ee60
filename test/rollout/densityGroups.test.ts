/**
 * densityGroups: a density canary picks whole target nodes (or cells) and fills each to a
 * share of its production mailboxes; through the world (test/fixtures/steps/small-steps.yaml)
 * one node at production density trips a per-node threshold that the same share of mailboxes
 * spread by weight does not.
 */
import { describe, expect, it } from "vitest";
import type { UnitFacts } from "../../src/rollout/compilePlan.js";
import { densityGroups } from "../../src/rollout/densityGroups.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";

/** 16 units of 10 mailboxes on 8 nodes (unit g on node g mod 8), nodes 0–3 in cell 0, 4–7 in cell 1. */
const units: UnitFacts = {
  groupCount: 16,
  groupMailboxes: () => 10,
  targetNode: (g) => g % 8,
  targetCell: (g) => Math.floor((g % 8) / 4),
};

describe("densityGroups", () => {
  it("a share of the nodes takes every unit of the lowest-numbered nodes", () => {
    expect(densityGroups({ nodes: 0.25, fill: 1 }, units)).toEqual([0, 1, 8, 9]);
    // 12.5% of 8 nodes is exactly one node, not two by float noise; any share > 0 is at least one node.
    expect(densityGroups({ nodes: 0.125, fill: 1 }, units)).toEqual([0, 8]);
    expect(densityGroups({ nodes: 0.01, fill: 1 }, units)).toEqual([0, 8]);
  });

  it("fill takes the shortest run of each chosen node's units holding that share", () => {
    expect(densityGroups({ nodes: 0.25, fill: 0.5 }, units)).toEqual([0, 1]);
    expect(densityGroups({ nodes: 0.25, fill: 0.51 }, units)).toEqual([0, 1, 8, 9]);
  });

  it("clusters: every node of the first cells", () => {
    expect(densityGroups({ clusters: 1, fill: 1 }, units)).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
  });
});

describe("a density canary through the world", () => {
  const scenario = loadScenarioFile("test/fixtures/steps/small-steps.yaml");
  const HOUR_MS = 3_600_000;

  it("fills node 0 first: its 5th unit trips the per-node threshold at 5 h with 4 units cut over; the gate aborts", () => {
    const { measurements: m } = runChecked(scenario, { strategy: "density" });
    const r = m.rollout!;
    expect(r.firstIncidentMs).toBe(5 * HOUR_MS);
    expect(r.shareMigratedAtFirstIncident).toBe(0.1);
    // The move ends when unit 5 lands (5 h) — it waits on its source for the blocked target
    // instead of cutting over onto it (issue 12, point 2) — and the gate follows the 1-day pause.
    expect(r.abortedAtMs).toBe(29 * HOUR_MS);
    // The target is blocked until the fix (5 h + 48 h); then 4 units copy back, one an hour.
    expect(r.rolledBackAtMs).toBe((53 + 4) * HOUR_MS);
    // 4 units down until the fix; unit 5 stays up on its source (before issue 12 it cut over onto
    // the blocked target and failed back after 30 min: + 100 × 0.5 h).
    expect(m.availability.mailboxHoursDown).toBeCloseTo(400 * 48, 6);
    expectReconciled(m.ledger);
  });

  it("the same 12.5% by weight puts one unit on each of five nodes: the gate passes, the bug trips at 80% moved", () => {
    const r = runChecked(scenario, { strategy: "weight" }).measurements.rollout!;
    expect(r.aborted).toBe(false);
    expect(r.shareMigratedAtFirstIncident).toBe(0.8);
    expect(r.firstIncidentMs).toBe((5 + 24 + 28) * HOUR_MS);
  });
});
