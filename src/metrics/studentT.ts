/**
 * Student's t distribution: its CDF through the regularised incomplete beta function, and its
 * quantile by bisection on that CDF. Confidence intervals over a handful of runs need the
 * exact small-sample quantile (t(0.975, 1) = 12.706, not the normal 1.96), so nothing here is
 * a large-sample approximation.
 *
 * - `regularizedIncompleteBeta(x, a, b)` = I_x(a, b), by the continued fraction of Numerical
 *   Recipes §6.4 evaluated with the modified Lentz method, using the symmetry
 *   I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly. About 1e-14 absolute.
 * - `studentTCdf(t, df)`: P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0, mirrored below 0.
 * - `studentTQuantile(p, df)`: the t with P(T ≤ t) = p, to about 1e-12 relative. Bisection
 *   is slower than Newton but cannot diverge, and it is called a few times per report.
 *
 * Contract: `df` is a positive number (not necessarily whole); p outside (0, 1) gives ±∞ at
 * the ends and NaN beyond, as `normalQuantile` does.
 */
import { logGamma } from "../engine/specialFunctions.js";

const MAX_FRACTION_TERMS = 10_000;
const FRACTION_EPSILON = 1e-15;
const TINY = 1e-300;
const BISECTION_STEPS = 200;

/** I_x(a, b) for x in [0, 1] and a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  // The continued fraction converges fast for x below the mean a/(a+b); use symmetry above it.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The continued fraction for I_x(a, b) (NR betacf), by the modified Lentz method. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = nonZero(1 - (qab * x) / qap);
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_FRACTION_TERMS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < FRACTION_EPSILON) return h;
  }
  return h; // not reached for the a, b of any realistic number of runs
}

function nonZero(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  // Bracket the root: F(0) = ½ < p, and the upper end doubles until F(hi) ≥ p.
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let step = 0; step < BISECTION_STEPS && hi - lo > 1e-13 * hi; step++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
