/**
 * DiurnalProfile: how a mailbox's inbound rate varies over the day.
 *
 * Mail does not arrive evenly: the rate follows the working day. A profile is 24 hourly
 * weights with mean 1, so a mailbox receiving `r` messages per day receives
 * `r × w(t) / 1 day` per ms at time t, and exactly `r` per day on average. Run time 0 is
 * midnight.
 *
 * Contract: everything is exact for the piecewise-constant weights: the integral of w
 * (expected arrivals per unit rate), the share of a window's arrivals that falls before a
 * point (to split a Poisson count binomially), and the mean arrival time in a window.
 */
import { MS_PER_DAY, MS_PER_HOUR } from "../../engine/time.js";

const HOURS = 24;

/** Presets; assumptions documented in docs/model.md (no public per-hour mail curve was found). */
const PRESET_WEIGHTS: Record<string, readonly number[]> = {
  flat: Array.from({ length: HOURS }, () => 1),
  // Consumer mail: a quiet night, a morning rise, a broad evening peak.
  consumer: [
    0.35, 0.25, 0.2, 0.2, 0.25, 0.4, 0.7, 1.0, 1.2, 1.3, 1.3, 1.3, 1.25, 1.25, 1.3, 1.3, 1.3, 1.35, 1.4, 1.45,
    1.4, 1.2, 0.9, 0.6,
  ],
  // Business mail: office hours dominate.
  business: [
    0.15, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.1, 1.9, 2.2, 2.2, 2.0, 1.7, 1.9, 2.1, 2.0, 1.8, 1.4, 0.9, 0.6, 0.4,
    0.3, 0.2, 0.15,
  ],
};

export class DiurnalProfile {
  private readonly weights = new Float64Array(HOURS);
  /** prefixMs[h] = ∫ w over [0, h hours) of a day, in weighted ms. */
  private readonly prefixMs = new Float64Array(HOURS + 1);
  /** Σ_h w_h · H² · (h + ½): the first moment of one day's weight about the day's start. */
  private readonly dayMomentMs2: number;
  /** Every weight is 1 (PERF: read on every settled piece, so decided once). */
  readonly isFlat: boolean;

  constructor(rawWeights: readonly number[]) {
    const total = rawWeights.reduce((a, b) => a + b, 0);
    if (rawWeights.length !== HOURS || !(total > 0))
      throw new RangeError("a diurnal profile needs 24 weights, not all zero");
    let moment = 0;
    for (let h = 0; h < HOURS; h++) {
      const w = (rawWeights[h]! * HOURS) / total;
      this.weights[h] = w;
      this.prefixMs[h + 1] = this.prefixMs[h]! + w * MS_PER_HOUR;
      moment += w * MS_PER_HOUR * MS_PER_HOUR * (h + 0.5);
    }
    this.dayMomentMs2 = moment;
    this.isFlat = this.weights.every((w) => w === 1);
  }

  static preset(name: string): DiurnalProfile {
    const weights = PRESET_WEIGHTS[name];
    if (weights === undefined) throw new RangeError(`unknown diurnal profile ${name}`);
    return new DiurnalProfile(weights);
  }

  /** ∫₀ᵗ w(u) du in weighted ms (equals t for a flat profile). */
  cumulativeMs(timeMs: number): number {
    const days = Math.floor(timeMs / MS_PER_DAY);
    const inDayMs = timeMs - days * MS_PER_DAY;
    const hour = Math.min(HOURS - 1, Math.floor(inDayMs / MS_PER_HOUR));
    return days * MS_PER_DAY + this.prefixMs[hour]! + this.weights[hour]! * (inDayMs - hour * MS_PER_HOUR);
  }

  /** The time t at which cumulativeMs(t) = mass: the inverse of the cumulative profile. */
  timeAtCumulativeMs(mass: number): number {
    const days = Math.floor(mass / MS_PER_DAY);
    const inDay = mass - days * MS_PER_DAY;
    let hour = 0;
    while (hour < HOURS - 1 && this.prefixMs[hour + 1]! <= inDay) hour++;
    // Hours with zero weight carry no mass: step past them so time moves forward.
    while (hour < HOURS - 1 && this.weights[hour] === 0) hour++;
    const w = this.weights[hour]!;
    const withinHourMs = w > 0 ? (inDay - this.prefixMs[hour]!) / w : 0;
    return days * MS_PER_DAY + hour * MS_PER_HOUR + Math.min(MS_PER_HOUR, withinHourMs);
  }

  /** ∫ w over [startMs, endMs): multiply by a per-ms base rate to get the expected arrivals. */
  integralMs(startMs: number, endMs: number): number {
    return endMs > startMs ? this.cumulativeMs(endMs) - this.cumulativeMs(startMs) : 0;
  }

  /** Mean arrival time in [startMs, endMs) when arrivals follow w: ∫ t·w / ∫ w. */
  meanTimeMs(startMs: number, endMs: number): number {
    if (!(endMs > startMs)) return startMs;
    if (this.isFlat) return (startMs + endMs) / 2;
    const mass = this.integralMs(startMs, endMs);
    return mass > 0 ? this.momentMs2(startMs, endMs) / mass : (startMs + endMs) / 2;
  }

  /** ∫ t·w(t) dt over [startMs, endMs): whole days in closed form, the ends hour by hour. */
  private momentMs2(startMs: number, endMs: number): number {
    const firstWholeDay = Math.ceil(startMs / MS_PER_DAY);
    const lastWholeDay = Math.floor(endMs / MS_PER_DAY);
    if (lastWholeDay <= firstWholeDay) return this.momentByHours(startMs, endMs);
    const days = lastWholeDay - firstWholeDay;
    // Σ over whole days d of (d·D·D + dayMoment): the weights of a day sum to D.
    const daySum = ((firstWholeDay + lastWholeDay - 1) * days) / 2;
    const wholeDays = daySum * MS_PER_DAY * MS_PER_DAY + days * this.dayMomentMs2;
    return (
      this.momentByHours(startMs, firstWholeDay * MS_PER_DAY) +
      wholeDays +
      this.momentByHours(lastWholeDay * MS_PER_DAY, endMs)
    );
  }

  private momentByHours(startMs: number, endMs: number): number {
    let sum = 0;
    let t = startMs;
    while (t < endMs) {
      const nextHourMs = (Math.floor(t / MS_PER_HOUR) + 1) * MS_PER_HOUR;
      const pieceEnd = Math.min(endMs, nextHourMs);
      const hour = Math.floor((t % MS_PER_DAY) / MS_PER_HOUR);
      sum += (this.weights[hour]! * (pieceEnd * pieceEnd - t * t)) / 2;
      t = pieceEnd;
    }
    return sum;
  }
}
