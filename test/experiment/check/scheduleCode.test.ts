/**
 * Schedule codes: any schedule survives encoding as one shell-safe word, and a word that is
 * not a code is one InputError naming the option.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faultModelOf } from "../../../src/experiment/check/FaultModel.js";
import { faultScheduleArbitrary } from "../../../src/experiment/check/faultScheduleArbitrary.js";
import { decodeSchedule, encodeSchedule } from "../../../src/experiment/check/scheduleCode.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";

describe("schedule codes", () => {
  it("round-trip every schedule as a shell-safe word", () => {
    const model = faultModelOf(loadScenarioFile("test/fixtures/check/strong-mirror.yaml"), {
      propagate: true,
    });
    fc.assert(
      fc.property(faultScheduleArbitrary(model), (schedule) => {
        const code = encodeSchedule(schedule);
        expect(code).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeSchedule(code)).toEqual(schedule);
      }),
      { seed: 65 },
    );
  });

  it.each(["not a code!", "bm90IGpzb24", "eyJhIjoxfQ"])("refuses %j", (code) => {
    expect(() => decodeSchedule(code)).toThrow(
      /^--schedule: expected a schedule code as printed by maildrill check/,
    );
  });
});
