/**
 * Likelihood-ratio sampling of failure clocks: importance sampling for rare events.
 *
 * A failure clock (time to the next failure of a component that is `ageMs` old) is drawn from
 * a biased density g instead of the model's density f, and the run multiplies its weight by
 * f/g, so that E_g[weight · outcome] = E_f[outcome] for any outcome of the run
 * (Heidelberger 1995, "Fast simulation of rare events in queueing and reliability models").
 *
 * The biased density is a defensive mixture (Hesterberg 1995): with probability `force`
 * the clock is drawn from f conditioned on firing within `windowMs`, otherwise from f itself:
 *   g = force · f·1[r < w]/p_w + (1 − force) · f,   p_w = P_f(R < w),
 * so f/g = p_w/(force + (1 − force)·p_w) inside the window and 1/(1 − force) beyond it:
 * one draw never multiplies the weight by more than 1/(1 − force), and force = 0 is f exactly.
 *
 * Clocks are handled in cumulative-hazard space, H(t) = (t/mean) for an exponential and
 * (t/scale)^shape for a Weibull, so the residual life of an aged component is exact for both:
 * P_f(R > r) = exp(−(H(age + r) − H(age))). Other distributions have no `HazardClock` and
 * are never biased.
 *
 * A clock that the caller discards before it fires (the state changed, so the bias changes)
 * takes back its density ratio and contributes the survival ratio S_f(s)/S_g(s) of the time
 * s it survived instead: the conditional expectation of f/g given R > s, which keeps the
 * estimator unbiased and its weights tame (`censor`). A clock that reached s or fired keeps
 * its density ratio.
 *
 * Contract: `drawBiased` uses exactly two uniforms of `rng`; the accumulated log weight lives
 * in a `LikelihoodRatio`, one per run. Unbiased runs never construct either.
 */
import type { DistributionSpec } from "./distributions.js";
import type { Rng } from "./RandomStreams.js";

/** The cumulative hazard of a failure-time distribution and its inverse. */
export interface HazardClock {
  cumulative(timeMs: number): number;
  inverse(hazard: number): number;
}

/** The hazard clock of an exponential or Weibull spec; undefined for any other kind. */
export function hazardClockOf(spec: DistributionSpec): HazardClock | undefined {
  if (spec.kind === "exponential" && spec.mean > 0) {
    const mean = spec.mean;
    return { cumulative: (t) => t / mean, inverse: (h) => h * mean };
  }
  if (spec.kind === "weibull" && spec.scale > 0) {
    const { shape, scale } = spec;
    return { cumulative: (t) => (t / scale) ** shape, inverse: (h) => scale * h ** (1 / shape) };
  }
  return undefined;
}

/** One biased draw: its delay, and what `censor` needs to take its ratio back. */
export interface BiasedDraw {
  readonly delayMs: number;
  readonly logRatio: number;
  readonly clock: HazardClock;
  readonly ageMs: number;
  readonly windowMs: number;
  readonly force: number;
}

/** H(age + r) − H(age): the hazard a component of age `ageMs` accumulates in the next `r` ms. */
function hazardIn(clock: HazardClock, ageMs: number, r: number): number {
  return clock.cumulative(ageMs + r) - clock.cumulative(ageMs);
}

/** The residual r with hazardIn(clock, age, r) = h. */
function residualFor(clock: HazardClock, ageMs: number, h: number): number {
  return clock.inverse(clock.cumulative(ageMs) + h) - ageMs;
}

/**
 * Draws the residual life of a component of age `ageMs` from the mixture above and returns it
 * with ln f/g. `force` in [0, 1): the probability of conditioning on a failure within `windowMs`.
 */
export function drawBiased(
  rng: Rng,
  clock: HazardClock,
  ageMs: number,
  windowMs: number,
  force: number,
): BiasedDraw {
  if (!(force >= 0 && force < 1)) throw new RangeError(`bias probability must be in [0, 1), got ${force}`);
  const windowHazard = windowMs > 0 ? hazardIn(clock, ageMs, windowMs) : 0;
  const pWindow = -Math.expm1(-windowHazard);
  // An empty window has nothing to force into: the draw is then f itself, ratio 1.
  const mix = pWindow > 0 ? force : 0;
  const forced = rng.next() < mix;
  const u = rng.next();
  // Inside the window: P(R ≤ r | R < w) = (1 − e^{−h(r)})/p_w; unconditioned: h(r) = −ln(1 − u).
  const hazard = forced ? -Math.log1p(-u * pWindow) : -Math.log1p(-u);
  const delayMs = residualFor(clock, ageMs, hazard);
  const inside = hazard < windowHazard;
  const logRatio = inside ? Math.log(pWindow) - Math.log(mix + (1 - mix) * pWindow) : -Math.log1p(-mix);
  return { delayMs, logRatio, clock, ageMs, windowMs, force: mix };
}

/**
 * ln S_f(s)/S_g(s) for a draw discarded after surviving `survivedMs` (< its delay):
 * inside the window S_g/S_f = force·P_f(R < w | R > s)/p_w + 1 − force, beyond it 1 − force.
 */
export function survivalLogRatio(draw: BiasedDraw, survivedMs: number): number {
  const { clock, ageMs, windowMs, force } = draw;
  if (survivedMs >= windowMs || force === 0) return -Math.log1p(-force);
  const windowHazard = hazardIn(clock, ageMs, windowMs);
  const pWindow = -Math.expm1(-windowHazard);
  if (pWindow === 0) return -Math.log1p(-force);
  const leftInWindow = -Math.expm1(-(windowHazard - hazardIn(clock, ageMs, survivedMs)));
  return -Math.log((force * leftInWindow) / pWindow + 1 - force);
}

/** The running log weight ln Π f/g of one run. */
export class LikelihoodRatio {
  private logWeight = 0;

  get log(): number {
    return this.logWeight;
  }

  add(logRatio: number): void {
    this.logWeight += logRatio;
  }

  /**
   * A pending draw is discarded after `survivedMs`: if it had not yet reached its delay, its
   * density ratio is replaced by the survival ratio (the run used only "R > s" of it).
   */
  censor(draw: BiasedDraw, survivedMs: number): void {
    if (survivedMs >= draw.delayMs) return;
    this.logWeight += survivalLogRatio(draw, survivedMs) - draw.logRatio;
  }
}
