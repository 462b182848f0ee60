/**
 * biasedClocksOf names every exponential or Weibull failure clock that `estimate` biases, by
 * its scenario field, and leaves out clocks of other distributions and non-hazard bug triggers.
 */
import { describe, expect, it } from "vitest";
import { biasedClocksOf } from "../../src/experiment/biasedClocksOf.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";

const rare = (name: string): Scenario =>
  loadScenarioFile(new URL(`../fixtures/rare/${name}`, import.meta.url).pathname);

describe("biasedClocksOf", () => {
  it("names the node, RAID and bug clocks of the built-in backends", () => {
    expect(biasedClocksOf(rare("crash-2way.yaml"))).toEqual(["backends.store.nodeCrash.ttf"]);
    expect(biasedClocksOf(rare("raid5-rare.yaml"))).toEqual(["backends.filer.raid.diskTtf"]);
    expect(biasedClocksOf(rare("bug-hazard.yaml"))).toEqual(["backends.store.bugs.wipe.trigger.hazard"]);
    expect(biasedClocksOf(rare("latent-weibull.yaml"))).toEqual(["backends.store.latentErrors.ttf"]);
  });

  it("leaves out a clock of another distribution", () => {
    const scenario = structuredClone(rare("crash-2way.yaml"));
    const store = scenario.backends.store as { nodeCrash: { ttf: unknown } };
    store.nodeCrash.ttf = { kind: "lognormal", median: 3.6e9, sigma: 1 };
    expect(biasedClocksOf(scenario)).toEqual([]);
  });

  it("names protection shard loss", () => {
    const scenario = loadScenarioFile(
      new URL("../fixtures/validation/rare-loss-2way.yaml", import.meta.url).pathname,
    );
    expect(biasedClocksOf(scenario)).toEqual(["protection.shardLoss.ttf"]);
  });
});
