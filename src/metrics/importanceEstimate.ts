/**
 * importanceEstimate: what n likelihood-weighted runs say about a rare event.
 *
 * Run i was drawn from the biased law and carries the weight w_i = f/g of its failure draws
 * (ln w_i given) and an outcome: whether the property broke, and a loss (e.g. messages lost).
 * - P(break) is estimated by the mean of Y_i = w_i·1[broke_i] (unbiased), with the standard
 *   error sd(Y)/√n, a 95% normal interval and the relative error 1.96·SE/P̂ (the "relative
 *   error at 95%" that HFRS and SimEDC print).
 * - E[loss | break] is the ratio Σ w·L·1[broke] / Σ w·1[broke], with a delta-method SE.
 * - The effective sample size of the breaking runs, Kish's (Σw)²/Σw², says how many equally
 *   weighted samples the estimate is worth; a few dominant weights (heavy-tailed weights) make
 *   it small and the interval untrustworthy, which `warnings` reports.
 * - The variance-reduction factor is P̂(1 − P̂)/n (plain Monte Carlo on the same n runs, at the
 *   estimated P) over SE²: how many times fewer runs the biasing needed.
 *
 * Contract: pure arithmetic, in run order; with no breaking run every figure is 0 and a warning
 * says so. Not a judgement of the biasing itself (see docs/experiments.md#estimate).
 */

const Z95 = 1.959963984540054;

export interface WeightedOutcome {
  readonly logWeight: number;
  readonly broke: boolean;
  /** The loss the run suffered (counted when it broke the property). */
  readonly loss: number;
}

export interface Interval {
  readonly estimate: number;
  readonly standardError: number;
  readonly low: number;
  readonly high: number;
  /** 1.96·SE / estimate; Infinity when the estimate is 0. */
  readonly relativeError: number;
}

export interface ImportanceEstimate {
  readonly runs: number;
  readonly breakingRuns: number;
  readonly probability: Interval;
  readonly lossGivenBreak: Interval;
  readonly effectiveSampleSize: number;
  /** Plain-Monte-Carlo variance on the same runs over this estimator's variance. */
  readonly varianceReduction: number;
  /** The largest single weight's share of Σ w over breaking runs. */
  readonly largestWeightShare: number;
  readonly warnings: readonly string[];
}

/** Below this effective sample size the normal interval is not to be trusted. */
const MIN_EFFECTIVE_SAMPLE_SIZE = 30;
/** One run carrying more than this share of the estimate signals heavy-tailed weights. */
export const MAX_WEIGHT_SHARE = 0.2;

function interval(estimate: number, standardError: number): Interval {
  return {
    estimate,
    standardError,
    low: estimate - Z95 * standardError,
    high: estimate + Z95 * standardError,
    relativeError: estimate > 0 ? (Z95 * standardError) / estimate : Number.POSITIVE_INFINITY,
  };
}

export function importanceEstimate(outcomes: readonly WeightedOutcome[]): ImportanceEstimate {
  const n = outcomes.length;
  let sumW = 0;
  let sumW2 = 0;
  let sumWL = 0;
  let maxW = 0;
  let breaking = 0;
  for (const o of outcomes) {
    if (!o.broke) continue;
    const w = Math.exp(o.logWeight);
    breaking++;
    sumW += w;
    sumW2 += w * w;
    sumWL += w * o.loss;
    maxW = Math.max(maxW, w);
  }
  const p = n > 0 ? sumW / n : 0;
  const varY = n > 1 ? (sumW2 - n * p * p) / (n - 1) : 0;
  const seP = Math.sqrt(Math.max(0, varY) / Math.max(1, n));
  const lossMean = sumW > 0 ? sumWL / sumW : 0;
  // Delta method for the ratio Σ w·L / Σ w: residuals w·(L − L̄) over breaking runs.
  let sumResid2 = 0;
  for (const o of outcomes) {
    if (o.broke) sumResid2 += (Math.exp(o.logWeight) * (o.loss - lossMean)) ** 2;
  }
  const seLoss = sumW > 0 ? Math.sqrt(sumResid2) / sumW : 0;
  const ess = sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
  const share = sumW > 0 ? maxW / sumW : 0;
  // A weighted mean can pass 1 (few runs, large weights); plain Monte Carlo's P stays in [0, 1].
  const plainP = Math.min(1, p);
  const plainVariance = n > 0 ? (plainP * (1 - plainP)) / n : 0;
  const warnings: string[] = [];
  if (breaking === 0) warnings.push("no run broke the property: the estimate is 0 and says nothing");
  else {
    if (ess < MIN_EFFECTIVE_SAMPLE_SIZE)
      warnings.push(
        `effective sample size ${ess.toFixed(1)} < ${MIN_EFFECTIVE_SAMPLE_SIZE}: too few weighted runs, the interval is not trustworthy`,
      );
    if (share > MAX_WEIGHT_SHARE)
      warnings.push(
        `one run carries ${(100 * share).toFixed(0)}% of the estimate: heavy-tailed weights, the standard error is likely too small`,
      );
  }
  return {
    runs: n,
    breakingRuns: breaking,
    probability: interval(p, seP),
    lossGivenBreak: interval(lossMean, seLoss),
    effectiveSampleSize: ess,
    varianceReduction: seP > 0 ? plainVariance / (seP * seP) : 0,
    largestWeightShare: share,
    warnings,
  };
}
