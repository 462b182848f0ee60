/**
 * The property catalogue reads its names and thresholds (`availability>=99.9%`,
 * `ttr-p99<=4h`) and judges a run result by the figure each names; anything else is one
 * InputError naming the option and listing the forms.
 */
import { describe, expect, it } from "vitest";
import { catalogueProperty } from "../../../src/experiment/check/propertyCatalogue.js";
import type { RunResult } from "../../../src/experiment/runScenario.js";
import { InputError } from "../../../src/scenario/InputError.js";

function result(ledger: object, fleetAvailability: number, p99Ms: number): RunResult {
  return {
    measurements: {
      ledger: { silentlyLost: 0, bounced: 0, corruptedServed: 0, reconciles: true, ...ledger },
      availability: { fleetAvailability },
      timeToRestore: { p99Ms },
    },
  } as unknown as RunResult;
}

const clean = result({}, 0.9995, 3_600_000);

describe("catalogueProperty", () => {
  it.each([
    ["no-silent-loss", { silentlyLost: 1 }],
    ["no-bounce", { bounced: 2 }],
    ["no-corruption-served", { corruptedServed: 3 }],
    ["ledger-reconciles", { reconciles: false }],
  ])("%s holds on a clean run and breaks on %o", (name, broken) => {
    const property = catalogueProperty(name);
    expect(property.name).toBe(name);
    expect(property.holds(clean)).toBe(true);
    expect(property.holds(result(broken, 1, 0))).toBe(false);
  });

  it("reads availability thresholds as percentages or fractions", () => {
    expect(catalogueProperty("availability>=99.9%").holds(clean)).toBe(true);
    expect(catalogueProperty("availability>=0.9999").holds(clean)).toBe(false);
  });

  it("reads time-to-restore bounds as durations", () => {
    expect(catalogueProperty("ttr-p99<=1h").holds(clean)).toBe(true);
    expect(catalogueProperty("ttr-p99<=59m").holds(clean)).toBe(false);
  });

  it.each([
    ["no-silent-losses", /^--property: expected one of no-silent-loss, .*; found "no-silent-losses"$/],
    ["availability>=101%", /^--property availability>=101%: expected a fraction/],
    ["ttr-p99<=4", /^--property ttr-p99<=4: expected a duration with a unit/],
  ])("refuses %s with one line", (text, message) => {
    expect(() => catalogueProperty(text)).toThrow(InputError);
    expect(() => catalogueProperty(text)).toThrow(message);
  });
});
