/**
 * Mean time to data loss against the exact Markov results of docs/validation.md#mean-time-to-data-loss,
 * at the CI-friendly rates λ = 0.01/h (shard loss) and μ = 0.1/h (exponential rebuild):
 * 2-way replication, 3-way with one rebuild at a time (shared) and 3-way with parallel
 * rebuilds (independent). Each run stops at the first total loss and reports its time
 * (`integrity.firstDataLossMs`); 1000 runs per case with seeds "<fixture seed>/i".
 *
 * Each reference is computed twice, from the closed form (docs/validation.md#replicated-shards) and from the absorbing
 * chain t = (−Q_T)⁻¹·1 (#the-absorbing-markov-chain), and checked against the printed value. Acceptance: the χ²
 * band of docs/validation.md#accepting-an-mttdl-estimate (x̄/MTTDL in [0.8817, 1.1278] for R = 1000, derived here) and |z| ≤ 4 with
 * the sample SD. The shared and independent 3-way cases differ by 1.86×, so each estimate
 * must also fall outside the other's band: the test sees the repair rule.
 */
import { describe, expect, it } from "vitest";
import { meanAbsorptionTimes, replicationLossGenerator } from "../../helpers/markov.js";
import {
  loadValidationFixture,
  MS_PER_HOUR,
  relativeError,
  replicate,
  summarise,
} from "../../helpers/replications.js";

const LAMBDA = 0.01;
const MU = 0.1;
const RUNS = 1000;

/** Φ⁻¹(1 − 0.5e-4): the two-sided 99.99% normal quantile. */
const Z_9999 = 3.890591886413;

/**
 * The 99.99% band of x̄/θ when 2R·x̄/θ ~ χ²(2R) (exponential times), by the
 * Wilson–Hilferty cube-root approximation χ²_p(k) ≈ k(1 − 2/(9k) + z_p·√(2/(9k)))³, which is
 * accurate to ~1e-6 relative at k = 2000.
 */
function chiSquareBand(runs: number): [number, number] {
  const k = 2 * runs;
  const c = 2 / (9 * k);
  const at = (z: number) => (1 - c + z * Math.sqrt(c)) ** 3;
  return [at(-Z_9999), at(Z_9999)];
}

const L = LAMBDA;
const cases = [
  {
    name: "2-way replication",
    fixture: "mttdl-2way.yaml",
    copies: 2,
    concurrency: "independent",
    closedForm: (3 * L + MU) / (2 * L ** 2),
    doc: 650,
  },
  {
    name: "3-way replication, shared repair",
    fixture: "mttdl-3way-shared.yaml",
    copies: 3,
    concurrency: "shared",
    closedForm: (11 * L ** 2 + 4 * L * MU + MU ** 2) / (6 * L ** 3),
    doc: 2516.667,
  },
  {
    name: "3-way replication, independent repair",
    fixture: "mttdl-3way-independent.yaml",
    copies: 3,
    concurrency: "independent",
    closedForm: (11 * L ** 2 + 7 * L * MU + 2 * MU ** 2) / (6 * L ** 3),
    doc: 4683.333,
  },
] as const;
type Case = (typeof cases)[number];

/** Simulated times to data loss (hours) per case, computed once and shared between tests. */
const simulated = new Map<string, Float64Array>();
function timesToLossHours(c: Case): Float64Array {
  let times = simulated.get(c.name);
  if (times === undefined) {
    const scenario = loadValidationFixture(c.fixture);
    times = replicate(scenario, RUNS, (m) => (m.integrity.firstDataLossMs ?? Number.NaN) / MS_PER_HOUR);
    simulated.set(c.name, times);
  }
  return times;
}

describe("MTTDL at λ = 0.01/h, μ = 0.1/h", () => {
  const [low, high] = chiSquareBand(RUNS);

  it("the χ² band for R = 1000 is [0.8817, 1.1278]", () => {
    expect(Math.abs(low - 0.8817)).toBeLessThan(1e-4);
    expect(Math.abs(high - 1.1278)).toBeLessThan(1e-4);
  });

  it.each(cases)("$name: closed form = absorbing chain = the printed value", (c) => {
    const chain = meanAbsorptionTimes(replicationLossGenerator(c.copies, LAMBDA, MU, c.concurrency))[0]!;
    expect(relativeError(chain, c.closedForm)).toBeLessThan(1e-9);
    expect(relativeError(c.closedForm, c.doc)).toBeLessThan(2e-7);
  });

  it.each(cases)("$name: x̄ of 1000 runs within the χ² band and |z| ≤ 4", (c) => {
    const times = timesToLossHours(c);
    // Every run ended in data loss before the horizon (−1 would mean "never").
    for (const t of times) expect(t).toBeGreaterThan(0);
    const x = summarise(times);
    expect(x.mean / c.closedForm).toBeGreaterThanOrEqual(low);
    expect(x.mean / c.closedForm).toBeLessThanOrEqual(high);
    expect(Math.abs(x.mean - c.closedForm) / x.se).toBeLessThanOrEqual(4);
    // The time to loss is close to exponential (CV 0.99 for these chains), which the χ²
    // band assumes; the sample CV of 1000 near-exponential times has an SE of about 0.045.
    expect(x.sd / x.mean).toBeGreaterThan(0.8);
    expect(x.sd / x.mean).toBeLessThan(1.2);
  });

  it("3-way shared and independent repair are told apart: each estimate lies outside the other's band", () => {
    const shared = cases[1];
    const independent = cases[2];
    expect(independent.closedForm / shared.closedForm).toBeCloseTo(1.861, 3);
    const sharedMean = summarise(timesToLossHours(shared)).mean;
    const independentMean = summarise(timesToLossHours(independent)).mean;
    const outside = (ratio: number) => ratio < low || ratio > high;
    expect(outside(sharedMean / independent.closedForm)).toBe(true);
    expect(outside(independentMean / shared.closedForm)).toBe(true);
  });
});
