/**
 * Exact quantiles of weighted samples.
 *
 * An outage episode of a protection group is one sample that stands for every mailbox in the
 * group, so time-to-restore quantiles are quantiles of values with weights (mailbox counts),
 * not of episodes. The definition is the lower quantile of the weighted empirical
 * distribution: the q-quantile is the smallest sample value v such that the total weight of
 * samples ≤ v is at least q × totalWeight. It is always one of the samples (no
 * interpolation), so a figure in a report is a time some mailboxes really waited.
 *
 * Contract:
 * - `values` and `weights` have the same length; weights are finite and ≥ 0; values are not NaN.
 * - `totalWeight` defaults to the sum of the weights. A larger total stands for mass that
 *   never produced a sample (mailboxes still down at the horizon); a quantile that the
 *   samples cannot reach is then +Infinity (the smallest element of an empty set).
 * - Samples of weight 0 never decide a quantile. With no positive weight at all, every
 *   quantile is NaN: the caller decides what an empty distribution means.
 * - The result depends only on the multiset of (value, weight) pairs: indices are sorted by
 *   value, then by position, so ties resolve the same way on every run.
 */

/**
 * `q × total` is rounded, and so are sums of non-integer weights, so "at least" allows this
 * relative slack; without it 0.07 × 100 = 7.000000000000001 would skip the 7th unit weight.
 */
const RELATIVE_SLACK = 2 ** -40;

export function weightedQuantiles(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  qs: readonly number[],
  totalWeight?: number,
): number[] {
  checkSamples(values, weights);
  const order = sortedOrder(values);
  const sampleWeight = sumInOrder(weights, order);
  const total = totalWeight ?? sampleWeight;
  if (!(sampleWeight > 0)) return qs.map(() => Number.NaN);
  return qs.map((q) => quantileInOrder(values, weights, order, q, total));
}

function checkSamples(values: ArrayLike<number>, weights: ArrayLike<number>): void {
  if (values.length !== weights.length) {
    throw new RangeError(`weightedQuantiles: ${values.length} values but ${weights.length} weights`);
  }
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`weightedQuantiles: value ${i} is NaN`);
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weightedQuantiles: weight ${i} is ${w}`);
  }
}

/**
 * Indices sorted by value, ties by index: a total order, so the sort's stability never
 * matters. Input that is already in order (restore times, logged as they happen) skips the
 * comparator sort, which dominates the cost for large inputs.
 */
function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  let inOrder = true;
  for (let i = 0; i < order.length; i++) {
    order[i] = i;
    if (i > 0 && values[i]! < values[i - 1]!) inOrder = false;
  }
  if (!inOrder) order.sort((a, b) => values[a]! - values[b]! || a - b);
  return order;
}

/** Summing in sorted order makes the total bit-identical to the last cumulative sum below. */
function sumInOrder(weights: ArrayLike<number>, order: Uint32Array): number {
  let sum = 0;
  for (let k = 0; k < order.length; k++) sum += weights[order[k]!]!;
  return sum;
}

function quantileInOrder(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  order: Uint32Array,
  q: number,
  total: number,
): number {
  const target = q * total - RELATIVE_SLACK * total;
  let cumulative = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (weights[i] === 0) continue;
    cumulative += weights[i]!;
    if (cumulative >= target) return values[i]!;
  }
  return Number.POSITIVE_INFINITY;
}
