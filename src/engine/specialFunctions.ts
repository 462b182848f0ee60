// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients (Lanczos, fdlibm, AS241), kept digit for digit.
/**
 * Special functions shared by the samplers and the statistics layer.
 *
 * - `logGamma(x)`: ln |Γ(x)| by Lanczos' approximation (g = 7, 9 terms), about 1e-15
 *   relative for x >= 0.5, and the reflection formula below that.
 * - `stirlingCorrection(k)`: fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π], the
 *   small remainder of Stirling's formula. Exact rejection samplers need ln k! to about
 *   1e-12 *absolute* at k near 1e9, where ln k! itself is 2e10; writing ln k! as Stirling
 *   plus this remainder keeps the big terms in a form where they cancel exactly.
 * - `normalCdf(x)` = Φ(x) through erfc, ported from fdlibm's s_erf.c (Sun, 1993), accurate
 *   to about 1e-15 relative in both tails, so p-values and interval ends far out are right.
 * - `normalQuantile(p)` = Φ⁻¹(p) by Wichura's AS241 (PPND16), about 1e-16 relative.
 */

const HALF_LOG_TWO_PI = 0.91893853320467274178;

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln |Γ(x)|; +Infinity at the poles (0, −1, −2, ...). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Small k from exact sums of logs: the asymptotic series below is not yet accurate there. */
const SMALL_STIRLING_CORRECTIONS = Array.from({ length: 10 }, (_, k) => {
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_TWO_PI);
});

/** fc(k) for integer k >= 0; the series error is below 1e-12 from k = 10 on. */
export function stirlingCorrection(k: number): number {
  if (k < SMALL_STIRLING_CORRECTIONS.length) return SMALL_STIRLING_CORRECTIONS[k]!;
  const r = 1 / (k + 1);
  const rr = r * r;
  return (1 / 12 - (1 / 360 - (1 / 1260 - rr / 1680) * rr) * rr) * r;
}

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

// erfc after fdlibm: a rational fit per range of |x|, and for |x| >= 1.25 the form
// exp(−x² − 0.5625 + R/S) / x, with x² split so the exponent loses no digits.
const ERX = 8.45062911510467529297e-1;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4,
  -3.9602282787753681232e-6,
];
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1,
  1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1,
  -9.81432934416914548592,
];
const SA = [
  1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
];

/** c[0] + z c[1] + z² c[2] + ... (Horner). */
function polynomial(c: readonly number[], z: number): number {
  let value = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) value = value * z + c[i]!;
  return value;
}

/** 1 + z c[0] + z² c[1] + ... */
function polynomialOnePlus(c: readonly number[], z: number): number {
  return 1 + z * polynomial(c, z);
}

// Clearing the low 32 bits of a double through a shared view (fdlibm's SET_LOW_WORD).
const wordView = new Float64Array(1);
const wordInts = new Uint32Array(wordView.buffer);
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

function withLowWordCleared(x: number): number {
  wordView[0] = x;
  wordInts[LOW_WORD] = 0;
  return wordView[0]!;
}

/** The complementary error function, 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = polynomial(PP, z) / polynomialOnePlus(QQ, z);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const ratio = polynomial(PA, s) / polynomialOnePlus(QA, s);
    return x >= 0 ? 1 - ERX - ratio : 1 + ERX + ratio;
  }
  if (x >= 28) return 0; // below the smallest subnormal
  if (x <= -6) return 2; // 2 − erfc(6) rounds to 2
  const s = 1 / (ax * ax);
  const tail =
    ax < 1 / 0.35
      ? polynomial(RA, s) / polynomialOnePlus(SA, s)
      : polynomial(RB, s) / polynomialOnePlus(SB, s);
  const z = withLowWordCleared(ax);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + tail);
  return x > 0 ? r / ax : 2 - r / ax;
}

/** Φ⁻¹(p) for p in [0, 1]: ±Infinity at the ends, NaN outside. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * centralQuantileRatio(0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value = r <= 5 ? intermediateQuantile(r - 1.6) : farTailQuantile(r - 5);
  return q < 0 ? -value : value;
}

const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function centralQuantileRatio(r: number): number {
  return polynomial(AS241_A, r) / polynomialOnePlus(AS241_B, r);
}

function intermediateQuantile(r: number): number {
  return polynomial(AS241_C, r) / polynomialOnePlus(AS241_D, r);
}

function farTailQuantile(r: number): number {
  return polynomial(AS241_E, r) / polynomialOnePlus(AS241_F, r);
}
