/**
 * Variant overlays (src/scenario/variantScenarios.ts): a variant is the file with its values
 * set, validated again; bad paths and values are one line naming the variant.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile, validateScenario } from "../../src/scenario/loadScenario.js";
import type { BuiltinBackendSpec } from "../../src/scenario/schema.js";
import { scenarioOfVariant } from "../../src/scenario/variantScenarios.js";

const scenario = loadScenarioFile("test/fixtures/experiment/variants-small.yaml");

const base = {
  name: "v",
  horizon: "1d",
  fleet: { mailboxes: 10 },
  backends: { store: { kind: "filer", nodes: 2 } },
};

function messageOf(data: unknown): string {
  try {
    validateScenario(data);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("variant scenarios", () => {
  it("sets the overlay's values and keeps everything else", () => {
    const perNode = scenarioOfVariant(scenario, "per-node-threshold");
    const trigger = (perNode.backends.vendor as BuiltinBackendSpec).bugs![0]!.trigger;
    expect(trigger).toMatchObject({
      kind: "counter",
      per: "node",
      threshold: { kind: "uniform", min: 5e5, max: 1e6 },
    });
    expect(perNode.fleet).toEqual(scenario.fleet);
    expect(perNode.variants).toBeUndefined();
    expect(scenarioOfVariant(scenario, "as-written").backends).toEqual(scenario.backends);
    expect(scenarioOfVariant(scenario, "service-wide").sharedDependencies!.frontends!.hang).toBe(
      "pool-exhaustion",
    );
    expect(scenario.variants!["as-written"]!.weight).toBe(2);
    expect(scenario.variants!["service-wide"]!.weight).toBe(1);
  });

  it("names the variant and the path in a one-line error", () => {
    expect(messageOf({ ...base, variants: { x: { set: { "backends.stor.nodes": 3 } } } })).toBe(
      'variants.x.set.backends.stor.nodes: expected a key of backends (store); found "stor" (did you mean "store"?)',
    );
    expect(messageOf({ ...base, variants: { x: { set: { "backends.store.nodes": "many" } } } })).toMatch(
      /^variants\.x: backends\.store\.nodes: expected/,
    );
    expect(messageOf({ ...base, variants: { x: { set: { seed: 3 } } } })).toBe(
      'variants.x.set.seed: expected a scenario value other than seed and variants (variants share seeds); found "seed"',
    );
    expect(messageOf({ ...base, variants: { x: { weight: 0 } } })).toMatch(/^variants\.x\.weight: expected/);
  });

  it("refuses an unknown variant for a run", () => {
    expect(() => scenarioOfVariant(scenario, "nope")).toThrow(
      '--variant: expected one of as-written, per-node-threshold, service-wide; found "nope"',
    );
  });
});
