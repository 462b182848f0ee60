/**
 * FailureBiasing: balanced failure biasing for one run, the importance-sampling policy of
 * `maildrill estimate` (docs/model.md#rare-events-by-importance-sampling).
 *
 * Data loss in a replicated store needs several failures close together; a plain run almost
 * never sees that. Failure biasing (Shahabuddin 1994; Nakayama & Shahabuddin 2004; the default
 * of Greenan's HFRS reliability simulator) makes it common and corrects with the likelihood ratio:
 * - while a group of clocks (a protection group's shards, a backend's nodes, a RAID shelf's
 *   disks, an OS bug's units: faults/BiasedClocks.ts) is whole and has never failed, its
 *   first failure is forced within the horizon with probability `forceFirst` (default 0.8,
 *   HFRS); once repaired to whole again its clocks run unbiased (forcing every return to whole would multiply the
 *   weight down cycle after cycle, the heavy-tailed weights of docs/model.md);
 * - while it is degraded (a copy or a node missing), another failure before the pending repair completes
 *   gets probability `degraded` (default 0.5, as SimEDC), instead of the tiny λ/μ.
 * "Balanced": the probability is shared evenly between the k competing clocks of the group,
 * each forced with 1 − (1 − p)^(1/k), so that some failure is forced with probability p.
 *
 * Contract: `draw` returns a `BiasedDraw` (engine/LikelihoodRatio) and adds its ln f/g to
 * `ratio`; `discard` censors a pending draw; `closeAt` censors every tracked clock's pending
 * draw at the end of the run. Only failure clocks go through here; mail
 * arrivals, senders, repairs and migrations are never biased.
 */
import type { DistributionSpec } from "../../engine/distributions.js";
import {
  type BiasedDraw,
  drawBiased,
  type HazardClock,
  hazardClockOf,
  LikelihoodRatio,
} from "../../engine/LikelihoodRatio.js";
import type { Rng } from "../../engine/RandomStreams.js";

/** What holds pending draws that the end of the run censors (BiasedClocks). */
interface PendingDraws {
  closeAt(endMs: number): void;
}

export interface BiasSettings {
  /** Probability that a whole group's first failure is forced within the horizon. */
  readonly forceFirst: number;
  /** Probability that a degraded group fails again before its pending repair completes. */
  readonly degraded: number;
}

/** HFRS forces the first failure with 0.8; SimEDC biases later failures with 0.5. */
export const DEFAULT_BIAS: BiasSettings = { forceFirst: 0.8, degraded: 0.5 };

/** A group before its first failure, with a copy missing, or whole again after a repair. */
export type GroupState = "first" | "degraded" | "whole-again";

export class FailureBiasing {
  readonly ratio = new LikelihoodRatio();
  private readonly pending: PendingDraws[] = [];

  constructor(
    readonly settings: BiasSettings,
    private readonly horizonMs: number,
  ) {
    for (const p of [settings.forceFirst, settings.degraded]) {
      if (!(p >= 0 && p < 1)) throw new RangeError(`bias probability must be in [0, 1), got ${p}`);
    }
  }

  /** The clock a failure spec can be biased through, or undefined (then it is drawn unbiased). */
  clockOf(spec: DistributionSpec): HazardClock | undefined {
    return hazardClockOf(spec);
  }

  /**
   * Draws one of `competing` clocks of a group for a component of age `ageMs`: forced before
   * `repairDoneAtMs` when degraded (or before the horizon when no repair is pending), before
   * the horizon when whole for the first time, unbiased when whole again.
   */
  draw(
    rng: Rng,
    clock: HazardClock,
    ageMs: number,
    nowMs: number,
    state: GroupState,
    repairDoneAtMs: number,
    competing: number,
  ): BiasedDraw {
    const degraded = state === "degraded";
    const total = degraded ? this.settings.degraded : state === "first" ? this.settings.forceFirst : 0;
    const endMs = degraded && repairDoneAtMs >= 0 ? Math.min(repairDoneAtMs, this.horizonMs) : this.horizonMs;
    const perClock = -Math.expm1(Math.log1p(-total) / Math.max(1, competing));
    const draw = drawBiased(rng, clock, ageMs, endMs - nowMs, perClock);
    this.ratio.add(draw.logRatio);
    return draw;
  }

  /** A pending draw is cancelled after `survivedMs`. */
  discard(draw: BiasedDraw, survivedMs: number): void {
    this.ratio.censor(draw, survivedMs);
  }

  /** Clocks whose pending draws `closeAt` censors, in the order they were built. */
  track(clocks: PendingDraws): void {
    this.pending.push(clocks);
  }

  /**
   * The run ended at `endMs` (the horizon, or the stop at a first data loss): a clock still
   * pending was seen only to survive until then, so its density ratio becomes the survival ratio
   * (the conditional expectation of its ratio given what the run saw; lower variance, no bias).
   */
  closeAt(endMs: number): void {
    for (const clocks of this.pending) clocks.closeAt(endMs);
  }
}
