/**
 * The cost block of the run summary (src/report/costSummary.ts): total, then per line the
 * quantity priced and its amount; nothing for an unpriced run.
 */
import { describe, expect, it } from "vitest";
import { COST_LINES } from "../../src/metrics/costs.js";
import type { RunMeasurements } from "../../src/metrics/RunMeasurements.js";
import { palette } from "../../src/report/colors.js";
import { costBlock } from "../../src/report/costSummary.js";

describe("costBlock", () => {
  it("prints the total and each line's quantity and amount", () => {
    const quantities = Object.fromEntries(COST_LINES.map((l, i) => [l, [446, 0, 0, 0.822, 0.0874, 22.1][i]]));
    const breakdown = Object.fromEntries(COST_LINES.map((l, i) => [l, [223, 0, 0, 2.466, 0.874, 1768][i]]));
    const m = {
      cost: { currency: "EUR", total: 1994.34, breakdown, quantities },
    } as unknown as RunMeasurements;
    const text = costBlock(m, palette(false));
    expect(text[0]).toBe("Cost 1,994 EUR");
    expect(text[1]).toContain("mailbox-hours down           446    223 EUR");
    expect(text[1]).toContain("operator-hours              22.1  1,768 EUR");
  });

  it("prints nothing for a run without prices", () => {
    expect(costBlock({} as RunMeasurements, palette(false))).toEqual([]);
  });
});
