/**
 * Costs (src/metrics/costs.ts): every line is its price times the run's own figure, the total
 * is their sum, and a run of a priced scenario carries exactly that.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { runCost } from "../../src/metrics/costs.js";
import { runFigures } from "../../src/metrics/runFigures.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const scenario = loadScenarioFile("test/fixtures/experiment/variants-small.yaml");
const prices = scenario.costs!;

describe("runCost", () => {
  it("prices each quantity and sums the lines", () => {
    const cost = runCost(prices, {
      mailboxHoursDown: 100,
      bounced: 1000,
      silentlyLost: 3,
      extraStorageTBDays: 2,
      copiedBytes: 5e12,
      operatorHours: 1.5,
    });
    // 0.5 × 100 + 0.02 × 1000 + 2 × 3 + 3 × 2 + 10 × 5 + 80 × 1.5 = 50 + 20 + 6 + 6 + 50 + 120
    expect(cost.breakdown).toEqual({
      mailboxHoursDown: 50,
      bounced: 20,
      silentlyLost: 6,
      extraStorageTBDays: 6,
      copiedTB: 50,
      operatorHours: 120,
    });
    expect(cost.total).toBe(252);
    expect(cost.currency).toBe("EUR");
  });
});

describe("a priced run", () => {
  it("reconciles with the ledger, availability and rollout figures and the prices", () => {
    for (const strategy of ["big-bang", "dual-write"]) {
      const m = runScenario(scenario, { seed: "7/2", strategy }).measurements;
      const cost = m.cost!;
      const copiedTB = (m.rollout!.copiedBytes + m.rollout!.rollbackBytes) / 1e12;
      expect(cost.quantities.mailboxHoursDown).toBe(m.availability.mailboxHoursDown);
      expect(cost.quantities.bounced).toBe(m.ledger.bounced);
      expect(cost.quantities.silentlyLost).toBe(m.ledger.silentlyLost);
      expect(cost.quantities.extraStorageTBDays).toBe(m.rollout!.extraStorageTBDays);
      expect(cost.quantities.copiedTB).toBe(copiedTB);
      const expected =
        0.5 * m.availability.mailboxHoursDown +
        0.02 * m.ledger.bounced +
        2 * m.ledger.silentlyLost +
        3 * m.rollout!.extraStorageTBDays +
        10 * copiedTB +
        80 * cost.quantities.operatorHours;
      expect(cost.total).toBeCloseTo(expected, 6);
      expect(runFigures(m).cost).toBe(cost.total);
    }
  });

  it("counts operator-hours of manual failover decisions", () => {
    // The fixture's failovers are manual: a dual-write unit whose target blocks waits for an operator.
    const hours = [1, 2, 3].map(
      (i) =>
        runScenario(scenario, { seed: `7/${i}`, strategy: "dual-write" }).measurements.cost!.quantities
          .operatorHours,
    );
    expect(hours.some((h) => h > 0)).toBe(true);
  });

  it("leaves a scenario without costs unpriced", () => {
    const { costs: _none, ...unpriced } = scenario;
    const m = runScenario(unpriced, { seed: "7/1", strategy: "big-bang" }).measurements;
    expect(m.cost).toBeUndefined();
    expect("cost" in runFigures(m)).toBe(false);
  });
});
