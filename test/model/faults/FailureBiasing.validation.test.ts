/**
 * Failure biasing against the exact probability of data loss within a mission time
 * (docs/validation.md#rare-data-loss-within-a-mission-time).
 *
 * Four one-group fixtures with exponential shard loss (λ) and exponential rebuild (μ = 0.1/h),
 * horizon T = 1000 h, stopping at the first total loss. The reference is the absorbing mass
 * at T of the replication chain started all-OK (test/helpers/markov.ts), by uniformisation.
 * - Rare cases (P between 1e-7 and 1e-9): 4000 biased runs (default bias 0.8 / 0.5) must land
 *   within 4 standard errors of the exact value with a relative error under 25%, and plain
 *   Monte Carlo on the same number of runs sees no loss at all.
 * - A frequent case (P ≈ 1.9e-2): 4000 biased and 4000 plain runs, each within 4 SE of the
 *   exact value and of each other: the estimator is unbiased where plain Monte Carlo can see.
 * Seeds "<fixture seed>/i" (biased) and "<fixture seed>/plain/i" (plain).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/experiment/runScenario.js";
import { importanceEstimate, type WeightedOutcome } from "../../../src/metrics/importanceEstimate.js";
import { DEFAULT_BIAS } from "../../../src/model/faults/FailureBiasing.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import {
  lossProbabilityWithin,
  meanAbsorptionTimes,
  replicationLossGenerator,
} from "../../helpers/markov.js";
import { loadValidationFixture } from "../../helpers/replications.js";

const MU = 0.1;
const HOURS = 1000;
const RUNS = 4000;

function biasedOutcomes(scenario: Scenario, runs: number): WeightedOutcome[] {
  const out: WeightedOutcome[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runScenario(scenario, { seed: `${scenario.seed}/${i}`, bias: DEFAULT_BIAS });
    const broke = r.measurements.integrity.firstDataLossMs !== null;
    out.push({ logWeight: r.logLikelihoodRatio!, broke, loss: broke ? 1 : 0 });
  }
  return out;
}

function plainLosses(scenario: Scenario, runs: number): number {
  let losses = 0;
  for (let i = 0; i < runs; i++) {
    const r = runScenario(scenario, { seed: `${scenario.seed}/plain/${i}` });
    expect(r.logLikelihoodRatio).toBeUndefined();
    if (r.measurements.integrity.firstDataLossMs !== null) losses++;
  }
  return losses;
}

const rare = [
  { fixture: "rare-loss-2way.yaml", copies: 2, lambda: 2e-6, concurrency: "independent", exact: 7.919529e-8 },
  {
    fixture: "rare-loss-3way-shared.yaml",
    copies: 3,
    lambda: 2e-5,
    concurrency: "shared",
    exact: 4.700257e-9,
  },
  {
    fixture: "rare-loss-3way-independent.yaml",
    copies: 3,
    lambda: 2e-5,
    concurrency: "independent",
    exact: 2.362357e-9,
  },
] as const;

describe("P(data loss within 1000 h) by failure biasing", () => {
  it.each(rare)("$fixture: the exact value is the printed one and consistent with the MTTDL", (c) => {
    const p = lossProbabilityWithin(c.copies, c.lambda, MU, c.concurrency, HOURS);
    expect(Math.abs(p - c.exact) / c.exact).toBeLessThan(1e-6);
    // Started all-OK, the chain first needs ~1/μ to reach its quasi-stationary regime, so P is
    // a little below the long-run 1 − e^{−T/MTTDL} (by about 1/(μT) = 1%), never above.
    const mttdl = meanAbsorptionTimes(replicationLossGenerator(c.copies, c.lambda, MU, c.concurrency))[0]!;
    const longRun = -Math.expm1(-HOURS / mttdl);
    expect(p).toBeLessThan(longRun);
    expect(p).toBeGreaterThan(0.97 * longRun);
  });

  it.each(rare)("$fixture: within 4 SE of the exact value; plain Monte Carlo sees nothing", (c) => {
    const scenario = loadValidationFixture(c.fixture);
    const estimate = importanceEstimate(biasedOutcomes(scenario, RUNS));
    const { estimate: p, standardError } = estimate.probability;
    expect(Math.abs(p - c.exact) / standardError).toBeLessThanOrEqual(4);
    expect(estimate.probability.relativeError).toBeLessThan(0.25);
    expect(estimate.warnings).toEqual([]);
    expect(estimate.varianceReduction).toBeGreaterThan(1e4);
    expect(plainLosses(scenario, RUNS)).toBe(0);
  });

  it("2-way at P ≈ 1.9e-2: biased and plain estimates agree with the exact value and each other", () => {
    const exact = lossProbabilityWithin(2, 1e-3, MU, "independent", HOURS);
    expect(exact).toBeCloseTo(0.01904876, 7);
    const scenario = loadValidationFixture("rare-loss-2way-frequent.yaml");
    const biased = importanceEstimate(biasedOutcomes(scenario, RUNS)).probability;
    const plainP = plainLosses(scenario, RUNS) / RUNS;
    const plainSe = Math.sqrt((plainP * (1 - plainP)) / RUNS);
    expect(Math.abs(biased.estimate - exact) / biased.standardError).toBeLessThanOrEqual(4);
    expect(Math.abs(plainP - exact) / plainSe).toBeLessThanOrEqual(4);
    expect(Math.abs(biased.estimate - plainP)).toBeLessThanOrEqual(
      4 * Math.hypot(biased.standardError, plainSe),
    );
  });
});
