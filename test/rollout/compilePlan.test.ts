/**
 * compilePlan: every strategy becomes a list of move/pause/analysis steps over a fixed
 * order of units; weights become the shortest prefix holding that share of the mailboxes.
 */
import { describe, expect, it } from "vitest";
import { compilePlan, type UnitFacts } from "../../src/rollout/compilePlan.js";
import { analysisTemplateSchema, backgroundAnalysisSchema } from "../../src/scenario/analysisSchema.js";

/** Ten units of 10 mailboxes each, alternating between two target cells; two units per node (node g % 5). */
const units: UnitFacts = {
  groupCount: 10,
  groupMailboxes: () => 10,
  targetCell: (g) => g % 2,
  targetNode: (g) => g % 5,
};

const loadTemplate = (raw: unknown) => analysisTemplateSchema.parse(raw);

describe("compilePlan", () => {
  it("big-bang moves every unit in index order and keeps nothing", () => {
    const plan = compilePlan({ kind: "big-bang" }, units);
    expect(plan.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(plan.steps).toEqual([{ kind: "move", units: 10 }]);
    expect(plan.retainMs).toBe(0);
  });

  it("dual-write keeps the source for its retain, a mirror forever", () => {
    expect(compilePlan({ kind: "dual-write", retain: 5000 }, units).retainMs).toBe(5000);
    expect(compilePlan({ kind: "mirror" }, units).retainMs).toBe(Number.POSITIVE_INFINITY);
  });

  it("setWeight becomes the shortest prefix holding that share of mailboxes", () => {
    const plan = compilePlan(
      {
        kind: "steps",
        retain: 0,
        steps: [{ setWeight: 0.25 }, { pause: 60_000 }, { analysis: "no-incidents" }, { setWeight: 1 }],
      },
      units,
    );
    // 25% of 100 mailboxes = 25: three units of 10 are the shortest prefix holding it.
    expect(plan.steps).toEqual([
      { kind: "move", units: 3 },
      { kind: "pause", ms: 60_000 },
      { kind: "analysis", gate: "steps[2]" },
      { kind: "move", units: 10 },
    ]);
  });

  it("a weight of 0 moves nothing (a later lower weight rolls units back)", () => {
    const plan = compilePlan(
      { kind: "steps", retain: 0, steps: [{ setWeight: 0.5 }, { setWeight: 0 }] },
      units,
    );
    expect(plan.steps).toEqual([
      { kind: "move", units: 5 },
      { kind: "move", units: 0 },
    ]);
  });

  it("cells move cell by cell, with a pause and a gate between cells but not after the last", () => {
    const plan = compilePlan({ kind: "cells", cells: 2, pause: 1000, analysis: true, retain: 0 }, units);
    expect(plan.order).toEqual([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]);
    expect(plan.steps).toEqual([
      { kind: "move", units: 5 },
      { kind: "pause", ms: 1000 },
      { kind: "analysis", gate: "cells[0]" },
      { kind: "move", units: 10 },
    ]);
  });

  it("an analysis template goes with its step, and a background analysis with the plan", () => {
    const template = loadTemplate({ metric: "incidents", successCondition: "result == 0" });
    const background = backgroundAnalysisSchema.parse({
      metric: "incidents",
      failureCondition: "result > 0",
      interval: "1h",
    });
    const plan = compilePlan(
      { kind: "steps", retain: 0, steps: [{ setWeight: 0.5 }, { analysis: template }], analysis: background },
      units,
    );
    expect(plan.steps).toEqual([
      { kind: "move", units: 5 },
      { kind: "analysis", gate: "steps[1]", template },
    ]);
    expect(plan.background).toBe(background);
  });

  it("a density step lists its nodes' units next; prefill, an indefinite pause, a hold and commands carry over", () => {
    const plan = compilePlan(
      {
        kind: "steps",
        retain: 0,
        onIncident: "hold-and-continue-after-fix",
        operator: [{ at: 5000, action: "promote" }],
        steps: [
          { prefill: { objects: 0.9, rate: 1e9, clusters: 1 } },
          { setDensity: { nodes: 0.2, fill: 1 } }, // node 0 of 5: units 0 and 5
          { pause: Number.POSITIVE_INFINITY },
          { setWeight: 0.5 },
        ],
      },
      units,
    );
    expect(plan.order).toEqual([0, 5, 1, 2, 3, 4, 6, 7, 8, 9]);
    expect(plan.steps).toEqual([
      { kind: "prefill", level: 0.9, rateBytesPerSec: 1e9, clusters: 1 },
      { kind: "move", units: 2 },
      { kind: "pause", ms: Number.POSITIVE_INFINITY },
      { kind: "move", units: 5 },
    ]);
    expect(plan.holdOnIncident).toBe(true);
    expect(plan.commands).toEqual([{ atMs: 5000, action: "promote" }]);
  });

  it("without onIncident or operator the plan has neither key (today's plan)", () => {
    const plan = compilePlan({ kind: "steps", retain: 0, steps: [{ setWeight: 1 }] }, units);
    expect("holdOnIncident" in plan || "commands" in plan).toBe(false);
  });
});
