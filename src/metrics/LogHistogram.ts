/**
 * A histogram of non-negative durations with constant relative resolution.
 *
 * Late-delivery delays span milliseconds to weeks, and a run may deliver billions of
 * messages in batches, so the delays cannot be kept as samples. Bins spaced evenly in
 * log10 keep the same relative error at every scale: with 40 bins per decade a bin is
 * 10^(1/40) ≈ 1.059 wide, so a quantile read from it is within 6% of the truth, and
 * usually much closer because mass is interpolated linearly inside the bin.
 *
 * Layout: an exact zero bin (delays of exactly 0 are common: mail held until the restore
 * instant), a linear bin [0, 1 ms), log bins from 1 ms to 100 years, and an overflow bin
 * from 100 years up to the exact maximum. The exact minimum and maximum are kept too, and
 * bound the interpolation in the bins that hold them.
 *
 * Contract:
 * - `add(count, valueMs)` puts `count` (≥ 0, finite) at one value; `addUniform(count, lowMs,
 *   highMs)` spreads it uniformly over [lowMs, highMs), each bin getting its share of the
 *   overlap. Values are finite and ≥ 0; anything else is a RangeError.
 * - `count` is the exact total added; `max` is the exact largest value (for a uniform
 *   spread, its upper end); both are 0 when empty.
 * - `quantile(q)` is the value below which a fraction q of the mass lies, interpolated
 *   linearly inside its bin; q = 1 gives the exact max, and an empty histogram gives 0.
 */

const MIN_LOG_MS = 1;
const BINS_PER_DECADE = 40;
/** 100 Julian years: far beyond any horizon, so the overflow bin stays empty in practice. */
const MAX_LOG_MS = 100 * 365.25 * 24 * 3600 * 1000;
const LOG_BINS = Math.ceil(BINS_PER_DECADE * Math.log10(MAX_LOG_MS / MIN_LOG_MS));

// Bin numbering: 0 = exactly zero, 1 = [0, MIN_LOG_MS), 2 … LOG_BINS + 1 = log bins,
// LOG_BINS + 2 = overflow [edge, max]. `EDGES[b]` is the lower edge of bin b (b ≥ 1).
const ZERO_BIN = 0;
const FIRST_LOG_BIN = 2;
const OVERFLOW_BIN = FIRST_LOG_BIN + LOG_BINS;
const BIN_COUNT = OVERFLOW_BIN + 1;

const EDGES = buildEdges();

function buildEdges(): Float64Array {
  const edges = new Float64Array(BIN_COUNT + 1);
  edges[1] = 0;
  for (let i = 0; i <= LOG_BINS; i++) edges[FIRST_LOG_BIN + i] = MIN_LOG_MS * 10 ** (i / BINS_PER_DECADE);
  edges[BIN_COUNT] = Number.POSITIVE_INFINITY;
  return edges;
}

/** The bin holding a positive value; the logarithm guesses, the edge table decides. */
function binOf(valueMs: number): number {
  if (valueMs < MIN_LOG_MS) return 1;
  if (valueMs >= EDGES[OVERFLOW_BIN]!) return OVERFLOW_BIN;
  let bin = FIRST_LOG_BIN + Math.floor(BINS_PER_DECADE * Math.log10(valueMs / MIN_LOG_MS));
  bin = Math.min(Math.max(bin, FIRST_LOG_BIN), OVERFLOW_BIN - 1);
  while (valueMs < EDGES[bin]!) bin--;
  while (valueMs >= EDGES[bin + 1]!) bin++;
  return bin;
}

function checkValue(what: string, value: number): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`LogHistogram: ${what} is ${value}`);
}

export class LogHistogram {
  private readonly mass = new Float64Array(BIN_COUNT);
  /**
   * PERF: uniform spreads cover many bins (a late delivery spans minutes to days); their
   * fully covered bins are kept as a difference array of density (count per ms) and turned
   * into mass only when a quantile is read, so `addUniform` costs O(1) instead of O(bins).
   */
  private readonly densityStep = new Float64Array(BIN_COUNT + 1);
  private densityPending = false;
  private total = 0;
  private minMs = Number.POSITIVE_INFINITY;
  private maxMs = 0;

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxMs;
  }

  add(count: number, valueMs: number): void {
    checkValue("count", count);
    checkValue("value", valueMs);
    if (count === 0) return;
    this.mass[valueMs === 0 ? ZERO_BIN : binOf(valueMs)] += count;
    this.noteRange(count, valueMs, valueMs);
  }

  addUniform(count: number, lowMs: number, highMs: number): void {
    checkValue("count", count);
    checkValue("low", lowMs);
    checkValue("high", highMs);
    if (highMs < lowMs) throw new RangeError(`LogHistogram: range [${lowMs}, ${highMs}) is reversed`);
    if (highMs === lowMs) {
      this.add(count, lowMs);
      return;
    }
    if (count === 0) return;
    const widthMs = highMs - lowMs;
    const first = binOf(lowMs);
    const last = binOf(highMs);
    if (first === last) this.mass[first] += count;
    else {
      this.mass[first] += (count * (EDGES[first + 1]! - lowMs)) / widthMs;
      this.mass[last] += (count * (highMs - EDGES[last]!)) / widthMs;
      if (last > first + 1) {
        this.densityStep[first + 1] += count / widthMs;
        this.densityStep[last] -= count / widthMs;
        this.densityPending = true;
      }
    }
    this.noteRange(count, lowMs, highMs);
  }

  /** Turns the pending densities of fully covered bins into their mass. */
  private settleDensity(): void {
    if (!this.densityPending) return;
    let density = 0;
    for (let bin = 0; bin < BIN_COUNT; bin++) {
      density += this.densityStep[bin]!;
      this.densityStep[bin] = 0;
      if (density !== 0) this.mass[bin] += density * (EDGES[bin + 1]! - EDGES[bin]!);
    }
    this.densityPending = false;
  }

  quantile(q: number): number {
    if (this.total === 0) return 0;
    this.settleDensity();
    if (q >= 1) return this.maxMs;
    const target = Math.max(0, q) * this.total;
    let cumulative = 0;
    for (let bin = 0; bin < BIN_COUNT; bin++) {
      const inBin = this.mass[bin]!;
      if (inBin === 0) continue;
      if (cumulative + inBin >= target) return this.interpolate(bin, (target - cumulative) / inBin);
      cumulative += inBin;
    }
    return this.maxMs; // only reached through rounding of the running sum
  }

  /** A point `fraction` of the way through a bin's mass, within the observed [min, max]. */
  private interpolate(bin: number, fraction: number): number {
    if (bin === ZERO_BIN) return 0;
    const lowMs = Math.max(EDGES[bin]!, this.minMs);
    const highMs = Math.min(EDGES[bin + 1]!, this.maxMs);
    if (highMs <= lowMs) return lowMs;
    return lowMs + (highMs - lowMs) * Math.min(1, Math.max(0, fraction));
  }

  private noteRange(count: number, lowMs: number, highMs: number): void {
    this.total += count;
    if (lowMs < this.minMs) this.minMs = lowMs;
    if (highMs > this.maxMs) this.maxMs = highMs;
  }
}
