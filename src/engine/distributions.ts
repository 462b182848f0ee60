/**
 * Random variates, each drawn from an `Rng` (in a run, a named stream).
 *
 * Exactness comes before speed, because tests compare the model with closed forms at 4
 * standard errors: Poisson and binomial counts are exact samplers at every mean, never
 * normal approximations. That is what lets the model draw a billion messages as one count.
 * - Poisson: inversion for mean < 10 (one uniform); above, Hörmann's PTRS transformed
 *   rejection (1993), 2.3–2.7 uniforms per draw at any mean, with the acceptance test
 *   evaluated in a cancellation-free form so it stays exact at mean 1e9.
 * - Binomial: p > ½ by symmetry; inversion when the mode is below 11; above, Hörmann's
 *   BTRD (1993), as in Boost.Random, again with a cancellation-free final test.
 * - Normal: Box–Muller with one variate per call. It always uses exactly two uniforms, so
 *   changing a parameter never shifts the rest of a stream (common random numbers), and
 *   there is no hidden cached second variate that would tie a draw to the call history.
 * - Gamma: Marsaglia–Tsang (2000) squeeze, shape < 1 via Gamma(shape + 1)·U^(1/shape).
 *
 * Every sampler validates its parameters (a RangeError names them) so that a bad scenario
 * fails loudly instead of producing NaN times. `DistributionSpec` is the data form the
 * scenario layer produces: a tagged union that knows its mean and variance, sampled with
 * `sampleSpec`. Specs are treated as immutable (an empirical spec's table is cached).
 */
import type { Rng } from "./RandomStreams.js";
import { logGamma, stirlingCorrection } from "./specialFunctions.js";
import { zigguratNormal } from "./zigguratNormal.js";

const TWO_PI = 2 * Math.PI;
const HALF_LOG_TWO_PI = 0.9189385332046728;

function isFiniteNonNegative(x: number): boolean {
  return x >= 0 && x < Number.POSITIVE_INFINITY;
}

function isFinitePositive(x: number): boolean {
  return x > 0 && x < Number.POSITIVE_INFINITY;
}

function invalid(what: string, value: unknown): never {
  throw new RangeError(`${what}, got ${value}`);
}

/** N(0, 1) by Box–Muller; 1 − u lies in (0, 1], so the log is finite. */
export function standardNormal(rng: Rng): number {
  const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
  return radius * Math.cos(TWO_PI * rng.next());
}

/** Exponential with the given mean; −log1p(−u) is exact for small u and finite for all u. */
export function exponential(rng: Rng, mean: number): number {
  if (!isFiniteNonNegative(mean)) invalid("exponential mean must be finite and >= 0", mean);
  return mean * -Math.log1p(-rng.next());
}

export function weibull(rng: Rng, shape: number, scale: number): number {
  if (!isFinitePositive(shape)) invalid("weibull shape must be finite and > 0", shape);
  if (!isFiniteNonNegative(scale)) invalid("weibull scale must be finite and >= 0", scale);
  return scale * (-Math.log1p(-rng.next())) ** (1 / shape);
}

/** Lognormal with `mu`, `sigma` of the underlying normal (median e^mu). */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  if (!Number.isFinite(mu)) invalid("lognormal mu must be finite", mu);
  if (!isFiniteNonNegative(sigma)) invalid("lognormal sigma must be finite and >= 0", sigma);
  return Math.exp(mu + sigma * standardNormal(rng));
}

export function gamma(rng: Rng, shape: number, scale: number): number {
  if (!isFinitePositive(shape)) invalid("gamma shape must be finite and > 0", shape);
  if (!isFiniteNonNegative(scale)) invalid("gamma scale must be finite and >= 0", scale);
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1)·U^(1/a); U = 1 − u is never 0.
    return gammaAtLeastOne(rng, shape + 1) * (1 - rng.next()) ** (1 / shape) * scale;
  }
  return gammaAtLeastOne(rng, shape) * scale;
}

/** Marsaglia–Tsang for shape >= 1, unit scale: about three uniforms per draw. */
function gammaAtLeastOne(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const cube = 1 + c * x;
    if (cube <= 0) continue;
    const v = cube * cube * cube;
    const u = 1 - rng.next();
    const xx = x * x;
    if (u < 1 - 0.0331 * xx * xx) return d * v;
    if (Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function uniform(rng: Rng, min: number, max: number): number {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
    invalid("uniform needs finite min <= max", `[${min}, ${max}]`);
  }
  return min + (max - min) * rng.next();
}

// ---------------------------------------------------------------- Poisson

const POISSON_INVERSION_BELOW = 10;
/** For mean < 10, P(X > 100) < 1e-60: stopping the search there changes nothing representable. */
const POISSON_INVERSION_MAX = 100;

/** An exact Poisson count for any finite mean >= 0 (integers stay exact up to 2^53). */
export function poisson(rng: Rng, mean: number): number {
  if (!isFiniteNonNegative(mean)) invalid("poisson mean must be finite and >= 0", mean);
  if (mean === 0) return 0;
  if (mean < POISSON_INVERSION_BELOW) return poissonByInversion(rng, mean);
  return poissonPtrs(rng, mean);
}

/** Sequential search of the CDF: one uniform per draw, about mean + 1 steps. */
function poissonByInversion(rng: Rng, mean: number): number {
  const u = rng.next();
  let k = 0;
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  while (u >= cdf && k < POISSON_INVERSION_MAX) {
    k++;
    pmf *= mean / k;
    cdf += pmf;
  }
  return k;
}

/**
 * ln P(X = k) for Poisson(mean), k >= 0, written so that the terms of size k·ln(mean) and
 * ln k! (2e10 at mean 1e9) cancel analytically instead of in floating point:
 * ln p = k·ln(mean/(k+1)) − (mean − k − 1) − ½ ln(k+1) − ½ ln 2π − fc(k).
 */
export function logPoissonPmf(k: number, mean: number): number {
  const excess = mean - (k + 1);
  return (
    k * Math.log1p(excess / (k + 1)) -
    excess -
    0.5 * Math.log(k + 1) -
    HALF_LOG_TWO_PI -
    stirlingCorrection(k)
  );
}

/** Hörmann (1993), "The transformed rejection method for generating Poisson random variables". */
function poissonPtrs(rng: Rng, mean: number): number {
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k; // the squeeze: most draws end here
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= logPoissonPmf(k, mean)) return k;
  }
}

// ---------------------------------------------------------------- binomial

/** BTRD needs a mode of at least 10 (Hörmann); Boost switches at 11. */
const BINOMIAL_INVERSION_BELOW_MODE = 11;

/** An exact binomial count for integer n in [0, 2^53) and p in [0, 1]. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (!(Number.isSafeInteger(n) && n >= 0)) invalid("binomial n must be an integer >= 0", n);
  if (!(p >= 0 && p <= 1)) invalid("binomial p must be in [0, 1]", p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomialAtMostHalf(rng, n, 1 - p);
  return binomialAtMostHalf(rng, n, p);
}

function binomialAtMostHalf(rng: Rng, n: number, p: number): number {
  if (Math.floor((n + 1) * p) < BINOMIAL_INVERSION_BELOW_MODE) return binomialByInversion(rng, n, p);
  return binomialBtrd(rng, n, p);
}

/** Inversion runs with a mean below 11, where P(X > 110) < 1e-60. */
const BINOMIAL_INVERSION_MAX = 110;

/**
 * Sequential search from 0, subtracting each probability from u. Rounding could leave u
 * positive after the last representable probability, so past a bound no draw can reach the
 * search restarts with a fresh uniform.
 */
function binomialByInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  const scaled = (n + 1) * ratio;
  const pmfAtZero = Math.exp(n * Math.log1p(-p));
  const bound = Math.min(n, BINOMIAL_INVERSION_MAX);
  for (;;) {
    let u = rng.next();
    let pmf = pmfAtZero;
    let x = 0;
    while (u > pmf && x <= bound) {
      u -= pmf;
      x++;
      pmf *= scaled / x - ratio;
    }
    if (x <= bound) return x;
  }
}

interface BtrdSetup {
  n: number;
  m: number; // the mode
  r: number;
  nr: number;
  npq: number;
  a: number;
  b: number;
  c: number;
  alpha: number;
  vr: number;
  urvr: number;
  logModeTerm: number; // h of step 3.3, constant per (n, p); NaN until btrdLogModeTerm needs it
}

/**
 * PERF: one setup object, refilled per draw (BTRD never re-enters itself: its uniforms come
 * from the stream, which draws nothing else), so a binomial allocates nothing; and h of step
 * 3.3 (a log and two Stirling corrections) is computed only when a draw gets that far (NaN
 * until then), since most draws end at the squeeze. Same arithmetic, same values.
 */
const btrd: BtrdSetup = {
  n: 0,
  m: 0,
  r: 0,
  nr: 0,
  npq: 0,
  a: 0,
  b: 0,
  c: 0,
  alpha: 0,
  vr: 0,
  urvr: 0,
  logModeTerm: Number.NaN,
};

function btrdSetup(n: number, p: number): BtrdSetup {
  const m = Math.floor((n + 1) * p);
  const r = p / (1 - p);
  const npq = n * p * (1 - p);
  const sqrtNpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sqrtNpq;
  const vr = 0.92 - 4.2 / b;
  const s = btrd;
  s.n = n;
  s.m = m;
  s.r = r;
  s.nr = (n + 1) * r;
  s.npq = npq;
  s.a = -0.0873 + 0.0248 * b + 0.01 * p;
  s.b = b;
  s.c = n * p + 0.5;
  s.alpha = (2.83 + 5.1 / b) * sqrtNpq;
  s.vr = vr;
  s.urvr = 0.86 * vr;
  s.logModeTerm = Number.NaN;
  return s;
}

/** h of step 3.3, constant per (n, p): computed on first need. */
function btrdLogModeTerm(s: BtrdSetup): number {
  if (Number.isNaN(s.logModeTerm)) {
    const nm = s.n - s.m + 1;
    s.logModeTerm =
      (s.m + 0.5) * Math.log((s.m + 1) / (s.r * nm)) +
      stirlingCorrection(s.m) +
      stirlingCorrection(s.n - s.m);
  }
  return s.logModeTerm;
}

/** Hörmann (1993), "The generation of binomial random variates", algorithm BTRD. */
function binomialBtrd(rng: Rng, n: number, p: number): number {
  const s = btrdSetup(n, p);
  for (;;) {
    let v = rng.next();
    if (v <= s.urvr) {
      const u = v / s.vr - 0.43;
      return Math.floor(((2 * s.a) / (0.5 - Math.abs(u)) + s.b) * u + s.c);
    }
    let u: number;
    if (v >= s.vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / s.vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.next() * s.vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * s.a) / us + s.b) * u + s.c);
    if (k < 0 || k > n) continue;
    v = (v * s.alpha) / (s.a / (us * us) + s.b);
    if (btrdAccepts(s, k, v)) return k;
  }
}

/** Steps 3.1–3.4 of BTRD: is v below f(k)/f(m), scaled? */
function btrdAccepts(s: BtrdSetup, k: number, v: number): boolean {
  const km = Math.abs(k - s.m);
  if (km <= 15) return btrdAcceptsByRecursion(s, k, v);
  const logV = Math.log(v);
  const rho = (km / s.npq) * (((km / 3 + 0.625) * km + 1 / 6) / s.npq + 0.5);
  const t = (-km * km) / (2 * s.npq);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const nk = s.n - k + 1;
  // (n+1)·ln(nm/nk) with nm − nk = k − m exact, so log1p keeps it exact at n = 1e9.
  const bound =
    btrdLogModeTerm(s) +
    (s.n + 1) * Math.log1p((k - s.m) / nk) +
    (k + 0.5) * Math.log((nk * s.r) / (k + 1)) -
    stirlingCorrection(k) -
    stirlingCorrection(s.n - k);
  return logV <= bound;
}

/** Near the mode, f(k)/f(m) is a short product of ratios. */
function btrdAcceptsByRecursion(s: BtrdSetup, k: number, v: number): boolean {
  let f = 1;
  let scaledV = v;
  for (let i = s.m + 1; i <= k; i++) f *= s.nr / i - s.r;
  for (let i = k + 1; i <= s.m; i++) scaledV *= s.nr / i - s.r;
  return scaledV <= f;
}

// ---------------------------------------------------------------- specs

export type DistributionSpec =
  | { kind: "exponential"; mean: number }
  | { kind: "weibull"; shape: number; scale: number }
  | { kind: "lognormal"; median: number; sigma: number }
  | { kind: "gamma"; shape: number; scale: number }
  | { kind: "uniform"; min: number; max: number }
  | { kind: "deterministic"; value: number }
  | { kind: "empirical"; values: number[]; weights: number[] }; // discrete table, weights need not sum to 1

type EmpiricalSpec = Extract<DistributionSpec, { kind: "empirical" }>;

export function sampleSpec(spec: DistributionSpec, rng: Rng): number {
  switch (spec.kind) {
    case "exponential":
      return exponential(rng, spec.mean);
    case "weibull":
      return weibull(rng, spec.shape, spec.scale);
    case "lognormal":
      if (!isFinitePositive(spec.median)) invalid("lognormal median must be finite and > 0", spec.median);
      return lognormal(rng, Math.log(spec.median), spec.sigma);
    case "gamma":
      return gamma(rng, spec.shape, spec.scale);
    case "uniform":
      return uniform(rng, spec.min, spec.max);
    case "deterministic":
      return spec.value;
    case "empirical":
      return sampleEmpirical(spec, rng);
  }
}

/**
 * A sampler for one spec, for drawing it many times (a fleet of millions): the same values as
 * `sampleSpec`, with the parameters checked and derived once instead of per draw.
 */
function samplerOf(spec: DistributionSpec): (rng: Rng) => number {
  if (spec.kind === "lognormal") {
    if (!isFinitePositive(spec.median)) invalid("lognormal median must be finite and > 0", spec.median);
    if (!isFiniteNonNegative(spec.sigma)) invalid("lognormal sigma must be finite and >= 0", spec.sigma);
    const mu = Math.log(spec.median);
    const sigma = spec.sigma;
    return (rng) => Math.exp(mu + sigma * standardNormal(rng));
  }
  if (spec.kind === "deterministic") {
    const value = spec.value;
    return () => value;
  }
  return (rng) => sampleSpec(spec, rng);
}

/**
 * As `samplerOf`, for a stream that nothing else draws from (a fleet attribute): lognormals
 * use the ziggurat normal, which is faster but consumes a varying number of uniforms.
 */
export function ownStreamSamplerOf(spec: DistributionSpec): (rng: Rng) => number {
  if (spec.kind !== "lognormal") return samplerOf(spec);
  samplerOf(spec); // validates the parameters
  const mu = Math.log(spec.median);
  const sigma = spec.sigma;
  return (rng) => Math.exp(mu + sigma * zigguratNormal(rng));
}

/**
 * As `ownStreamSamplerOf`, a block at a time: fills `out` with consecutive draws, the same
 * values in the same order. PERF: a fleet draws tens of millions of values; through a
 * sampler closure each one is a call V8 cannot inline and a boxed double returned, while
 * this loop (for lognormals) is one monomorphic function with the draw inlined.
 */
export function ownStreamFillerOf(spec: DistributionSpec): (rng: Rng, out: Float64Array) => void {
  if (spec.kind !== "lognormal") {
    const draw = ownStreamSamplerOf(spec);
    return (rng, out) => {
      for (let i = 0; i < out.length; i++) out[i] = draw(rng);
    };
  }
  samplerOf(spec); // validates the parameters
  const mu = Math.log(spec.median);
  const sigma = spec.sigma;
  return (rng, out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(mu + sigma * zigguratNormal(rng));
  };
}

/** Cumulative weights per empirical spec, built once: sampling is then a binary search. */
const cumulativeWeights = new WeakMap<EmpiricalSpec, Float64Array>();

function cumulativeOf(spec: EmpiricalSpec): Float64Array {
  let cumulative = cumulativeWeights.get(spec);
  if (cumulative === undefined) {
    checkEmpirical(spec);
    cumulative = new Float64Array(spec.weights.length);
    let total = 0;
    for (let i = 0; i < spec.weights.length; i++) {
      total += spec.weights[i]!;
      cumulative[i] = total;
    }
    cumulativeWeights.set(spec, cumulative);
  }
  return cumulative;
}

function checkEmpirical(spec: EmpiricalSpec): void {
  const { values, weights } = spec;
  if (values.length === 0 || values.length !== weights.length) {
    invalid(
      "empirical needs as many weights as values, at least one",
      `${values.length} values, ${weights.length} weights`,
    );
  }
  if (!values.every(Number.isFinite)) invalid("empirical values must be finite", values);
  if (!weights.every(isFiniteNonNegative)) invalid("empirical weights must be finite and >= 0", weights);
  if (!weights.some((w) => w > 0)) invalid("empirical weights must not all be 0", weights);
}

/** One uniform per draw: the first index whose cumulative weight exceeds u·total. */
function sampleEmpirical(spec: EmpiricalSpec, rng: Rng): number {
  const cumulative = cumulativeOf(spec);
  const target = rng.next() * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid]! > target) high = mid;
    else low = mid + 1;
  }
  return spec.values[low]!;
}

function gammaFunction(x: number): number {
  return Math.exp(logGamma(x));
}

function empiricalMoments(spec: EmpiricalSpec): { mean: number; variance: number } {
  checkEmpirical(spec);
  const total = spec.weights.reduce((sum, w) => sum + w, 0);
  let mean = 0;
  for (let i = 0; i < spec.values.length; i++) mean += (spec.weights[i]! / total) * spec.values[i]!;
  let variance = 0;
  for (let i = 0; i < spec.values.length; i++)
    variance += (spec.weights[i]! / total) * (spec.values[i]! - mean) ** 2;
  return { mean, variance };
}

export function meanOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "exponential":
      return spec.mean;
    case "weibull":
      return spec.scale * gammaFunction(1 + 1 / spec.shape);
    case "lognormal":
      return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
    case "gamma":
      return spec.shape * spec.scale;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "deterministic":
      return spec.value;
    case "empirical":
      return empiricalMoments(spec).mean;
  }
}

export function varianceOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "exponential":
      return spec.mean * spec.mean;
    case "weibull": {
      const g1 = gammaFunction(1 + 1 / spec.shape);
      return spec.scale * spec.scale * (gammaFunction(1 + 2 / spec.shape) - g1 * g1);
    }
    case "lognormal": {
      const s2 = spec.sigma * spec.sigma;
      return spec.median * spec.median * Math.exp(s2) * Math.expm1(s2);
    }
    case "gamma":
      return spec.shape * spec.scale * spec.scale;
    case "uniform":
      return (spec.max - spec.min) ** 2 / 12;
    case "deterministic":
      return 0;
    case "empirical":
      return empiricalMoments(spec).variance;
  }
}

/** The lognormal with this mean and coefficient of variation: σ² = ln(1 + cv²), median = mean/√(1 + cv²). */
export function lognormalFromMeanCv(
  mean: number,
  cv: number,
): { kind: "lognormal"; median: number; sigma: number } {
  if (!isFinitePositive(mean)) invalid("lognormal mean must be finite and > 0", mean);
  if (!isFiniteNonNegative(cv)) invalid("lognormal cv must be finite and >= 0", cv);
  const onePlusCv2 = 1 + cv * cv;
  return { kind: "lognormal", median: mean / Math.sqrt(onePlusCv2), sigma: Math.sqrt(Math.log1p(cv * cv)) };
}

/** The Weibull with this shape and mean: scale = mean / Γ(1 + 1/shape). */
export function weibullFromMean(
  shape: number,
  mean: number,
): { kind: "weibull"; shape: number; scale: number } {
  if (!isFinitePositive(shape)) invalid("weibull shape must be finite and > 0", shape);
  if (!isFiniteNonNegative(mean)) invalid("weibull mean must be finite and >= 0", mean);
  return { kind: "weibull", shape, scale: mean / gammaFunction(1 + 1 / shape) };
}
