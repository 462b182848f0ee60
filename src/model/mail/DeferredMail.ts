/**
 * DeferredMail: what becomes of the mail that arrives while a mailbox cannot accept it.
 *
 * Idea. Mail is never simulated message by message. Between two state changes a group of
 * mailboxes receives a Poisson number of messages; once the outage that deferred them is
 * over (or the horizon cuts it), their fates are fixed by arithmetic on arrival time:
 *   - the MX spool accepts mail for the first `acceptForMs` of an outage and holds it up to
 *     `holdMaxMs` (then the MX bounces it);
 *   - later mail is refused with a 4xx, and each sender retries on its own schedule: the
 *     message is delivered at its first attempt after the store is back, or bounced at its
 *     sender's effective lifetime.
 * For a given restore time the fate is a step function of the arrival time, so each window
 * of arrivals is cut at the steps and its Poisson count split binomially by the exact share
 * of the diurnal rate on each side. Every message keeps an exact class; only the times of
 * individual messages inside a piece stay implicit (they follow the rate profile).
 *
 * Contract: for every call to `resolve`, the counts reported to the observer sum to the
 * Poisson count drawn for that window, and nothing is reported twice.
 *
 * PERF: a piece of the arrival axis is never an object: it travels as (startMs, endMs,
 * count), a split returns only the count before the cut, and a piece leaves either
 * `exitMs` after its own arrival (`exitIsShift`) or all at the time `exitMs`. Both retry
 * models cut their pieces with one loop (`peel`). A 100k-mailbox Libero outage settles
 * ~10^5 pieces per run, and these objects were a tenth of its garbage.
 */
import { binomial, poisson } from "../../engine/distributions.js";
import type { Rng } from "../../engine/RandomStreams.js";
import type { ExitBatch, WaitPlace, WorldObserver } from "../WorldObserver.js";
import type { DiurnalProfile } from "./DiurnalProfile.js";
import { effectiveLifetimeMs, type RetrySchedule } from "./RetrySchedule.js";

export interface SenderClass {
  readonly share: number;
  readonly schedule: RetrySchedule;
}

export interface MailPolicy {
  readonly senders: readonly SenderClass[];
  readonly spoolAcceptForMs: number;
  readonly spoolHoldMaxMs: number;
  readonly spoolCapacityMessages: number;
  readonly diurnal: DiurnalProfile;
  readonly horizonMs: number;
}

type Fate = "deliver" | "bounce-mx" | "bounce-sender";

export class DeferredMail {
  constructor(
    private readonly policy: MailPolicy,
    private readonly rng: Rng,
    private readonly observer: WorldObserver,
    /** Told of every late delivery, so the world can keep it at risk of a later data loss. */
    private readonly onDelivered: (count: number) => void = () => {},
    /** Told of every bounced batch (after the observer), so the world can read bounces so far. */
    private readonly onBounced: (batch: ExitBatch) => void = () => {},
  ) {}

  /** ∫ of the diurnal profile over a window (weighted ms), for exposure bookkeeping. */
  diurnalIntegralMs(startMs: number, endMs: number): number {
    return this.policy.diurnal.integralMs(startMs, endMs);
  }

  /**
   * Draws and settles the arrivals in [windowStartMs, windowEndMs) for mailboxes whose
   * outage began at `outage.startMs`, whose mail the MX spooled until `outage.spoolEndMs`,
   * and whose store reopened at `outage.restoredAtMs` (`Infinity` if it was still closed at
   * the horizon). `baseRatePerMs` is the summed
   * daily-average inbound rate of the mailboxes (the diurnal profile modulates it).
   * Returns the number of messages drawn.
   */
  resolve(
    baseRatePerMs: number,
    outage: { startMs: number; spoolEndMs: number; restoredAtMs: number },
    windowStartMs: number,
    windowEndMs: number,
  ): number {
    const expected = baseRatePerMs * this.policy.diurnal.integralMs(windowStartMs, windowEndMs);
    const total = expected > 0 ? poisson(this.rng, expected) : 0;
    if (total > 0) this.observer.arrived(total);
    let left = total;
    let shareLeft = 1;
    for (const sender of this.policy.senders) {
      const n =
        shareLeft <= sender.share || left === 0 ? left : binomial(this.rng, left, sender.share / shareLeft);
      shareLeft -= sender.share;
      left -= n;
      if (n > 0) this.settleSender(sender.schedule, n, outage, windowStartMs, windowEndMs);
    }
    return total;
  }

  private settleSender(
    schedule: RetrySchedule,
    n: number,
    outage: { startMs: number; spoolEndMs: number; restoredAtMs: number },
    startMs: number,
    endMs: number,
  ): void {
    const { startMs: outageStartMs, spoolEndMs, restoredAtMs } = outage;
    const cutMs = clamp(spoolEndMs, startMs, endMs);
    const spooled = this.countBefore(startMs, endMs, n, spoolEndMs);
    if (spooled > 0) this.settleSpooled(startMs, cutMs, spooled, restoredAtMs);
    if (n - spooled > 0) {
      if (schedule.perHost)
        this.settlePerHost(schedule, cutMs, endMs, n - spooled, outageStartMs, restoredAtMs);
      else this.settlePerMessage(schedule, cutMs, endMs, n - spooled, restoredAtMs);
    }
  }

  /** Spooled mail: delivered when the store reopens unless held past `holdMaxMs`. */
  private settleSpooled(startMs: number, endMs: number, count: number, restoredAtMs: number): void {
    const holdMaxMs = this.policy.spoolHoldMaxMs;
    const cutMs = clamp(restoredAtMs - holdMaxMs, startMs, endMs);
    const expired = this.countBefore(startMs, endMs, count, restoredAtMs - holdMaxMs);
    this.emit(startMs, cutMs, expired, true, holdMaxMs, "mx-spool", restoredAtMs, "bounce-mx");
    this.emit(cutMs, endMs, count - expired, false, restoredAtMs, "mx-spool", restoredAtMs, "deliver");
  }

  /**
   * Per-message schedule: a message arriving at a in [t1 − t_k, t1 − t_{k−1}) first tries
   * again after the reopening t1 at age t_k. It is delivered if t_k is within the
   * effective lifetime, bounced at that lifetime otherwise.
   */
  private settlePerMessage(
    schedule: RetrySchedule,
    startMs: number,
    endMs: number,
    count: number,
    restoredAtMs: number,
  ): void {
    const lifetimeMs = effectiveLifetimeMs(schedule);
    const ages = schedule.attemptAgesMs;
    let steps = 0;
    if (Number.isFinite(restoredAtMs))
      while (steps + 1 < ages.length && ages[steps + 1]! <= lifetimeMs) steps++;
    // At age t_k the younger part (arrived from t1 − t_k on) is delivered; the older goes on.
    this.peel(
      startMs,
      endMs,
      count,
      steps,
      (k) => restoredAtMs - ages[k]!,
      false,
      true,
      (k) => ages[k]!,
      {
        place: "sender",
        restoredAtMs,
        fate: "deliver",
        lifetimeMs,
      },
    );
  }

  /**
   * Per-host schedule: the host retries at fixed times g_j after the outage start. Queued
   * mail goes at the first g_j at or after the reopening; a message bounces at the first
   * failed host retry at which its age has reached the lifetime.
   */
  private settlePerHost(
    schedule: RetrySchedule,
    startMs: number,
    endMs: number,
    count: number,
    outageStartMs: number,
    restoredAtMs: number,
  ): void {
    const grid = schedule.attemptAgesMs;
    const lifetimeMs = schedule.lifetimeMs;
    let j = 0;
    while (j < grid.length - 1 && outageStartMs + grid[j]! < restoredAtMs) j++;
    const deliverAtMs = outageStartMs + grid[j]!;
    const lastFailedMs = j > 0 ? outageStartMs + grid[j - 1]! : Number.NEGATIVE_INFINITY;
    const reopens = Number.isFinite(restoredAtMs) && deliverAtMs >= restoredAtMs;
    // Messages old enough at the last failed retry bounce; the rest go at deliverAtMs.
    const cutMs = reopens ? clamp(lastFailedMs - lifetimeMs, startMs, endMs) : endMs;
    const old = reopens ? this.countBefore(startMs, endMs, count, lastFailedMs - lifetimeMs) : count;
    this.emit(cutMs, endMs, count - old, false, deliverAtMs, "sender", restoredAtMs, "deliver");
    // A bouncing message leaves at the first host retry at or after arrival + lifetime.
    this.peel(
      startMs,
      cutMs,
      old,
      grid.length - 1,
      (k) => outageStartMs + grid[k]! - lifetimeMs + 1e-9,
      true,
      false,
      (k) => outageStartMs + grid[k]!,
      { place: "sender", restoredAtMs, fate: "bounce-sender", lifetimeMs },
    );
  }

  /**
   * The one split-and-emit loop of both retry models: cuts the piece at `cutAtMs(k)` for
   * k = 1 … steps while messages are left; at each cut the part before it (`leavesBefore`)
   * or from it on leaves with exit `exitMs(k)` (a shift after arrival if `exitIsShift`,
   * else a time), and the other part goes on. What is left bounces at the sender's
   * lifetime (`how.lifetimeMs` after arrival).
   */
  private peel(
    startMs: number,
    endMs: number,
    count: number,
    steps: number,
    cutAtMs: (k: number) => number,
    leavesBefore: boolean,
    exitIsShift: boolean,
    exitMs: (k: number) => number,
    how: { place: WaitPlace; restoredAtMs: number; fate: Fate; lifetimeMs: number },
  ): void {
    let start = startMs;
    let end = endMs;
    let left = count;
    for (let k = 1; k <= steps && left > 0; k++) {
      const atMs = cutAtMs(k);
      const cutMs = clamp(atMs, start, end);
      const before = this.countBefore(start, end, left, atMs);
      if (leavesBefore) {
        this.emit(start, cutMs, before, exitIsShift, exitMs(k), how.place, how.restoredAtMs, how.fate);
        start = cutMs;
        left -= before;
      } else {
        this.emit(cutMs, end, left - before, exitIsShift, exitMs(k), how.place, how.restoredAtMs, how.fate);
        end = cutMs;
        left = before;
      }
    }
    this.emit(start, end, left, true, how.lifetimeMs, "sender", how.restoredAtMs, "bounce-sender");
  }

  /** Reports a piece, moving the part whose exit falls after the horizon to "pending". */
  private emit(
    startMs: number,
    endMs: number,
    count: number,
    exitIsShift: boolean,
    exitMs: number,
    place: WaitPlace,
    restoredAtMs: number,
    fate: Fate,
  ): void {
    if (count === 0) return;
    const horizonMs = this.policy.horizonMs;
    // Arrivals in [startMs, cutMs) leave by the horizon; those in [cutMs, endMs) are pending.
    let cutMs = endMs;
    let done = count;
    if (exitIsShift) {
      cutMs = clamp(horizonMs - exitMs + 1e-9, startMs, endMs);
      done = this.countBefore(startMs, endMs, count, horizonMs - exitMs + 1e-9);
    } else if (exitMs > horizonMs) {
      cutMs = startMs;
      done = 0;
    }
    if (done > 0) {
      const batch = this.batch(startMs, cutMs, done, exitIsShift, exitMs, place, restoredAtMs);
      if (fate === "deliver") {
        this.observer.deliveredLate(batch);
        this.onDelivered(batch.count);
      } else {
        this.observer.bounced(batch, fate === "bounce-mx" ? "mx" : "sender");
        this.onBounced(batch);
      }
    }
    if (count - done > 0) {
      this.observer.pendingAtHorizon(
        this.batch(cutMs, endMs, count - done, false, horizonMs, place, restoredAtMs),
      );
    }
  }

  private batch(
    startMs: number,
    endMs: number,
    count: number,
    exitIsShift: boolean,
    exitMs: number,
    place: WaitPlace,
    restoredAtMs: number,
  ): ExitBatch {
    const arrivalMeanMs = this.policy.diurnal.meanTimeMs(startMs, endMs);
    return exitIsShift
      ? {
          count,
          place,
          arrivalStartMs: startMs,
          arrivalEndMs: endMs,
          arrivalMeanMs,
          exitShiftMs: exitMs,
          restoredAtMs,
        }
      : {
          count,
          place,
          arrivalStartMs: startMs,
          arrivalEndMs: endMs,
          arrivalMeanMs,
          exitAtMs: exitMs,
          restoredAtMs,
        };
  }

  /**
   * How many of a piece's `count` arrivals fall before `atMs`: binomial by the exact share
   * of the diurnal rate (all of them, or none, when the cut lies outside the piece).
   */
  private countBefore(startMs: number, endMs: number, count: number, atMs: number): number {
    if (atMs <= startMs) return 0;
    if (atMs >= endMs) return count;
    if (count === 0) return 0;
    const diurnal = this.policy.diurnal;
    const whole = diurnal.integralMs(startMs, endMs);
    const share = whole > 0 ? diurnal.integralMs(startMs, atMs) / whole : 0;
    return binomial(this.rng, count, share);
  }
}

/** Where a cut at `atMs` falls in [startMs, endMs]. */
function clamp(atMs: number, startMs: number, endMs: number): number {
  return atMs <= startMs ? startMs : atMs >= endMs ? endMs : atMs;
}
