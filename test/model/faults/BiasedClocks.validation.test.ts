/**
 * Failure biasing on every failure clock besides protection shard loss
 * (docs/validation.md#rare-events-on-the-other-failure-clocks): node loss, node crash, RAID
 * disks, latent sector errors and hazard-triggered OS bugs, exponential and Weibull.
 *
 * - Where a closed form exists (test/helpers/markov.ts, or 1 − e^{−H(T)} for a first event),
 *   4000 biased runs (default bias 0.8 / 0.5) land within 4 standard errors of it; where P is
 *   tiny, plain Monte Carlo on the same number of runs sees nothing.
 * - Where none exists (Weibull clocks that renew, whose chains are not Markov), biased and plain
 *   runs at P ≈ 1e-2 agree within 4 combined standard errors: the estimator is unbiased.
 * Biased runs use the seeds "<fixture seed>/i", plain runs "<fixture seed>/plain/i". The
 * frequent and Weibull cases are the rare fixtures with one time to failure changed here.
 */
import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../../src/engine/distributions.js";
import type { RunResult } from "../../../src/experiment/runScenario.js";
import { runScenario } from "../../../src/experiment/runScenario.js";
import { type Interval, importanceEstimate } from "../../../src/metrics/importanceEstimate.js";
import { DEFAULT_BIAS } from "../../../src/model/faults/FailureBiasing.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";
import type { Scenario } from "../../../src/scenario/schema.js";
import { lossProbabilityWithin, raidLossProbabilityWithin } from "../../helpers/markov.js";

const RUNS = 4000;
const HOURS = 1000;
const MS_PER_HOUR = 3_600_000;
const MU = 0.1;

type Outcome = (r: RunResult) => boolean;
const dataLoss: Outcome = (r) => r.measurements.integrity.firstDataLossMs !== null;
const mailboxDown: Outcome = (r) => r.measurements.timeToRestore.episodes > 0;
const latentError: Outcome = (r) => (r.measurements.events["latent-errors"] ?? 0) > 0;

function fixture(name: string): Scenario {
  return loadScenarioFile(new URL(`../../fixtures/rare/${name}`, import.meta.url).pathname);
}

/** The fixture with the first backend's entry changed by `edit`. */
function withBackend(scenario: Scenario, edit: (backend: Record<string, unknown>) => void): Scenario {
  const copy = structuredClone(scenario);
  edit(Object.values(copy.backends)[0] as Record<string, unknown>);
  return copy;
}

const exponentialHours = (meanHours: number): DistributionSpec => ({
  kind: "exponential",
  mean: meanHours * MS_PER_HOUR,
});
const weibullHours = (shape: number, scaleHours: number): DistributionSpec => ({
  kind: "weibull",
  shape,
  scale: scaleHours * MS_PER_HOUR,
});

function biased(scenario: Scenario, outcome: Outcome) {
  const outcomes = [];
  for (let i = 0; i < RUNS; i++) {
    const r = runScenario(scenario, { seed: `${scenario.seed}/${i}`, bias: DEFAULT_BIAS });
    const broke = outcome(r);
    outcomes.push({ logWeight: r.logLikelihoodRatio!, broke, loss: broke ? 1 : 0 });
  }
  return importanceEstimate(outcomes);
}

function plain(scenario: Scenario, outcome: Outcome): { p: number; se: number; hits: number } {
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = runScenario(scenario, { seed: `${scenario.seed}/plain/${i}` });
    expect(r.logLikelihoodRatio).toBeUndefined();
    if (outcome(r)) hits++;
  }
  const p = hits / RUNS;
  return { p, se: Math.sqrt((p * (1 - p)) / RUNS), hits };
}

function expectNear(i: Interval, exact: number): void {
  expect(Math.abs(i.estimate - exact) / i.standardError).toBeLessThanOrEqual(4);
}

/** Biased and plain estimates within 4 combined standard errors of each other (and of `exact`). */
function expectAgree(scenario: Scenario, outcome: Outcome, exact?: number): void {
  const b = biased(scenario, outcome).probability;
  const p = plain(scenario, outcome);
  expect(p.hits).toBeGreaterThan(10);
  expect(Math.abs(b.estimate - p.p)).toBeLessThanOrEqual(4 * Math.hypot(b.standardError, p.se));
  if (exact !== undefined) {
    expectNear(b, exact);
    expect(Math.abs(p.p - exact) / p.se).toBeLessThanOrEqual(4);
  }
}

describe("rare events on the node, RAID and bug clocks, against their exact values", () => {
  it("the exact values are the printed ones", () => {
    expect(lossProbabilityWithin(2, 2e-6, MU, "independent", HOURS)).toBeCloseTo(7.919529e-8, 13);
    expect(raidLossProbabilityWithin(8, 1, 1e-6, MU, HOURS)).toBeCloseTo(5.543175e-7, 12);
    expect(raidLossProbabilityWithin(8, 1, 1 / 6000, MU, HOURS)).toBeCloseTo(0.01491789, 7);
  });

  it.each([
    { name: "nodeloss-2way.yaml", outcome: dataLoss, exact: 7.919529e-8 },
    { name: "crash-2way.yaml", outcome: mailboxDown, exact: 7.919529e-8 },
    { name: "raid5-rare.yaml", outcome: dataLoss, exact: 5.543175e-7 },
  ])("$name: within 4 SE of the exact value, plain Monte Carlo sees nothing", ({ name, outcome, exact }) => {
    const scenario = fixture(name);
    const e = biased(scenario, outcome);
    expectNear(e.probability, exact);
    expect(e.probability.relativeError).toBeLessThan(0.25);
    expect(e.warnings).toEqual([]);
    expect(e.varianceReduction).toBeGreaterThan(1e4);
    expect(plain(scenario, outcome).hits).toBe(0);
  });

  it("a hazard-triggered bug (exponential, first trip forced): 1 − e^{−2T/M} = 2.0e-5", () => {
    const scenario = fixture("bug-hazard.yaml");
    const e = biased(scenario, dataLoss);
    expectNear(e.probability, -Math.expm1(-2 * (HOURS / 1e8)));
    expect(e.probability.relativeError).toBeLessThan(0.1);
    expect(plain(scenario, dataLoss).hits).toBe(0);
  });

  it("latent errors on Weibull clocks (shape 0.7): 1 − e^{−2(T/η)^0.7} = 3.90e-4", () => {
    const e = biased(fixture("latent-weibull.yaml"), latentError);
    expectNear(e.probability, -Math.expm1(-2 * (HOURS / 2e8) ** 0.7));
    expect(e.probability.relativeError).toBeLessThan(0.1);
  });
});

describe("where plain Monte Carlo sees the event too (P ≈ 1e-2), biased and plain agree", () => {
  it("node loss, exponential (exact 1.905e-2)", () => {
    const scenario = withBackend(fixture("nodeloss-2way.yaml"), (b) => {
      (b.nodeLoss as { ttf: DistributionSpec }).ttf = exponentialHours(1000);
    });
    expectAgree(scenario, dataLoss, lossProbabilityWithin(2, 1e-3, MU, "independent", HOURS));
  });

  it("node crash, exponential (exact 1.905e-2) and Weibull shape 0.7", () => {
    const crash = (ttf: DistributionSpec) =>
      withBackend(fixture("crash-2way.yaml"), (b) => {
        (b.nodeCrash as { ttf: DistributionSpec }).ttf = ttf;
      });
    expectAgree(
      crash(exponentialHours(1000)),
      mailboxDown,
      lossProbabilityWithin(2, 1e-3, MU, "independent", HOURS),
    );
    expectAgree(crash(weibullHours(0.7, 1500)), mailboxDown);
  });

  it("RAID-5 disks, exponential (exact 1.492e-2) and Weibull shape 0.7", () => {
    const raid = (diskTtf: DistributionSpec) =>
      withBackend(fixture("raid5-rare.yaml"), (b) => {
        (b.raid as { diskTtf: DistributionSpec }).diskTtf = diskTtf;
      });
    expectAgree(raid(exponentialHours(6000)), dataLoss, raidLossProbabilityWithin(8, 1, 1 / 6000, MU, HOURS));
    expectAgree(raid(weibullHours(0.7, 12000)), dataLoss);
  });

  it("latent errors (Weibull) and a bug hazard, first events: 1 − e^{−H(T)}", () => {
    const latent = withBackend(fixture("latent-weibull.yaml"), (b) => {
      (b.latentErrors as { ttf: DistributionSpec }).ttf = weibullHours(0.7, 800_000);
    });
    expectAgree(latent, latentError, -Math.expm1(-2 * (HOURS / 800_000) ** 0.7));
    const bug = withBackend(fixture("bug-hazard.yaml"), (b) => {
      (b.bugs as { trigger: { meanMs: number } }[])[0]!.trigger.meanMs = 200_000 * MS_PER_HOUR;
    });
    expectAgree(bug, dataLoss, -Math.expm1(-2 * (HOURS / 200_000)));
  });
});
