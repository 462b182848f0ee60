import { describe, expect, it } from "vitest";
import { formatCount, formatDurationMs, formatHours, formatPercent } from "../../src/report/format.js";

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatCount", () => {
  it("groups thousands with commas and rounds to an integer", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(9_000_000)).toBe("9,000,000");
    expect(formatCount(1234567.6)).toBe("1,234,568");
    expect(formatCount(-45_000)).toBe("-45,000");
    expect(formatCount(-0.2)).toBe("0");
    expect(formatCount(Number.NaN)).toBe("NaN");
  });
});

describe("formatHours", () => {
  it("prints whole hours from 100 up and three significant digits below", () => {
    expect(formatHours(0)).toBe("0 h");
    expect(formatHours(216_000)).toBe("216,000 h");
    expect(formatHours(123.6)).toBe("124 h");
    expect(formatHours(5.25)).toBe("5.25 h");
    expect(formatHours(0.0123456)).toBe("0.0123 h");
  });
});

describe("formatPercent", () => {
  it("prints a fraction as a percentage with the given digits", () => {
    expect(formatPercent(0.999312, 4)).toBe("99.9312%");
    expect(formatPercent(0.5)).toBe("50.0%");
    expect(formatPercent(1, 2)).toBe("100.00%");
    expect(formatPercent(0, 2)).toBe("0.00%");
  });

  it("never rounds some to none or almost all to all", () => {
    expect(formatPercent(1e-9, 2)).toBe("<0.01%");
    expect(formatPercent(0.99999999, 4)).toBe(">99.9999%");
  });
});

describe("formatDurationMs", () => {
  it("picks a unit and a sub-unit by magnitude", () => {
    expect(formatDurationMs(0)).toBe("0s");
    expect(formatDurationMs(850)).toBe("850ms");
    expect(formatDurationMs(42 * SEC)).toBe("42s");
    expect(formatDurationMs(4 * MIN + 12 * SEC)).toBe("4m 12s");
    expect(formatDurationMs(6 * HOUR + 5 * MIN)).toBe("6h 05m");
    expect(formatDurationMs(5 * DAY + 3 * HOUR)).toBe("5d 3h");
    expect(formatDurationMs(60 * DAY)).toBe("60d 0h");
  });

  it("rounds in the smaller unit and carries", () => {
    expect(formatDurationMs(999.6)).toBe("1s");
    expect(formatDurationMs(59.6 * SEC)).toBe("1m 00s");
    expect(formatDurationMs(HOUR - 0.4 * SEC)).toBe("1h 00m");
    expect(formatDurationMs(DAY - 10 * SEC)).toBe("1d 0h");
    expect(formatDurationMs(4 * DAY + 23 * HOUR + 45 * MIN)).toBe("5d 0h");
  });

  it("handles negative and non-finite durations", () => {
    expect(formatDurationMs(-90 * SEC)).toBe("-1m 30s");
    expect(formatDurationMs(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});
