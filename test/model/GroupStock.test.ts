/**
 * GroupStock: without expunge it is the t = 0 size plus the ledger's held mean, bit for bit as
 * before; with expunge the t = 0 content decays as e^{−λt} and mail spread over an interval is
 * weighted by (1 − e^{−λΔ})/(λΔ) — the integral of e^{−λ(b − s)} over its arrival times.
 */
import { describe, expect, it } from "vitest";
import { expungePerMs, GroupStock } from "../../src/model/GroupStock.js";
import type { Placement } from "../../src/model/Placement.js";

const DAY = 86_400_000;
const placement = { groupCount: 2, groupSizeBytes: Float64Array.from([1e9, 2e9]) } as unknown as Placement;

describe("GroupStock", () => {
  it("a share s a day is λ = −ln(1 − s)/day: after a day 1 − s is left", () => {
    expect(Math.exp(-expungePerMs(0.1, DAY) * DAY)).toBeCloseTo(0.9, 15);
    expect(expungePerMs(0, DAY)).toBe(0);
  });

  it("no expunge: t = 0 size + held mean, recorded arrivals ignored (the ledger holds them)", () => {
    const stock = new GroupStock(placement, 10_000, 0, (g) => [500, 7][g]!);
    stock.stored(0, 1e6, 0, DAY);
    expect(stock.messagesNow(0, DAY)).toBe(1e9 / 10_000 + 500);
    expect(stock.bytesNow(1, DAY, 3)).toBe(2e9 + (7 + 3) * 10_000);
  });

  it("expunge: decays the t = 0 content and weights spread arrivals by their mean survival", () => {
    const lambda = expungePerMs(0.1, DAY);
    const stock = new GroupStock(placement, 10_000, lambda, () => Number.NaN);
    stock.stored(0, 1000, 0, DAY); // 1,000 messages spread over the first day
    stock.stored(0, 50, DAY, DAY); // 50 late messages at once at 1 d
    const weight = (1 - Math.exp(-lambda * DAY)) / (lambda * DAY);
    const atOneDay = 1e5 * 0.9 + 1000 * weight + 50;
    expect(stock.messagesNow(0, DAY)).toBeCloseTo(atOneDay, 9);
    // A day later, all of it has decayed by another 10%, and pending mail is weighted the same way.
    expect(stock.messagesNow(0, 2 * DAY, 1000, DAY)).toBeCloseTo(atOneDay * 0.9 + 1000 * weight, 9);
    expect(stock.bytesNow(1, DAY)).toBeCloseTo(2e9 * 0.9, 3);
  });
});
