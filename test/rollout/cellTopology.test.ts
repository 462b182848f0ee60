/** cellTopology: `cells` splits the target into equal clusters with their own versions; others leave it. */
import { describe, expect, it } from "vitest";
import { cellTopology } from "../../src/rollout/cellTopology.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const scenario = loadScenarioFile("test/fixtures/rollout/small-migration.yaml"); // vendor: 1 cluster × 8 nodes

describe("cellTopology", () => {
  it("splits the target's nodes into cells, each with a version from the list", () => {
    const split = cellTopology(scenario, {
      kind: "cells",
      cells: 4,
      versions: ["a", "b"],
      pause: 0,
      analysis: true,
      retain: 0,
    });
    expect(split.backends.vendor).toMatchObject({ clusters: 4, nodesPerCluster: 2, versions: ["a", "b"] });
    expect(split.backends.legacy).toBe(scenario.backends.legacy);
  });

  it("keeps the target's versions when the strategy names none, and leaves other strategies alone", () => {
    const split = cellTopology(scenario, { kind: "cells", cells: 2, pause: 0, analysis: true, retain: 0 });
    expect(split.backends.vendor).toMatchObject({ clusters: 2, nodesPerCluster: 4, versions: ["vos-1"] });
    expect(cellTopology(scenario, { kind: "big-bang" })).toBe(scenario);
  });
});
