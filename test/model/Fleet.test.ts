/**
 * Fleet: per-group totals drawn without per-mailbox arrays must equal, bit for bit, what
 * drawing every mailbox into its own array and summing each group in mailbox order gives
 * (that is what the model computed before, and what the pinned results rest on).
 */
import { describe, expect, it } from "vitest";
import { ownStreamSamplerOf } from "../../src/engine/distributions.js";
import { RandomStreams } from "../../src/engine/RandomStreams.js";
import { Fleet } from "../../src/model/Fleet.js";
import type { FleetSpec } from "../../src/scenario/schema.js";
import { editedScenario } from "../helpers/scenarioText.js";

/** The obvious way: one array per attribute, then each group summed in mailbox order. */
function referenceTotals(spec: FleetSpec, seed: string, groupCount: number) {
  const streams = new RandomStreams(seed);
  const n = spec.mailboxes;
  const draw = (
    name: string,
    dist: Parameters<typeof ownStreamSamplerOf>[0],
    out: Float64Array | Float32Array,
  ) => {
    const sample = ownStreamSamplerOf(dist);
    const rng = streams.get(name);
    for (let m = 0; m < n; m++) out[m] = Math.max(0, sample(rng));
    return out;
  };
  const sizes = spec.sizes
    ? Float64Array.from({ length: n }, (_, m) => spec.sizes![m % spec.sizes!.length]!)
    : draw("fleet/size", spec.size, new Float64Array(n));
  const inbound = draw("fleet/inbound", spec.inboundPerDay, new Float64Array(n));
  const logins = draw("fleet/logins", spec.loginsPerDay, new Float32Array(n));
  const sum = (values: Float64Array | Float32Array) =>
    Array.from({ length: groupCount }, (_, g) => {
      let total = 0;
      for (let m = g; m < n; m += groupCount) total += values[m]!;
      return total;
    });
  return { sizeBytes: sum(sizes), inboundPerDay: sum(inbound), loginsPerDay: sum(logins) };
}

describe("Fleet group totals", () => {
  const spec = editedScenario("scenarios/quickstart.yaml", (raw) => {
    (raw.fleet as { mailboxes: number }).mailboxes = 5003;
  }).fleet;

  it.each([1, 7, 64, 5003, 6000])(
    "equal per-mailbox draws summed per group, bit for bit (%i groups)",
    (groups) => {
      const totals = new Fleet(spec, new RandomStreams("fleet-test")).groupTotals(groups);
      const reference = referenceTotals(spec, "fleet-test", groups);
      expect(Array.from(totals.sizeBytes)).toEqual(reference.sizeBytes);
      expect(Array.from(totals.inboundPerDay)).toEqual(reference.inboundPerDay);
      expect(Array.from(totals.loginsPerDay)).toEqual(reference.loginsPerDay);
      const mailboxes = Array.from(totals.mailboxes);
      expect(mailboxes.reduce((a, b) => a + b, 0)).toBe(5003);
      expect(Math.max(...mailboxes) - Math.min(...mailboxes)).toBeLessThanOrEqual(1);
    },
  );

  it("gives the same totals whatever group count was asked for first", () => {
    const fleet = new Fleet(spec, new RandomStreams("fleet-test"));
    const first = Array.from(fleet.groupTotals(64).inboundPerDay);
    fleet.groupTotals(7);
    const fresh = new Fleet(spec, new RandomStreams("fleet-test"));
    expect(Array.from(fresh.groupTotals(64).inboundPerDay)).toEqual(first);
  });
});
