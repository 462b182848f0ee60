import { it } from "vitest";
import { runScenario } from "../src/experiment/runScenario.js";
import { importanceEstimate } from "../src/metrics/importanceEstimate.js";
import { loadFixture } from "./helpers/fixtures.js";
it("x", () => {
  for (const [f, exact] of [["rare-loss-2way", 7.919529e-8], ["rare-loss-3way-shared", 4.700257e-9], ["rare-loss-3way-independent", 2.362357e-9], ["rare-loss-2way-frequent", 0.01904876]] as const) {
    const sc = loadFixture(`validation/${f}.yaml`);
    const o = [];
    for (let i = 0; i < 4000; i++) {
      const r = runScenario(sc, { seed: `${sc.seed}/${i}`, bias: { forceFirst: 0.8, degraded: 0.5 } });
      const broke = r.measurements.integrity.firstDataLossMs >= 0;
      o.push({ logWeight: r.logLikelihoodRatio!, broke, loss: broke ? 1 : 0 });
    }
    const e = importanceEstimate(o);
    console.log(f, exact, e.probability.estimate.toExponential(4), e.probability.standardError.toExponential(3), ((e.probability.estimate - exact) / e.probability.standardError).toFixed(2), e.probability.relativeError.toFixed(3), e.effectiveSampleSize.toFixed(0), e.varianceReduction.toExponential(2), e.breakingRuns, e.largestWeightShare.toFixed(3));
  }
});
