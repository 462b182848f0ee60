/**
 * Random variates for the simulation, each drawn from an `Rng` (a named stream).
 *
 * Exactness matters more than speed here, because tests compare the model with closed forms
 * at 4 standard errors: Poisson and binomial counts are *exact* samplers at every mean
 * (multiplication or inversion for small means; Hörmann's transformed-rejection PTRS for
 * Poisson and BTRD for binomial at large means, 1993), never normal approximations. That is
 * what lets the model draw a billion messages as one count.
 *
 * `DistributionSpec` is the data form the scenario layer produces: a tagged union that knows
 * its own mean and variance, sampled with `sampleSpec`.
 */
import type { Rng } from "./RandomStreams.js";
import { logGamma, stirlingCorrection } from "./specialFunctions.js";

/** Standard normal by Marsaglia's polar method (the second variate is discarded: no hidden state). */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

export function exponential(rng: Rng, mean: number): number {
  // 1 − u lies in (0, 1], so the log is finite.
  return -mean * Math.log(1 - rng.next());
}

export function weibull(rng: Rng, shape: number, scale: number): number {
  return scale * (-Math.log(1 - rng.next())) ** (1 / shape);
}

/** Lognormal with `mu`, `sigma` of the underlying normal (median = e^mu). */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/** Gamma(shape, scale) by Marsaglia–Tsang; shape < 1 via the boost Gamma(a+1)·U^(1/a). */
export function gamma(rng: Rng, shape: number, scale: number): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
      return d * v * scale;
  }
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

const POISSON_SMALL_MEAN = 10;

/** Exact Poisson variate for any mean ≥ 0 (up to ~1e15). */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < POISSON_SMALL_MEAN) return poissonByMultiplication(rng, mean);
  return poissonPtrs(rng, mean);
}

function poissonByMultiplication(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = 1 - rng.next();
  while (product > limit) {
    k++;
    product *= 1 - rng.next();
  }
  return k;
}

/** Hörmann (1993), "The transformed rejection method for generating Poisson random variables". */
function poissonPtrs(rng: Rng, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

const BINOMIAL_INVERSION_MEAN = 10;

/** Exact binomial variate for integer n ≥ 0 (up to ~1e15) and p in [0, 1]. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < BINOMIAL_INVERSION_MEAN) return binomialByInversion(rng, n, p);
  return binomialBtrd(rng, n, p);
}

function binomialByInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const ratio = p / q;
  const start = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.next();
    let x = 0;
    let px = start;
    // Beyond this bound the remaining mass is negligible; restarting keeps the draw exact.
    const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * q + 1));
    while (u > px && x <= bound) {
      u -= px;
      x++;
      px *= ((n - x + 1) * ratio) / x;
    }
    if (x <= bound) return x;
  }
}

/** Hörmann (1993), "The generation of binomial random variates" (BTRD), for n·p ≥ 10, p ≤ ½. */
function binomialBtrd(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const m = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const sqrtNpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sqrtNpq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * sqrtNpq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = rng.next();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = Math.sign(u) * 0.5 - u;
      v = rng.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    if (btrdAccept(v, k, { n, m, r, nr, npq })) return k;
  }
}

function btrdAccept(
  v: number,
  k: number,
  s: { n: number; m: number; r: number; nr: number; npq: number },
): boolean {
  const km = Math.abs(k - s.m);
  if (km <= 15) {
    // Recursive evaluation of f(k)/f(m), exact and cheap near the mode.
    let f = 1;
    let w = v;
    if (s.m < k) for (let i = s.m + 1; i <= k; i++) f *= s.nr / i - s.r;
    else if (s.m > k) for (let i = k + 1; i <= s.m; i++) w *= s.nr / i - s.r;
    return w <= f;
  }
  const logV = Math.log(v);
  const rho = (km / s.npq) * (((km / 3 + 0.625) * km + 1 / 6) / s.npq + 0.5);
  const t = (-km * km) / (2 * s.npq);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const nm = s.n - s.m + 1;
  const h =
    (s.m + 0.5) * Math.log((s.m + 1) / (s.r * nm)) + stirlingCorrection(s.m) + stirlingCorrection(s.n - s.m);
  const nk = s.n - k + 1;
  const bound =
    h +
    (s.n + 1) * Math.log(nm / nk) +
    (k + 0.5) * Math.log((nk * s.r) / (k + 1)) -
    stirlingCorrection(k) -
    stirlingCorrection(s.n - k);
  return logV <= bound;
}

export type DistributionSpec =
  | { kind: "exponential"; mean: number }
  | { kind: "weibull"; shape: number; scale: number }
  | { kind: "lognormal"; median: number; sigma: number }
  | { kind: "gamma"; shape: number; scale: number }
  | { kind: "uniform"; min: number; max: number }
  | { kind: "deterministic"; value: number }
  | { kind: "empirical"; values: number[]; weights: number[] };

export function sampleSpec(spec: DistributionSpec, rng: Rng): number {
  switch (spec.kind) {
    case "exponential":
      return exponential(rng, spec.mean);
    case "weibull":
      return weibull(rng, spec.shape, spec.scale);
    case "lognormal":
      return lognormal(rng, Math.log(spec.median), spec.sigma);
    case "gamma":
      return gamma(rng, spec.shape, spec.scale);
    case "uniform":
      return uniform(rng, spec.min, spec.max);
    case "deterministic":
      return spec.value;
    case "empirical":
      return sampleEmpirical(spec.values, spec.weights, rng);
  }
}

function sampleEmpirical(values: number[], weights: number[], rng: Rng): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < values.length; i++) {
    u -= weights[i]!;
    if (u < 0) return values[i]!;
  }
  // Rounding can leave u at exactly 0 after the last positive weight.
  for (let i = values.length - 1; i >= 0; i--) if (weights[i]! > 0) return values[i]!;
  return values[values.length - 1]!;
}

/** Γ(1 + x), for Weibull moments. */
function gammaFn(x: number): number {
  return Math.exp(logGamma(x));
}

export function meanOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "exponential":
      return spec.mean;
    case "weibull":
      return spec.scale * gammaFn(1 + 1 / spec.shape);
    case "lognormal":
      return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
    case "gamma":
      return spec.shape * spec.scale;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "deterministic":
      return spec.value;
    case "empirical":
      return empiricalMoment(spec, 1);
  }
}

export function varianceOf(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "exponential":
      return spec.mean * spec.mean;
    case "weibull": {
      const g1 = gammaFn(1 + 1 / spec.shape);
      return spec.scale * spec.scale * (gammaFn(1 + 2 / spec.shape) - g1 * g1);
    }
    case "lognormal": {
      const s2 = spec.sigma * spec.sigma;
      return (Math.exp(s2) - 1) * spec.median * spec.median * Math.exp(s2);
    }
    case "gamma":
      return spec.shape * spec.scale * spec.scale;
    case "uniform":
      return (spec.max - spec.min) ** 2 / 12;
    case "deterministic":
      return 0;
    case "empirical": {
      const mean = empiricalMoment(spec, 1);
      return empiricalMoment(spec, 2) - mean * mean;
    }
  }
}

function empiricalMoment(spec: { values: number[]; weights: number[] }, power: number): number {
  let total = 0;
  let sum = 0;
  spec.values.forEach((value, i) => {
    total += spec.weights[i]!;
    sum += spec.weights[i]! * value ** power;
  });
  return sum / total;
}

/** The lognormal with a given mean and coefficient of variation: σ² = ln(1 + cv²). */
export function lognormalFromMeanCv(
  mean: number,
  cv: number,
): { kind: "lognormal"; median: number; sigma: number } {
  const sigma2 = Math.log(1 + cv * cv);
  return { kind: "lognormal", median: mean / Math.exp(sigma2 / 2), sigma: Math.sqrt(sigma2) };
}

/** The Weibull with a given shape and mean: scale = mean / Γ(1 + 1/shape). */
export function weibullFromMean(
  shape: number,
  mean: number,
): { kind: "weibull"; shape: number; scale: number } {
  return { kind: "weibull", shape, scale: mean / gammaFn(1 + 1 / shape) };
}
