/**
 * ExtraStorage: the integral of piecewise-constant extra bytes, in TB-days.
 */
import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../../src/engine/time.js";
import { ExtraStorage } from "../../src/rollout/ExtraStorage.js";

describe("ExtraStorage", () => {
  it("integrates each stretch at the bytes held during it", () => {
    const extra = new ExtraStorage();
    extra.change(2e12, MS_PER_DAY); // nothing extra during day 0
    extra.change(-1e12, 3 * MS_PER_DAY); // 2 TB for two days
    expect(extra.tbDays(4 * MS_PER_DAY)).toBeCloseTo(2 * 2 + 1 * 1, 12); // then 1 TB for one day
  });

  it("a change of 0 bytes moves nothing; tbDays accrues up to its end", () => {
    const extra = new ExtraStorage();
    extra.change(1e12, 0);
    extra.change(0, MS_PER_DAY / 2);
    expect(extra.tbDays(MS_PER_DAY)).toBeCloseTo(1, 12);
    expect(extra.tbDays(2 * MS_PER_DAY)).toBeCloseTo(2, 12);
  });
});
