/** One unit per figure: the scale comes from the largest value, is named once, never an exponent. */
import { describe, expect, it } from "vitest";
import { figureScale, formatQuantity } from "../../src/report/figureScale.js";

describe("figureScale", () => {
  it("keeps counts below a million as grouped whole numbers", () => {
    const s = figureScale("count", [999_999, 12.345]);
    expect(s.unit).toBe("");
    expect([s.format(999_999), s.format(12.345)]).toEqual(["999,999", "12.3"]);
  });

  it("writes a row with millions in millions, small values included, named in the unit", () => {
    const s = figureScale("hours", [639_101_459, 228_854, 0]);
    expect(s.unit).toBe(" (millions)");
    expect([s.format(639_101_459), s.format(228_854), s.format(0)]).toEqual(["639", "0.229", "0"]);
    expect(figureScale("count", [2.512e11]).format(2.512e11)).toBe("251");
  });

  it("picks one storage unit per figure: GB-, TB- or PB-days", () => {
    expect(figureScale("storageTBDays", [0.0185, 0.813]).unit).toBe(" (GB-days)");
    expect(figureScale("storageTBDays", [0.0185, 0.813]).format(0.0185)).toBe("18.5");
    expect(figureScale("storageTBDays", [8.66, 217_126]).unit).toBe(" (PB-days)");
    expect(figureScale("storageTBDays", [8.66, 217_126]).format(8.66)).toBe("0.00866");
    expect(figureScale("storageTBDays", []).unit).toBe(" (TB-days)");
  });

  it("keeps durations in two units per cell, signs kept", () => {
    const s = figureScale("duration", [3_600_000]);
    expect(s.unit).toBe("");
    expect(s.format(-(4 * 24 + 5) * 3_600_000)).toBe("-4d 5h");
  });

  it("never prints scientific notation", () => {
    expect(formatQuantity(1.23e-5)).toBe("0.0000123");
    expect(formatQuantity(1e-7)).toBe("≈0");
    expect(formatQuantity(-1e-7)).toBe("≈0");
    expect(formatQuantity(2.512e11)).toBe("251,200,000,000");
  });
});
