import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDurationMs,
  parseBandwidthBytesPerSec,
  parseCount,
  parseDurationMs,
  parseFraction,
  parseRatePerSec,
  parseSizeBytes,
  UnitError,
} from "../../src/scenario/units.js";

type Parser = (input: string | number) => number;

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const DURATION_MSG = "expected a duration such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found";
const SIZE_MSG =
  "expected a size such as 512MB, 2.5TB, 1GiB (units B KB MB GB TB PB KiB MiB GiB TiB PiB; a bare number is bytes); found";
const BANDWIDTH_FORMS =
  "such as 20GB/s, 60TB/day, 500MB/h (a size in B KB MB GB TB PB KiB MiB GiB TiB PiB per ms s m h d w mo y); found";
const RATE_FORMS =
  "such as 100/h, 1.5M/day, 0.5/s (a count with optional suffix k M G per ms s m h d w mo y); found";
const FRACTION_FORMS = "such as 0.25 or 1.5% (a number from 0 to 1, or a percentage from 0% to 100%); found";
const COUNT_FORMS =
  "such as 9_000_000, 3e9, 1.5M (digits with _ separators, optional exponent, optional suffix k M G); found";

const good: [string, Parser, string | number, number][] = [
  // durations
  ["duration", parseDurationMs, "250ms", 250],
  ["duration", parseDurationMs, "90s", 90 * SEC],
  ["duration", parseDurationMs, "15m", 15 * MIN],
  ["duration", parseDurationMs, "6h", 6 * HOUR],
  ["duration", parseDurationMs, "4d", 4 * DAY],
  ["duration", parseDurationMs, "2w", 14 * DAY],
  ["duration", parseDurationMs, "3mo", 90 * DAY],
  ["duration", parseDurationMs, "1y", 365 * DAY],
  ["duration", parseDurationMs, "1.5h", 5_400_000],
  ["duration", parseDurationMs, "1h30m", 5_400_000],
  ["duration", parseDurationMs, "4d 12h", 4.5 * DAY],
  ["duration", parseDurationMs, "  4 d  ", 4 * DAY],
  ["duration", parseDurationMs, "1 h 30 m 15 s 250 ms", HOUR + 30 * MIN + 15 * SEC + 250],
  ["duration", parseDurationMs, "2 days", 2 * DAY],
  ["duration", parseDurationMs, "10min", 10 * MIN],
  ["duration", parseDurationMs, "3sec", 3 * SEC],
  ["duration", parseDurationMs, "1hr", HOUR],
  ["duration", parseDurationMs, "1week", 7 * DAY],
  ["duration", parseDurationMs, "0.0004s", 0], // rounds to the nearest ms
  ["duration", parseDurationMs, "1.0005s", 1001],
  ["duration", parseDurationMs, "1.1s", 1100],
  ["duration", parseDurationMs, "0", 0],
  ["duration", parseDurationMs, 0, 0],
  ["duration", parseDurationMs, "1_000ms", 1000],
  // sizes
  ["size", parseSizeBytes, "2.5TB", 2.5e12],
  ["size", parseSizeBytes, "1GiB", 1_073_741_824],
  ["size", parseSizeBytes, "1_000MB", 1e9],
  ["size", parseSizeBytes, "1.1KB", 1100],
  ["size", parseSizeBytes, "64 kB", 64_000],
  ["size", parseSizeBytes, "3PB", 3e15],
  ["size", parseSizeBytes, "1.5KiB", 1536],
  ["size", parseSizeBytes, "2TiB", 2 * 2 ** 40],
  ["size", parseSizeBytes, "1PiB", 2 ** 50],
  ["size", parseSizeBytes, "4096", 4096],
  ["size", parseSizeBytes, "512 B", 512],
  ["size", parseSizeBytes, 12345, 12345],
  ["size", parseSizeBytes, "0MB", 0],
  // bandwidths
  ["bandwidth", parseBandwidthBytesPerSec, "20GB/s", 20e9],
  ["bandwidth", parseBandwidthBytesPerSec, "60TB/day", 60e12 / 86400],
  ["bandwidth", parseBandwidthBytesPerSec, "500MB/h", 500e6 / 3600],
  ["bandwidth", parseBandwidthBytesPerSec, "1GiB/min", 2 ** 30 / 60],
  ["bandwidth", parseBandwidthBytesPerSec, "5 TB / d", 5e12 / 86400],
  ["bandwidth", parseBandwidthBytesPerSec, "1MB/sec", 1e6],
  ["bandwidth", parseBandwidthBytesPerSec, "7TB/week", 7e12 / (7 * 86400)],
  ["bandwidth", parseBandwidthBytesPerSec, "36GB/hr", 1e7],
  // rates
  ["rate", parseRatePerSec, "100/h", 100 / 3600],
  ["rate", parseRatePerSec, "1.5M/day", 1.5e6 / 86400],
  ["rate", parseRatePerSec, "30/d", 30 / 86400],
  ["rate", parseRatePerSec, "2k/min", 2000 / 60],
  ["rate", parseRatePerSec, "0.5/s", 0.5],
  ["rate", parseRatePerSec, "3G/w", 3e9 / (7 * 86400)],
  ["rate", parseRatePerSec, "0/h", 0],
  ["rate", parseRatePerSec, 0, 0],
  // fractions
  ["fraction", parseFraction, "1.5%", 0.015],
  ["fraction", parseFraction, "50%", 0.5],
  ["fraction", parseFraction, "100 %", 1],
  ["fraction", parseFraction, "0%", 0],
  ["fraction", parseFraction, "0.25", 0.25],
  ["fraction", parseFraction, 1, 1],
  ["fraction", parseFraction, 0.125, 0.125],
  // counts
  ["count", parseCount, "9_000_000", 9e6],
  ["count", parseCount, "3e9", 3e9],
  ["count", parseCount, "1.5M", 1.5e6],
  ["count", parseCount, "1.1k", 1100],
  ["count", parseCount, "2G", 2e9],
  ["count", parseCount, "2.5E-1", 0.25],
  ["count", parseCount, "1e+3", 1000],
  ["count", parseCount, " 42 ", 42],
  ["count", parseCount, 3.5, 3.5],
  ["count", parseCount, 1e21, 1e21],
];

const bad: [string, Parser, unknown, string][] = [
  ["bad duration unit", parseDurationMs, "4x", `${DURATION_MSG} "4x"`],
  ["bare duration", parseDurationMs, "90", "expected a duration with a unit, such as 90s"],
  [
    "bare duration number",
    parseDurationMs,
    90,
    "with a unit, such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found 90",
  ],
  [
    "compound without last unit",
    parseDurationMs,
    "1h30",
    'with a unit, such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found "1h30"',
  ],
  [
    "negative duration",
    parseDurationMs,
    "-5m",
    'expected a non-negative duration such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found "-5m"',
  ],
  ["negative duration number", parseDurationMs, -1, "expected a non-negative duration such as 90s"],
  ["NaN string", parseDurationMs, "NaN", `${DURATION_MSG} "NaN"`],
  ["Infinity string", parseDurationMs, "Infinity", `${DURATION_MSG} "Infinity"`],
  ["empty string", parseDurationMs, "", `${DURATION_MSG} ""`],
  ["only spaces", parseDurationMs, "   ", `${DURATION_MSG} "   "`],
  ["two dots", parseDurationMs, "1.2.3h", `${DURATION_MSG} "1.2.3h"`],
  ["unit only", parseDurationMs, "h", `${DURATION_MSG} "h"`],
  ["units out of order", parseDurationMs, "30m1h", `${DURATION_MSG} "30m1h"`],
  ["repeated unit", parseDurationMs, "1m 30m", `${DURATION_MSG} "1m 30m"`],
  ["upper-case hour", parseDurationMs, "1H", `${DURATION_MSG} "1H"`],
  ["trailing dot", parseDurationMs, "5.s", `${DURATION_MSG} "5.s"`],
  ["leading dot", parseDurationMs, ".5h", `${DURATION_MSG} ".5h"`],
  ["double underscore", parseDurationMs, "1__000ms", `${DURATION_MSG} "1__000ms"`],
  ["trailing underscore", parseDurationMs, "1_ms", `${DURATION_MSG} "1_ms"`],
  ["plus sign", parseDurationMs, "+5m", `${DURATION_MSG} "+5m"`],
  [
    "overlong string",
    parseDurationMs,
    `1${"0".repeat(149)}ms`,
    'expected a duration of at most 100 characters, such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found a 152-character string starting "10000000000000000000"',
  ],
  [
    "NaN number",
    parseDurationMs,
    Number.NaN,
    "expected a finite duration such as 90s, 15m, 6h, 4d (units ms s m h d w mo y); found NaN",
  ],
  ["Infinity number", parseSizeBytes, Number.POSITIVE_INFINITY, "expected a finite size such as 512MB"],
  [
    "overflow to Infinity",
    parseSizeBytes,
    "1e308PB",
    "expected a finite size such as 512MB, 2.5TB, 1GiB (units",
  ],
  ["lower-case kb", parseSizeBytes, "5kb", `${SIZE_MSG} "5kb"`],
  ["megabit is not megabyte", parseSizeBytes, "5Mb", `${SIZE_MSG} "5Mb"`],
  ["negative size", parseSizeBytes, "-1KB", "expected a non-negative size such as 512MB"],
  ["space in number", parseSizeBytes, "1 000", `${SIZE_MSG} "1 000"`],
  ["prototype key as unit", parseSizeBytes, "1constructor", `${SIZE_MSG} "1constructor"`],
  ["not a string or number", parseSizeBytes, null, `${SIZE_MSG} null`],
  ["boolean", parseSizeBytes, true, `${SIZE_MSG} true`],
  [
    "bad per-unit",
    parseBandwidthBytesPerSec,
    "5 TB/fortnight",
    `expected a bandwidth ${BANDWIDTH_FORMS} "5 TB/fortnight"`,
  ],
  [
    "bandwidth without size unit",
    parseBandwidthBytesPerSec,
    "500/s",
    `expected a bandwidth ${BANDWIDTH_FORMS} "500/s"`,
  ],
  [
    "bandwidth without time",
    parseBandwidthBytesPerSec,
    "20GB",
    `expected a bandwidth with a time unit, ${BANDWIDTH_FORMS} "20GB"`,
  ],
  [
    "bare bandwidth number",
    parseBandwidthBytesPerSec,
    100,
    `expected a bandwidth with a time unit, ${BANDWIDTH_FORMS} 100`,
  ],
  [
    "zero bandwidth",
    parseBandwidthBytesPerSec,
    "0GB/s",
    `expected a positive bandwidth ${BANDWIDTH_FORMS} "0GB/s"`,
  ],
  ["two slashes", parseBandwidthBytesPerSec, "1GB/s/s", `expected a bandwidth ${BANDWIDTH_FORMS} "1GB/s/s"`],
  [
    "numbered per-unit",
    parseBandwidthBytesPerSec,
    "1GB/2s",
    `expected a bandwidth ${BANDWIDTH_FORMS} "1GB/2s"`,
  ],
  ["lower-case m is not mega", parseRatePerSec, "10m/day", `expected a rate ${RATE_FORMS} "10m/day"`],
  ["bare rate", parseRatePerSec, "100", `expected a rate with a time unit, ${RATE_FORMS} "100"`],
  ["rate without time", parseRatePerSec, "5k", `expected a rate with a time unit, ${RATE_FORMS} "5k"`],
  ["negative rate", parseRatePerSec, "-5/h", `expected a non-negative rate ${RATE_FORMS} "-5/h"`],
  ["per nothing", parseRatePerSec, "5/", `expected a rate ${RATE_FORMS} "5/"`],
  [
    "percentage above 100",
    parseFraction,
    "150%",
    `expected a fraction between 0 and 1, ${FRACTION_FORMS} "150%"`,
  ],
  ["negative percentage", parseFraction, "-1%", `expected a non-negative fraction ${FRACTION_FORMS} "-1%"`],
  ["1.5 as a fraction", parseFraction, "1.5", `expected a fraction between 0 and 1, ${FRACTION_FORMS} "1.5"`],
  [
    "1.5 number as a fraction",
    parseFraction,
    1.5,
    `expected a fraction between 0 and 1, ${FRACTION_FORMS} 1.5`,
  ],
  ["per mille", parseFraction, "5‰", `expected a fraction ${FRACTION_FORMS} "5‰"`],
  ["fraction with unit", parseFraction, "50pct", `expected a fraction ${FRACTION_FORMS} "50pct"`],
  ["count with bad suffix", parseCount, "5K", `expected a count ${COUNT_FORMS} "5K"`],
  ["count exponent without digits", parseCount, "3e", `expected a count ${COUNT_FORMS} "3e"`],
  ["count overflow", parseCount, "1e400", `expected a finite count ${COUNT_FORMS} "1e400"`],
  ["negative count number", parseCount, -3, `expected a non-negative count ${COUNT_FORMS} -3`],
  ["hex count", parseCount, "0x10", `expected a count ${COUNT_FORMS} "0x10"`],
];

describe("unit parsers accept", () => {
  it.each(good)("%s %j", (_kind, parse, input, expected) => {
    expect(parse(input)).toBe(expected);
  });
});

describe("unit parsers reject", () => {
  it.each(bad)("%s: %j", (_name, parse, input, message) => {
    let caught: unknown;
    try {
      parse(input as string | number);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnitError);
    const text = (caught as UnitError).message;
    expect(text).toContain(message);
    expect(text.startsWith("expected ")).toBe(true);
    expect(text).not.toContain("\n");
  });

  it("stays fast on hostile input at the length limit", () => {
    const hostile = [
      "1".repeat(100),
      "1_".repeat(50),
      "1h".repeat(50),
      `${"9".repeat(99)}.`,
      " ".repeat(100),
    ];
    const start = performance.now();
    for (let round = 0; round < 1000; round++) {
      for (const input of hostile) {
        try {
          parseDurationMs(input);
        } catch {
          // only the time matters here
        }
      }
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("keeps a non-JSON-safe value on one line", () => {
    expect(() => parseSizeBytes("5\u2028x")).toThrow(/found "5\\u2028x"$/);
  });
});

describe("formatDurationMs", () => {
  it.each([
    [0, "0ms"],
    [250, "250ms"],
    [SEC, "1s"],
    [90 * SEC, "90s"],
    [90 * SEC + 500, "90s 500ms"],
    [15 * MIN, "15m"],
    [HOUR, "1h"],
    [90 * MIN, "90m"],
    [6 * HOUR, "6h"],
    [36 * HOUR, "36h"],
    [99 * HOUR, "4d 3h"],
    [4 * DAY + 23 * HOUR + 45 * MIN, "5d"],
    [-6 * HOUR, "-6h"],
    [1.4, "1ms"],
  ])("%d → %s", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it.each(["250ms", "90s", "15m", "6h", "4d 3h", "2d", "47h 45m", "90s 500ms"])(
    "round-trips %s through the parser",
    (text) => {
      expect(formatDurationMs(parseDurationMs(text))).toBe(text);
    },
  );
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [512, "512 B"],
    [1234, "1.23 KB"],
    [999_999, "1 MB"],
    [2.5e12, "2.5 TB"],
    [2 ** 30, "1.07 GB"],
    [3e18, "3000 PB"],
  ])("%d → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each(["512 B", "2.5 TB", "1.23 MB", "40 GB", "7 PB"])("round-trips %s through the parser", (text) => {
    expect(formatBytes(parseSizeBytes(text))).toBe(text);
  });
});
