/**
 * BucketIntegrals: the integral of a sum of piecewise-linear functions of time over a fixed
 * grid of equal buckets — how a run's time series are kept small (a few hundred points
 * whatever the horizon) without sampling them.
 *
 * A caller adds linear pieces (from, to, value at from, value at to); each bucket receives
 * the exact integral of every piece over its part of the bucket. A piece spanning many
 * buckets costs O(1): the buckets it covers whole receive `α + β·k`, kept as two difference
 * arrays, and only its two end buckets are integrated directly. `means()` divides each
 * bucket's integral by its width, giving the mean of the function over the bucket — for
 * "mailboxes down" that keeps the area, so a chart's mailbox-hours match the run's figure.
 *
 * Contract: pieces outside [0, horizonMs] are clipped; the last bucket may be shorter than
 * `stepMs` (it ends at the horizon). The result depends on the pieces and their order only
 * (floating-point sums), so a run that reports the same pieces gets the same bytes.
 * It does not sample, interpolate between buckets or keep the pieces themselves.
 */
export class BucketIntegrals {
  readonly stepMs: number;
  readonly buckets: number;
  private readonly horizonMs: number;
  private readonly partial: Float64Array;
  private readonly constant: Float64Array;
  private readonly slope: Float64Array;

  constructor(horizonMs: number, stepMs: number) {
    if (!(stepMs > 0) || !(horizonMs > 0))
      throw new RangeError(`BucketIntegrals: step ${stepMs}, horizon ${horizonMs}`);
    this.stepMs = stepMs;
    this.horizonMs = horizonMs;
    this.buckets = Math.ceil(horizonMs / stepMs);
    this.partial = new Float64Array(this.buckets);
    this.constant = new Float64Array(this.buckets + 1);
    this.slope = new Float64Array(this.buckets + 1);
  }

  /** Adds the linear function through (fromMs, fromValue) and (toMs, toValue) on [fromMs, toMs). */
  addLinear(fromMs: number, toMs: number, fromValue: number, toValue: number): void {
    if (!(toMs > fromMs)) return;
    const rate = (toValue - fromValue) / (toMs - fromMs);
    const valueAt = (t: number) => fromValue + rate * (t - fromMs);
    const startMs = Math.max(0, fromMs);
    const endMs = Math.min(this.horizonMs, toMs);
    if (!(endMs > startMs)) return;
    const step = this.stepMs;
    const first = Math.min(this.buckets - 1, Math.floor(startMs / step));
    const last = Math.min(this.buckets - 1, Math.floor(endMs / step));
    const piece = (a: number, b: number) => ((b - a) * (valueAt(a) + valueAt(b))) / 2;
    if (first === last) {
      this.partial[first]! += piece(startMs, endMs);
      return;
    }
    this.partial[first]! += piece(startMs, (first + 1) * step);
    this.partial[last]! += piece(last * step, endMs);
    // Whole buckets first+1 … last−1: step × value at the bucket's middle, linear in k.
    const k0 = first + 1;
    if (k0 >= last) return;
    const beta = step * step * rate;
    const alpha = step * valueAt((k0 + 0.5) * step) - beta * k0;
    this.constant[k0]! += alpha;
    this.constant[last]! -= alpha;
    this.slope[k0]! += beta;
    this.slope[last]! -= beta;
  }

  /** Adds a constant value on [fromMs, toMs). */
  addConstant(fromMs: number, toMs: number, value: number): void {
    if (value !== 0) this.addLinear(fromMs, toMs, value, value);
  }

  /** The mean of the summed function over each bucket, in bucket order. */
  means(): number[] {
    const out = new Array<number>(this.buckets);
    let constant = 0;
    let slope = 0;
    for (let k = 0; k < this.buckets; k++) {
      constant += this.constant[k]!;
      slope += this.slope[k]!;
      const widthMs = Math.min(this.stepMs, this.horizonMs - k * this.stepMs);
      out[k] = (this.partial[k]! + constant + slope * k) / widthMs;
    }
    return out;
  }
}
