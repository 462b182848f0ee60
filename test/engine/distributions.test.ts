/**
 * Distributions against closed forms, by the rule of docs/validation.md#the-acceptance-rule: with a fixed seed,
 * the sample mean and the sample variance must each lie within 4 standard errors of theory.
 *
 * - SE of the mean = σ/√n.
 * - SE of the variance = √((μ4 − σ⁴)/n), with μ4 the 4th central moment of the distribution
 *   (the large-n variance of s²; the exact one differs by O(σ⁴/n²)).
 *
 * Each check below lists (mean, variance, μ4) in closed form. A last block shows that the
 * rule has teeth: the same samples are rejected against a reference moved by 10 SE.
 */
import { describe, expect, it } from "vitest";
import {
  binomial,
  type DistributionSpec,
  exponential,
  gamma,
  lognormal,
  lognormalFromMeanCv,
  logPoissonPmf,
  meanOf,
  poisson,
  sampleSpec,
  standardNormal,
  uniform,
  varianceOf,
  weibull,
  weibullFromMean,
} from "../../src/engine/distributions.js";
import { RandomStreams, type Rng } from "../../src/engine/RandomStreams.js";
import { logGamma } from "../../src/engine/specialFunctions.js";
import { mean, sampleSd } from "../../src/metrics/statistics.js";

const N = 100_000;
const SEED = 20_230_117;

interface Theory {
  mean: number;
  variance: number;
  mu4: number; // 4th central moment
}

interface Sample {
  n: number;
  mean: number;
  variance: number;
}

function rngFor(name: string): Rng {
  return new RandomStreams(SEED).get(name);
}

/** Sample moments by src/metrics (two-pass, so values near 1e9 do not lose digits in their squares). */
function sample(draw: () => number, n = N): Sample {
  const values = Array.from({ length: n }, draw);
  return { n, mean: mean(values), variance: sampleSd(values) ** 2 };
}

function zOfMean(s: Sample, t: Theory): number {
  return (s.mean - t.mean) / Math.sqrt(t.variance / s.n);
}

function zOfVariance(s: Sample, t: Theory): number {
  return (s.variance - t.variance) / Math.sqrt((t.mu4 - t.variance ** 2) / s.n);
}

function passes4Se(s: Sample, t: Theory): boolean {
  return Math.abs(zOfMean(s, t)) <= 4 && Math.abs(zOfVariance(s, t)) <= 4;
}

function expectWithin4Se(label: string, s: Sample, t: Theory): void {
  expect(Math.abs(zOfMean(s, t)), `${label}: z of the mean`).toBeLessThanOrEqual(4);
  expect(Math.abs(zOfVariance(s, t)), `${label}: z of the variance`).toBeLessThanOrEqual(4);
}

/** Central moments from raw moments E[X], E[X²], E[X³], E[X⁴]. */
function fromRawMoments(m1: number, m2: number, m3: number, m4: number): Theory {
  return {
    mean: m1,
    variance: m2 - m1 * m1,
    mu4: m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4,
  };
}

const gammaFn = (x: number) => Math.exp(logGamma(x));

const theory = {
  normal: (): Theory => ({ mean: 0, variance: 1, mu4: 3 }),
  exponential: (mean: number): Theory => ({ mean, variance: mean ** 2, mu4: 9 * mean ** 4 }),
  gamma: (k: number, theta: number): Theory => ({
    mean: k * theta,
    variance: k * theta ** 2,
    mu4: 3 * k * (k + 2) * theta ** 4,
  }),
  uniform: (a: number, b: number): Theory => ({
    mean: (a + b) / 2,
    variance: (b - a) ** 2 / 12,
    mu4: (b - a) ** 4 / 80,
  }),
  weibull: (k: number, scale: number): Theory => {
    const raw = (r: number) => scale ** r * gammaFn(1 + r / k);
    return fromRawMoments(raw(1), raw(2), raw(3), raw(4));
  },
  lognormal: (mu: number, sigma: number): Theory => {
    const raw = (r: number) => Math.exp(r * mu + (r * r * sigma * sigma) / 2);
    return fromRawMoments(raw(1), raw(2), raw(3), raw(4));
  },
  poisson: (lambda: number): Theory => ({ mean: lambda, variance: lambda, mu4: lambda * (1 + 3 * lambda) }),
  binomial: (n: number, p: number): Theory => {
    const npq = n * p * (1 - p);
    return { mean: n * p, variance: npq, mu4: npq * (1 + 3 * p * (1 - p) * (n - 2)) };
  },
};

describe("continuous distributions: mean and variance within 4 SE", () => {
  it("standard normal", () => {
    const rng = rngFor("normal");
    expectWithin4Se(
      "N(0,1)",
      sample(() => standardNormal(rng)),
      theory.normal(),
    );
  });

  it("exponential", () => {
    const rng = rngFor("exponential");
    expectWithin4Se(
      "Exp(mean 3)",
      sample(() => exponential(rng, 3)),
      theory.exponential(3),
    );
  });

  it("weibull, increasing and decreasing hazard", () => {
    const rng = rngFor("weibull");
    expectWithin4Se(
      "Weibull(1.5, 2)",
      sample(() => weibull(rng, 1.5, 2)),
      theory.weibull(1.5, 2),
    );
    expectWithin4Se(
      "Weibull(0.8, 100)",
      sample(() => weibull(rng, 0.8, 100)),
      theory.weibull(0.8, 100),
    );
  });

  it("lognormal by mu and sigma", () => {
    const rng = rngFor("lognormal");
    expectWithin4Se(
      "LN(0.2, 0.5)",
      sample(() => lognormal(rng, 0.2, 0.5)),
      theory.lognormal(0.2, 0.5),
    );
  });

  it("gamma, including the shape < 1 boost", () => {
    const rng = rngFor("gamma");
    expectWithin4Se(
      "Gamma(2.5, 3)",
      sample(() => gamma(rng, 2.5, 3)),
      theory.gamma(2.5, 3),
    );
    expectWithin4Se(
      "Gamma(0.4, 2)",
      sample(() => gamma(rng, 0.4, 2)),
      theory.gamma(0.4, 2),
    );
    expectWithin4Se(
      "Gamma(1, 1)",
      sample(() => gamma(rng, 1, 1)),
      theory.gamma(1, 1),
    );
  });

  it("uniform", () => {
    const rng = rngFor("uniform");
    expectWithin4Se(
      "U(-2, 5)",
      sample(() => uniform(rng, -2, 5)),
      theory.uniform(-2, 5),
    );
  });
});

describe("Poisson: exact at every mean", () => {
  it.each([0.1, 9.99, 10, 1e3, 1e6, 1e9])("mean %d", (lambda) => {
    const rng = rngFor(`poisson/${lambda}`);
    let nonIntegers = 0;
    const s = sample(() => {
      const k = poisson(rng, lambda);
      if (!Number.isInteger(k) || k < 0) nonIntegers++;
      return k;
    });
    expect(nonIntegers).toBe(0);
    expectWithin4Se(`Poisson(${lambda})`, s, theory.poisson(lambda));
  });

  it("mean 0 gives 0 and ends", () => {
    const rng = rngFor("poisson/0");
    for (let i = 0; i < 100; i++) expect(poisson(rng, 0)).toBe(0);
  });

  it.each([4.5, 10, 40])("frequencies match the pmf at mean %d", (lambda) => {
    const rng = rngFor(`poisson/pmf/${lambda}`);
    const n = 100_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = poisson(rng, lambda);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expectFrequencies(counts, n, (k) => Math.exp(k * Math.log(lambda) - lambda - logGamma(k + 1)));
  });

  it("its log-pmf is exact where the textbook formula cancels", () => {
    for (let k = 0; k <= 200; k++) {
      const direct = k * Math.log(50) - 50 - logGamma(k + 1);
      expect(Math.abs(logPoissonPmf(k, 50) - direct)).toBeLessThan(1e-10);
    }
    // Summed over ±8 sd the pmf must give 1 to 1e-11; the textbook formula is off by 5e-11
    // at mean 1e6 and 2e-7 at mean 1e9, where 2e10-sized terms cancel.
    for (const lambda of [1e6, 1e9]) {
      const sd = Math.sqrt(lambda);
      let total = 0;
      for (let k = Math.floor(lambda - 8 * sd); k <= lambda + 8 * sd; k++)
        total += Math.exp(logPoissonPmf(k, lambda));
      expect(Math.abs(total - 1)).toBeLessThan(1e-11);
    }
  });
});

/** Each bin with at least 50 expected draws lies within 4 SE of n·pmf; the rest are rare. */
function expectFrequencies(counts: Map<number, number>, n: number, pmf: (k: number) => number): void {
  let checked = 0;
  let rareObserved = 0;
  let rareExpected = 0;
  const maxK = Math.max(...counts.keys());
  for (let k = 0; k <= maxK + 5; k++) {
    const p = pmf(k);
    const observed = counts.get(k) ?? 0;
    if (n * p < 50) {
      rareObserved += observed;
      rareExpected += n * p;
      continue;
    }
    checked++;
    expect(Math.abs(observed - n * p), `k = ${k}`).toBeLessThanOrEqual(4 * Math.sqrt(n * p * (1 - p)));
  }
  expect(checked).toBeGreaterThan(5);
  expect(Math.abs(rareObserved - rareExpected)).toBeLessThanOrEqual(4 * Math.sqrt(rareExpected) + 1);
}

describe("binomial: exact at small and large n", () => {
  it.each([
    [20, 0.3], // inversion
    [20, 0.8], // inversion by symmetry
    [1000, 0.5], // BTRD
    [1e7, 0.3], // BTRD, large n
    [1e9, 1e-6], // BTRD, huge n, small p
    [1e9, 0.999_999], // the same by symmetry
    [1e9, 1e-9], // inversion at huge n
  ])("n = %d, p = %d", (n, p) => {
    const rng = rngFor(`binomial/${n}/${p}`);
    let outOfRange = 0;
    const s = sample(() => {
      const k = binomial(rng, n, p);
      if (!Number.isInteger(k) || k < 0 || k > n) outOfRange++;
      return k;
    });
    expect(outOfRange).toBe(0);
    expectWithin4Se(`Binomial(${n}, ${p})`, s, theory.binomial(n, p));
  });

  it("handles the edges without drawing nonsense", () => {
    const rng = rngFor("binomial/edges");
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 50, 0)).toBe(0);
    expect(binomial(rng, 50, 1)).toBe(50);
  });

  it.each([
    [30, 0.4], // BTRD near its mode (the recursive acceptance step)
    [100, 0.3], // BTRD with the squeeze and the final Stirling test
  ])("frequencies match the pmf at n = %d, p = %d", (trials, p) => {
    const rng = rngFor(`binomial/pmf/${trials}/${p}`);
    const n = 100_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = binomial(rng, trials, p);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const logChoose = (k: number) => logGamma(trials + 1) - logGamma(k + 1) - logGamma(trials - k + 1);
    expectFrequencies(counts, n, (k) =>
      k > trials ? 0 : Math.exp(logChoose(k) + k * Math.log(p) + (trials - k) * Math.log1p(-p)),
    );
  });
});

describe("distribution specs and their parameterisations", () => {
  function specTheory(spec: DistributionSpec, mu4: number): Theory {
    return { mean: meanOf(spec), variance: varianceOf(spec), mu4 };
  }

  it("lognormal by median and sigma: closed-form mean, and half the mass below the median", () => {
    const spec: DistributionSpec = { kind: "lognormal", median: 300, sigma: 0.6 };
    expect(meanOf(spec)).toBeCloseTo(300 * Math.exp(0.18), 9);
    const rng = rngFor("spec/lognormal");
    let below = 0;
    const s = sample(() => {
      const x = sampleSpec(spec, rng);
      if (x < 300) below++;
      return x;
    });
    expectWithin4Se(
      "LN(median 300, sigma 0.6)",
      s,
      specTheory(spec, theory.lognormal(Math.log(300), 0.6).mu4),
    );
    expect(Math.abs(below / N - 0.5)).toBeLessThanOrEqual(4 * Math.sqrt(0.25 / N));
  });

  it("lognormal from mean and CV keeps that mean and CV", () => {
    const spec = lognormalFromMeanCv(50, 0.8);
    expect(meanOf(spec)).toBeCloseTo(50, 10);
    expect(Math.sqrt(varianceOf(spec)) / 50).toBeCloseTo(0.8, 10);
    const rng = rngFor("spec/lognormal-cv");
    const s = sample(() => sampleSpec(spec, rng));
    expectWithin4Se(
      "LN(mean 50, cv 0.8)",
      s,
      specTheory(spec, theory.lognormal(Math.log(spec.median), spec.sigma).mu4),
    );
  });

  it("weibull from shape and mean keeps that mean", () => {
    for (const shape of [0.7, 1, 3.5]) {
      const spec = weibullFromMean(shape, 100);
      expect(meanOf(spec)).toBeCloseTo(100, 9);
      const rng = rngFor(`spec/weibull/${shape}`);
      const s = sample(() => sampleSpec(spec, rng));
      expectWithin4Se(
        `Weibull(shape ${shape}, mean 100)`,
        s,
        specTheory(spec, theory.weibull(shape, spec.scale).mu4),
      );
    }
    expect(weibullFromMean(1, 7).scale).toBeCloseTo(7, 12); // shape 1 is the exponential
  });

  it("the other specs sample their own distribution", () => {
    const rng = rngFor("spec/others");
    const cases: [DistributionSpec, Theory][] = [
      [{ kind: "exponential", mean: 12 }, theory.exponential(12)],
      [{ kind: "gamma", shape: 3, scale: 0.5 }, theory.gamma(3, 0.5)],
      [{ kind: "uniform", min: 10, max: 20 }, theory.uniform(10, 20)],
    ];
    for (const [spec, t] of cases) {
      expect(meanOf(spec)).toBeCloseTo(t.mean, 12);
      expect(varianceOf(spec)).toBeCloseTo(t.variance, 12);
      expectWithin4Se(
        spec.kind,
        sample(() => sampleSpec(spec, rng)),
        t,
      );
    }
  });

  it("deterministic returns its value and draws nothing", () => {
    let draws = 0;
    const counting: Rng = {
      next: () => {
        draws++;
        return 0.5;
      },
    };
    const spec: DistributionSpec = { kind: "deterministic", value: 42 };
    expect(sampleSpec(spec, counting)).toBe(42);
    expect(draws).toBe(0);
    expect(meanOf(spec)).toBe(42);
    expect(varianceOf(spec)).toBe(0);
  });

  it("empirical table: frequencies within 4 SE, zero weights never drawn", () => {
    const spec: DistributionSpec = { kind: "empirical", values: [1, 5, 10, 20], weights: [1, 2, 7, 0] };
    expect(meanOf(spec)).toBeCloseTo(0.1 * 1 + 0.2 * 5 + 0.7 * 10, 12);
    const rng = rngFor("spec/empirical");
    const counts = new Map<number, number>();
    const s = sample(() => {
      const x = sampleSpec(spec, rng);
      counts.set(x, (counts.get(x) ?? 0) + 1);
      return x;
    });
    const probabilities = new Map([
      [1, 0.1],
      [5, 0.2],
      [10, 0.7],
    ]);
    for (const [value, p] of probabilities) {
      expect(Math.abs((counts.get(value) ?? 0) - N * p), `value ${value}`).toBeLessThanOrEqual(
        4 * Math.sqrt(N * p * (1 - p)),
      );
    }
    expect(counts.has(20)).toBe(false);
    const mean = meanOf(spec);
    const mu4 = [...probabilities].reduce((sum, [v, p]) => sum + p * (v - mean) ** 4, 0);
    expectWithin4Se("empirical", s, specTheory(spec, mu4));
  });
});

describe("bad parameters fail loudly", () => {
  const rng = rngFor("errors");
  it.each<[string, () => unknown]>([
    ["exponential mean < 0", () => exponential(rng, -1)],
    ["weibull shape 0", () => weibull(rng, 0, 1)],
    ["lognormal sigma < 0", () => lognormal(rng, 0, -1)],
    ["gamma shape 0", () => gamma(rng, 0, 1)],
    ["uniform min > max", () => uniform(rng, 2, 1)],
    ["poisson NaN", () => poisson(rng, Number.NaN)],
    ["poisson Infinity", () => poisson(rng, Number.POSITIVE_INFINITY)],
    ["binomial fractional n", () => binomial(rng, 1.5, 0.5)],
    ["binomial p > 1", () => binomial(rng, 10, 1.2)],
    ["lognormal median 0", () => sampleSpec({ kind: "lognormal", median: 0, sigma: 1 }, rng)],
    ["empirical lengths", () => sampleSpec({ kind: "empirical", values: [1, 2], weights: [1] }, rng)],
    ["empirical zero weights", () => sampleSpec({ kind: "empirical", values: [1], weights: [0] }, rng)],
    ["lognormal cv < 0", () => lognormalFromMeanCv(1, -0.5)],
    ["weibull shape < 0", () => weibullFromMean(-1, 1)],
  ])("%s", (_label, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe("the 4-SE rule has teeth", () => {
  it("rejects the same sample against a mean or a variance moved by 10 SE", () => {
    const rng = rngFor("teeth");
    const truth = theory.poisson(1000);
    const s = sample(() => poisson(rng, 1000));
    expect(passes4Se(s, truth)).toBe(true);
    const seMean = Math.sqrt(truth.variance / s.n);
    const seVariance = Math.sqrt((truth.mu4 - truth.variance ** 2) / s.n);
    expect(passes4Se(s, { ...truth, mean: truth.mean + 10 * seMean })).toBe(false);
    expect(passes4Se(s, { ...truth, variance: truth.variance + 10 * seVariance })).toBe(false);
  });

  it("tells a normal approximation from an exact Poisson at a small mean", () => {
    const rng = rngFor("teeth/approx");
    const approx = sample(() => Math.max(0, Math.round(0.5 + Math.sqrt(0.5) * standardNormal(rng))));
    expect(passes4Se(approx, theory.poisson(0.5))).toBe(false);
  });
});
