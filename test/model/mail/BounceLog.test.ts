/**
 * BounceLog: a piece leaving at one time counts whole inside the window and not at all outside;
 * a piece whose messages each bounce a shift after arrival counts by the diurnal share of the
 * arrivals whose bounce time is inside (exactly, on a flat profile: by length; on a two-level
 * profile: by weight).
 */
import { describe, expect, it } from "vitest";
import { BounceLog } from "../../../src/model/mail/BounceLog.js";
import { DiurnalProfile } from "../../../src/model/mail/DiurnalProfile.js";

const HOUR_MS = 3_600_000;
const flat = new DiurnalProfile(Array(24).fill(1));
const piece = (count: number, startH: number, endH: number, exit: { atH?: number; shiftH?: number }) => ({
  count,
  place: "sender" as const,
  arrivalStartMs: startH * HOUR_MS,
  arrivalEndMs: endH * HOUR_MS,
  arrivalMeanMs: ((startH + endH) / 2) * HOUR_MS,
  restoredAtMs: 20 * HOUR_MS,
  ...(exit.atH === undefined ? {} : { exitAtMs: exit.atH * HOUR_MS }),
  ...(exit.shiftH === undefined ? {} : { exitShiftMs: exit.shiftH * HOUR_MS }),
});

describe("BounceLog", () => {
  it("counts a piece that leaves at one time whole, when that time is in [from, to]", () => {
    const log = new BounceLog(flat);
    log.add(piece(30, 1, 3, { atH: 5 }));
    expect(log.bouncedBetween(0, 5 * HOUR_MS)).toBe(30); // the window's ends are included
    expect(log.bouncedBetween(5 * HOUR_MS, 9 * HOUR_MS)).toBe(30);
    expect(log.bouncedBetween(0, 5 * HOUR_MS - 1)).toBe(0);
    expect(log.bouncedBetween(5 * HOUR_MS + 1, 9 * HOUR_MS)).toBe(0);
  });

  it("counts a shifted piece by the share of arrivals whose bounce time has come (flat: by length)", () => {
    const log = new BounceLog(flat);
    log.add(piece(40, 2, 6, { shiftH: 4 })); // bounces spread evenly over [6 h, 10 h)
    expect(log.bouncedBetween(0, 6 * HOUR_MS)).toBe(0);
    expect(log.bouncedBetween(0, 7 * HOUR_MS)).toBeCloseTo(10, 9);
    expect(log.bouncedBetween(7 * HOUR_MS, 9 * HOUR_MS)).toBeCloseTo(20, 9);
    expect(log.bouncedBetween(0, 10 * HOUR_MS)).toBe(40);
  });

  it("weights a shifted piece by the diurnal profile its messages were drawn from", () => {
    // Weight 3 in hours 0-11, 1 in hours 12-23: arrivals in [10 h, 14 h) are 3:3:1:1 by hour.
    const twoLevel = new DiurnalProfile([...Array(12).fill(3), ...Array(12).fill(1)]);
    const log = new BounceLog(twoLevel);
    log.add(piece(80, 10, 14, { shiftH: 1 }));
    expect(log.bouncedBetween(0, 12 * HOUR_MS)).toBeCloseTo(30, 9); // arrivals of hour 10: 3/8
    expect(log.bouncedBetween(0, 13 * HOUR_MS)).toBeCloseTo(60, 9);
    expect(log.bouncedBetween(13 * HOUR_MS, 15 * HOUR_MS)).toBeCloseTo(20, 9);
  });

  it("sums pieces in the order they were logged", () => {
    const log = new BounceLog(flat);
    log.add(piece(5, 0, 1, { atH: 2 }));
    log.add(piece(8, 0, 2, { shiftH: 1 }));
    expect(log.bouncedBetween(0, 2 * HOUR_MS)).toBeCloseTo(5 + 4, 9);
  });
});
