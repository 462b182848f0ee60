import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { RunMeasurements } from "../../src/metrics/RunMeasurements.js";
import { palette } from "../../src/report/colors.js";
import { renderRunSummary } from "../../src/report/runSummary.js";

const HOUR = 3_600_000;

const measurements: RunMeasurements = {
  bugs: [],
  ledger: {
    arrived: 1_000_000,
    storedIntact: 990_000,
    deliveredLate: 9_000,
    recovered: 0,
    silentlyLost: 1,
    corruptedServed: 0,
    bounced: 900,
    pending: 99,
    bouncedByMx: 400,
    bouncedBySender: 500,
    reconciles: true,
    lateDelay: { meanMs: 2 * HOUR, p50Ms: HOUR, p90Ms: 3 * HOUR, p99Ms: 5 * HOUR, maxMs: 6 * HOUR },
    meanSojournMs: 20 * HOUR,
  },
  smtp: { deferredIntegralMessageMs: 1, sojournSumMessageMs: 1, viaMxSpool: 5_000, viaSender: 4_999 },
  availability: {
    mailboxHoursDown: 216_000,
    mailboxHoursReadDown: 200_000,
    mailboxHoursWriteDown: 216_000,
    fleetAvailability: 0.999312,
    loginWeightedAvailability: 0.9991,
    peakMailboxesDown: 1_200_000,
    mailboxesDownOver: { "1h": 1_200_000, "24h": 900_000, "72h": 0 },
    timeline: { stepMs: HOUR, mailboxesDown: [0, 1] },
  },
  integrity: {
    dataLossEvents: 1,
    mailboxesWithDataLoss: 20,
    firstDataLossMs: 5 * HOUR,
    restores: 0,
    dataRestore: { meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 },
    restoreQueueIntegralJobMs: 0,
    restoreSojournSumJobMs: 0,
    mailboxHoursDataPending: 0,
  },
  timeToRestore: {
    meanMs: 30 * HOUR,
    p50Ms: 24 * HOUR,
    p90Ms: 60 * HOUR,
    p99Ms: 100 * HOUR,
    maxMs: 144 * HOUR,
    episodes: 1_100_000,
    affectedMailboxes: 1_200_000,
    unrestoredAtHorizon: 100_000,
    fleetCurve: { t50Ms: 30 * HOUR, t90Ms: 100 * HOUR, t99Ms: null, t100Ms: null },
  },
  events: { "node-crash": 3, "node-return": 3 },
};

const header = { scenario: "libero-2023", seed: 2023, horizonMs: 60 * 24 * HOUR, mailboxes: 9_000_000 };

describe("renderRunSummary", () => {
  const plain = renderRunSummary(header, measurements, palette(false));

  it("shows the title, the four blocks and their key figures in under 35 lines", () => {
    const lines = plain.split("\n");
    expect(lines.length).toBeLessThanOrEqual(35);
    expect(lines[0]).toBe("maildrill run · libero-2023 · seed 2023 · 9,000,000 mailboxes · horizon 60d 0h");
    for (const text of ["Availability", "Mail ledger", "Time to restore", "Storage events"]) {
      expect(plain).toContain(text);
    }
    expect(plain).toContain("fleet 99.9312%");
    expect(plain).toContain("mailbox-hours down 216,000 h");
    expect(plain).toMatch(/silently lost\s+1\s+0\.0001%/);
    expect(plain).toMatch(/stored intact\s+990,000\s+99\.0000%/);
    expect(plain).toContain("reconciles ✓");
    expect(plain).toContain("99% never");
    expect(plain).toContain("node-crash 3 · node-return 3");
    expect(plain.endsWith("\n")).toBe(false);
  });

  it("marks a ledger that does not reconcile", () => {
    const broken = { ...measurements, ledger: { ...measurements.ledger, reconciles: false } };
    expect(renderRunSummary(header, broken, palette(false))).toContain("reconciles ✗");
  });

  it("differs with colour on only by escape codes", () => {
    const colored = renderRunSummary(header, measurements, palette(true));
    expect(colored).not.toBe(plain);
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });
});
