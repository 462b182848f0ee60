/**
 * A unit's content key changes with every input that changes a run's figures — scenario
 * content, strategy, variant, seed, version, plugin bytes — and with nothing else; it is 64
 * hex characters, so BullMQ accepts it as a job id.
 */
import { describe, expect, it } from "vitest";
import { type UnitIdentity, unitKey } from "../../../src/experiment/cache/unitKey.js";

const BASE: UnitIdentity = {
  version: "1.0.0",
  scenarioDigest: "a".repeat(64),
  strategy: "canary",
  variant: undefined,
  seed: "7/1",
  pluginDigests: [],
};

describe("unitKey", () => {
  it("is 64 hex characters, the same for the same inputs", () => {
    expect(unitKey(BASE)).toMatch(/^[0-9a-f]{64}$/);
    expect(unitKey({ ...BASE })).toBe(unitKey(BASE));
  });

  it("differs whenever an input of the run differs", () => {
    const changed: UnitIdentity[] = [
      { ...BASE, version: "1.0.1" },
      { ...BASE, scenarioDigest: "b".repeat(64) },
      { ...BASE, strategy: undefined },
      { ...BASE, variant: "vendor-fixed" },
      { ...BASE, seed: "7/2" },
      { ...BASE, pluginDigests: ["c".repeat(64)] },
    ];
    const keys = new Set([BASE, ...changed].map(unitKey));
    expect(keys.size).toBe(changed.length + 1);
  });
});
