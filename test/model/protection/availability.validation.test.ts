/**
 * Steady-state availability against the closed forms of docs/validation.md#steady-state-availability, through the whole
 * model (scenario file → world → node crash processes → protection groups → run recorder):
 *
 * - one repairable unit (#one-repairable-component): one repairable unit, A = μ/(λ+μ) whatever the repair distribution,
 *   with exponential, deterministic and lognormal (CV 1.5) repairs of mean 10 h.
 * - k-out-of-n (#k-out-of-n-availability): 2-of-3 unavailability with one shared crew and with independent
 *   repair, one run of 1e8 h each.
 * - failover (#a-pair-with-failover): a 1-of-2 pair whose failover takes 3 minutes.
 *
 * Each reference is computed here from its formula and from the Markov chain (markov.ts),
 * checked against the number printed in docs/validation.md, and the simulation is accepted at
 * 4 standard errors (the doc's bands). Seeds are fixed (fixture seed, replication i →
 * "<seed>/i"), so every check is deterministic.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/experiment/runScenario.js";
import { machineRepairGenerator, stationary, timeAverageVariance } from "../../helpers/markov.js";
import {
  forEachReplication,
  loadValidationFixture,
  MS_PER_HOUR,
  relativeError,
  replicate,
  summarise,
} from "../../helpers/replications.js";

/** λ = 0.001/h, μ = 0.1/h throughout this file. */
const LAMBDA = 0.001;
const MU = 0.1;
const MTTF = 1 / LAMBDA;
const MTTR = 1 / MU;

describe("one repairable unit, A = MTTF/(MTTF + MTTR) for any repair distribution", () => {
  const RUNS = 20;
  const T_HOURS = 1e6;
  const A = MTTF / (MTTF + MTTR);

  it("the reference is 0.990099", () => {
    expect(relativeError(A, 0.9900990099)).toBeLessThan(1e-10);
  });

  // Repair (down-time) variance v_d and median for each distribution of mean 10 h.
  const LOGNORMAL_CV = 1.5;
  const cases = [
    {
      repair: "exponential",
      fixture: "availability-single-unit-exponential.yaml",
      downVariance: MTTR ** 2,
      median: MTTR * Math.LN2,
      docSigma2: 0.194118,
      docBand: 3.94e-4,
    },
    {
      repair: "deterministic",
      fixture: "availability-single-unit-deterministic.yaml",
      downVariance: 0,
      median: MTTR,
      docSigma2: 0.097059,
      docBand: 2.79e-4,
    },
    {
      repair: "lognormal, CV 1.5",
      fixture: "availability-single-unit-lognormal.yaml",
      downVariance: (LOGNORMAL_CV * MTTR) ** 2,
      median: MTTR / Math.sqrt(1 + LOGNORMAL_CV ** 2),
      docSigma2: 0.315442,
      docBand: 5.02e-4,
    },
  ];

  it.each(cases)("$repair repair: A of 20 runs × 1e6 h within 4 SE (Takács)", (c) => {
    // Takács' CLT for an alternating renewal process: Var(Â_T) ≈ σ²/T with
    // σ² = (m_d²·v_u + m_u²·v_d)/(m_u + m_d)³; exponential up times, v_u = MTTF².
    const sigma2 = (MTTR ** 2 * MTTF ** 2 + MTTF ** 2 * c.downVariance) / (MTTF + MTTR) ** 3;
    expect(relativeError(sigma2, c.docSigma2)).toBeLessThan(5e-6);
    const band = (4 * Math.sqrt(sigma2 / T_HOURS)) / Math.sqrt(RUNS);
    expect(Math.abs(band - c.docBand)).toBeLessThan(0.005e-4);

    const scenario = loadValidationFixture(c.fixture);
    expect(scenario.horizon).toBe(T_HOURS * MS_PER_HOUR);
    const availability: number[] = [];
    const medianRepairHours: number[] = [];
    forEachReplication(scenario, RUNS, (m) => {
      availability.push(m.availability.fleetAvailability);
      medianRepairHours.push(m.timeToRestore.p50Ms / MS_PER_HOUR);
    });
    const a = summarise(availability);
    expect(Math.abs(a.mean - A)).toBeLessThanOrEqual(c.docBand);

    // A would pass with the mean repair alone; the median shows which distribution was drawn
    // (exponential 6.93 h, deterministic 10 h, lognormal 5.55 h): one outage is one repair.
    const med = summarise(medianRepairHours);
    if (c.downVariance === 0) {
      for (const x of medianRepairHours) expect(x).toBe(MTTR);
    } else {
      expect(Math.abs(med.mean - c.median) / med.se).toBeLessThanOrEqual(4);
    }
  });
});

describe("2-of-3 unavailability, shared crew vs independent repair", () => {
  const T_HOURS = 1e8;
  const rho = LAMBDA / MU;
  const u = LAMBDA / (LAMBDA + MU);
  /** "Fewer than 2 of 3 up" = 2 or 3 units failed. */
  const DOWN = [0, 0, 1, 1];

  const cases = [
    {
      repair: "one shared crew",
      fixture: "availability-2of3-shared-crew.yaml",
      crews: 1,
      closedForm: (6 * rho ** 2 + 6 * rho ** 3) / (1 + 3 * rho + 6 * rho ** 2 + 6 * rho ** 3),
      docU: 5.880036e-4,
      docSigma2: 1.22e-2,
      docBand: 4.42e-5,
    },
    {
      repair: "independent repair",
      fixture: "availability-2of3-independent-repair.yaml",
      crews: 3,
      closedForm: 3 * u ** 2 * (1 - u) + u ** 3,
      docU: 2.921476e-4,
      docSigma2: 2.991e-3,
      docBand: 2.19e-5,
    },
  ] as const;

  /** The simulated U of each case (one run, computed once, shared with the discrimination check). */
  const measured = new Map<string, number>();
  function simulatedU(c: (typeof cases)[number]): number {
    let u = measured.get(c.repair);
    if (u === undefined) {
      const scenario = loadValidationFixture(c.fixture);
      expect(scenario.horizon).toBe(T_HOURS * MS_PER_HOUR);
      u = 1 - runScenario(scenario).measurements.availability.fleetAvailability;
      measured.set(c.repair, u);
    }
    return u;
  }

  it.each(cases)("$repair: U of one 1e8 h run within 4 SD", (c) => {
    const chain = machineRepairGenerator(3, LAMBDA, MU, c.crews);
    const { mean: chainU, sigma2 } = timeAverageVariance(chain, DOWN);
    expect(relativeError(chainU, c.closedForm)).toBeLessThan(1e-10);
    expect(relativeError(c.closedForm, c.docU)).toBeLessThan(5e-7);
    expect(relativeError(sigma2, c.docSigma2)).toBeLessThan(5e-3);
    const sd = Math.sqrt(sigma2 / T_HOURS);
    expect(Math.abs(4 * sd - c.docBand)).toBeLessThan(0.005e-5);

    expect(Math.abs(simulatedU(c) - c.closedForm) / sd).toBeLessThanOrEqual(4);
  });

  it("the test tells the two repair rules apart: each estimate is outside the other's band", () => {
    const [shared, independent] = cases;
    const bandOf = (c: (typeof cases)[number]) =>
      4 *
      Math.sqrt(timeAverageVariance(machineRepairGenerator(3, LAMBDA, MU, c.crews), DOWN).sigma2 / T_HOURS);
    expect(Math.abs(simulatedU(shared) - independent.closedForm)).toBeGreaterThan(bandOf(independent));
    expect(Math.abs(simulatedU(independent) - shared.closedForm)).toBeGreaterThan(bandOf(shared));
    // The stationary distribution of the k-out-of-n chain for the shared crew.
    const p = stationary(machineRepairGenerator(3, LAMBDA, MU, 1));
    [0.97030291, 0.029109087, 5.8218175e-4, 5.8218175e-6].forEach((ref, i) => {
      expect(relativeError(p[i]!, ref)).toBeLessThan(1e-7);
    });
  });
});

describe("1-of-2 pair with a 3-minute failover, independent repair", () => {
  const RUNS = 20;
  const TAU_HOURS = 0.05;
  const u = LAMBDA / (LAMBDA + MU);
  const a = 1 - u;
  const s = LAMBDA + MU;
  /** First order: U ≈ U_parallel + A·λ·τ_f with U_parallel = u² and A = a. */
  const firstOrder = u ** 2 + a * LAMBDA * TAU_HOURS;
  /**
   * The model's own rule (ProtectionGroups, primary mode). The nodes are independent
   * alternating renewal processes, so P(both down) = u² exactly. Besides that the group is
   * down in state S = "primary's node down, other up, failover timer running". S is entered
   * (a) when the primary fails while both are up, at rate λ·a², and (b) when, both being
   * down, the non-primary node returns first: the model then starts a new detection timer
   * (it does not take over at once as in the doc's re-simulation), at rate μ·u² = λ·a·u.
   * Together λ·a. S ends at the first of: the primary returns (μ), the other fails (λ), the
   * deterministic timer expires (τ), so E[stay] = E[min(τ, Exp(s))] = (1 − e^{−sτ})/s, and
   *   U = u² + λ·a·(1 − e^{−sτ})/s = 1.474098e-4.
   * Neglected: a (b)-entry that resumes a timer started before both went down (the other
   * fails and returns within one τ), a relative effect below 1e-6 on U.
   */
  const modelExact = u ** 2 + (LAMBDA * a * (1 - Math.exp(-s * TAU_HOURS))) / s;

  it("references: first-order 1.4754e-4 (doc), the model's exact rule 1.474098e-4", () => {
    expect(relativeError(u ** 2, 9.80296e-5)).toBeLessThan(1e-6);
    expect(relativeError(firstOrder, 1.4754e-4)).toBeLessThan(5e-5);
    expect(relativeError(modelExact, 1.474098e-4)).toBeLessThan(1e-6);
    expect(relativeError(modelExact, firstOrder)).toBeLessThan(1e-3);
  });

  it("U of 20 runs × 2e7 h within 4 SE of the model's rule and within 5% of the first-order formula", () => {
    const scenario = loadValidationFixture("availability-1of2-failover-3m.yaml");
    expect(scenario.protection?.failover.detection).toBe(TAU_HOURS * MS_PER_HOUR);
    const unavailability = summarise(replicate(scenario, RUNS, (m) => 1 - m.availability.fleetAvailability));
    expect(Math.abs(unavailability.mean - modelExact) / unavailability.se).toBeLessThanOrEqual(4);
    expect(relativeError(unavailability.mean, firstOrder)).toBeLessThanOrEqual(0.05);
    // The failover term is visible: without it U would be u² = 9.80e-5, 30 SE away.
    expect((unavailability.mean - u ** 2) / unavailability.se).toBeGreaterThan(20);
  });
});
