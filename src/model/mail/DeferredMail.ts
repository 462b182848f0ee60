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

/** A piece of the arrival axis with its message count. */
interface Piece {
  startMs: number;
  endMs: number;
  count: number;
}

/** How the messages of a piece leave: after a fixed age, or all at one time. */
type Exit = { shiftMs: number; atMs?: undefined } | { atMs: number; shiftMs?: undefined };

export class DeferredMail {
  constructor(
    private readonly policy: MailPolicy,
    private readonly rng: Rng,
    private readonly observer: WorldObserver,
    /** Told of every late delivery, so the world can keep it at risk of a later data loss. */
    private readonly onDelivered: (count: number) => void = () => {},
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
    const [spooled, refused] = this.split({ startMs, endMs, count: n }, spoolEndMs);
    if (spooled.count > 0) this.settleSpooled(spooled, restoredAtMs);
    if (refused.count > 0) {
      if (schedule.perHost) this.settlePerHost(schedule, refused, outageStartMs, restoredAtMs);
      else this.settlePerMessage(schedule, refused, restoredAtMs);
    }
  }

  /** Spooled mail: delivered when the store reopens unless held past `holdMaxMs`. */
  private settleSpooled(piece: Piece, restoredAtMs: number): void {
    const holdMaxMs = this.policy.spoolHoldMaxMs;
    const [expired, kept] = this.split(piece, restoredAtMs - holdMaxMs);
    this.emit(expired, { shiftMs: holdMaxMs }, "mx-spool", restoredAtMs, "bounce-mx");
    this.emit(kept, { atMs: restoredAtMs }, "mx-spool", restoredAtMs, "deliver");
  }

  /**
   * Per-message schedule: a message arriving at a in [t1 − t_k, t1 − t_{k−1}) first tries
   * again after the reopening t1 at age t_k. It is delivered if t_k is within the
   * effective lifetime, bounced at that lifetime otherwise.
   */
  private settlePerMessage(schedule: RetrySchedule, piece: Piece, restoredAtMs: number): void {
    const lifetimeMs = effectiveLifetimeMs(schedule);
    const ages = schedule.attemptAgesMs;
    let rest = piece;
    const reopens = Number.isFinite(restoredAtMs);
    for (let k = 1; reopens && k < ages.length && rest.count > 0; k++) {
      const ageMs = ages[k]!;
      if (ageMs > lifetimeMs) break;
      const [older, younger] = this.split(rest, restoredAtMs - ageMs);
      this.emit(younger, { shiftMs: ageMs }, "sender", restoredAtMs, "deliver");
      rest = older;
    }
    this.emit(rest, { shiftMs: lifetimeMs }, "sender", restoredAtMs, "bounce-sender");
  }

  /**
   * Per-host schedule: the host retries at fixed times g_j after the outage start. Queued
   * mail goes at the first g_j at or after the reopening; a message bounces at the first
   * failed host retry at which its age has reached the lifetime.
   */
  private settlePerHost(
    schedule: RetrySchedule,
    piece: Piece,
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
    const [old, young] = reopens
      ? this.split(piece, lastFailedMs - lifetimeMs)
      : [piece, emptyPiece(piece.endMs)];
    this.emit(young, { atMs: deliverAtMs }, "sender", restoredAtMs, "deliver");
    // A bouncing message leaves at the first host retry at or after arrival + lifetime.
    let rest = old;
    for (let i = 1; i < grid.length && rest.count > 0; i++) {
      const retryMs = outageStartMs + grid[i]!;
      const [bounceHere, later] = this.split(rest, retryMs - lifetimeMs + 1e-9);
      this.emit(bounceHere, { atMs: retryMs }, "sender", restoredAtMs, "bounce-sender");
      rest = later;
    }
    this.emit(rest, { shiftMs: lifetimeMs }, "sender", restoredAtMs, "bounce-sender");
  }

  /** Reports a piece, moving the part whose exit falls after the horizon to "pending". */
  private emit(
    piece: Piece,
    exit: Exit,
    place: WaitPlace,
    restoredAtMs: number,
    fate: "deliver" | "bounce-mx" | "bounce-sender",
  ): void {
    if (piece.count === 0) return;
    const horizonMs = this.policy.horizonMs;
    let done = piece;
    let pending = emptyPiece(piece.endMs);
    if (exit.shiftMs !== undefined) [done, pending] = this.split(piece, horizonMs - exit.shiftMs + 1e-9);
    else if (exit.atMs > horizonMs) [done, pending] = [emptyPiece(piece.startMs), piece];
    if (done.count > 0) {
      const batch = this.batch(done, exit, place, restoredAtMs);
      if (fate === "deliver") {
        this.observer.deliveredLate(batch);
        this.onDelivered(batch.count);
      } else this.observer.bounced(batch, fate === "bounce-mx" ? "mx" : "sender");
    }
    if (pending.count > 0)
      this.observer.pendingAtHorizon(this.batch(pending, { atMs: horizonMs }, place, restoredAtMs));
  }

  private batch(piece: Piece, exit: Exit, place: WaitPlace, restoredAtMs: number): ExitBatch {
    return {
      count: piece.count,
      place,
      arrivalStartMs: piece.startMs,
      arrivalEndMs: piece.endMs,
      arrivalMeanMs: this.policy.diurnal.meanTimeMs(piece.startMs, piece.endMs),
      ...(exit.shiftMs !== undefined ? { exitShiftMs: exit.shiftMs } : { exitAtMs: exit.atMs }),
      restoredAtMs,
    };
  }

  /** Splits a piece at `atMs`: arrivals before it and from it on, binomially by rate share. */
  private split(piece: Piece, atMs: number): [Piece, Piece] {
    if (atMs <= piece.startMs) return [emptyPiece(piece.startMs), piece];
    if (atMs >= piece.endMs) return [piece, emptyPiece(piece.endMs)];
    const diurnal = this.policy.diurnal;
    const whole = diurnal.integralMs(piece.startMs, piece.endMs);
    const share = whole > 0 ? diurnal.integralMs(piece.startMs, atMs) / whole : 0;
    const before = piece.count > 0 ? binomial(this.rng, piece.count, share) : 0;
    return [
      { startMs: piece.startMs, endMs: atMs, count: before },
      { startMs: atMs, endMs: piece.endMs, count: piece.count - before },
    ];
  }
}

function emptyPiece(atMs: number): Piece {
  return { startMs: atMs, endMs: atMs, count: 0 };
}
