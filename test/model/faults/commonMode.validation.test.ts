/**
 * Common-mode failures destroy the benefit of replication (docs/validation.md#common-mode-failures):
 * with a version bug carrying β = 0.1 of each replica's failure rate, 2-way and 3-way MTTDL
 * fall to 441.4 h and 771.2 h (from 650 h and 2,516.7 h); with the replicas on distinct
 * versions the bug acts like an independent failure and MTTDL returns to 650 h. Each value is
 * the mean of 1000 runs stopped at the first total loss, accepted in the χ² band
 * [0.8817, 1.1278] × reference (docs/validation.md#accepting-an-mttdl-estimate).
 */
import { describe, expect, it } from "vitest";
import { mean } from "../../../src/metrics/statistics.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";

const RUNS = 1000;
const BAND = [0.8817, 1.1278] as const;

/** Exact 2-way MTTDL with a β-factor (docs/validation.md#common-mode-failures). */
function mttdl2(lambda: number, mu: number, beta: number): number {
  return (3 * lambda + mu - 2 * beta * lambda) / (lambda * (2 * lambda + beta * mu - beta * lambda));
}

function meanTimeToLossHours(fixture: string): number {
  const scenario = loadScenarioFile(
    new URL(`../../fixtures/validation/${fixture}`, import.meta.url).pathname,
  );
  const hours: number[] = [];
  for (let seed = 1; seed <= RUNS; seed++) {
    const { integrity } = runChecked(scenario, { seed }).measurements;
    expect(integrity.firstDataLossMs).toBeGreaterThan(0);
    hours.push((integrity.firstDataLossMs ?? Number.NaN) / 3_600_000);
  }
  return mean(hours);
}

describe("MTTDL with a one-version common-mode bug, β = 0.1 (λ = 0.01/h, μ = 0.1/h)", () => {
  it("the reference formula reproduces the published numbers", () => {
    expect(mttdl2(0.01, 0.1, 0.1)).toBeCloseTo(441.379, 3);
    expect(mttdl2(0.01, 0.1, 0)).toBeCloseTo(650, 9);
  });

  const measured: Record<string, number> = {};
  for (const [fixture, reference] of [
    ["common-mode-2-way.yaml", 441.379],
    ["common-mode-3-way.yaml", 771.234],
    ["common-mode-distinct-versions.yaml", 650],
  ] as const) {
    it(`${fixture}: mean time to loss within the χ² band of ${reference} h`, () => {
      const hours = meanTimeToLossHours(fixture);
      measured[fixture] = hours;
      expect(hours / reference).toBeGreaterThanOrEqual(BAND[0]);
      expect(hours / reference).toBeLessThanOrEqual(BAND[1]);
    });
  }

  it("distinct versions separate from one version: each lies outside the other's band", () => {
    const shared = measured["common-mode-2-way.yaml"]!;
    const distinct = measured["common-mode-distinct-versions.yaml"]!;
    expect(distinct / 441.379).toBeGreaterThan(BAND[1]);
    expect(shared / 650).toBeLessThan(BAND[0]);
  });
});
