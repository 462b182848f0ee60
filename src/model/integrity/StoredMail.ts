/**
 * StoredMail: what each protection group holds, and what a loss or damage costs in messages.
 *
 * Mail stored on arrival is never drawn message by message: a group accumulates *exposure*,
 * the Poisson mean of the messages it has stored since it was last settled. Mail already
 * reported (late deliveries, and stored mail drawn early by a partial damage) is tracked as
 * counts "at risk". A loss or damage settles what it touches:
 *   - total loss: every message the group held moves to the given class (silently lost);
 *   - a lost window (asynchronous failover): the window's exposure is drawn as lost;
 *   - partial damage of a fraction f: each held message is hit with probability f
 *     (binomial), the rest stay stored.
 * Splitting a Poisson count this way is exact in distribution, so the ledger stays exact
 * while the cost stays one draw per group per event.
 *
 * Contract: every message ends in exactly one class: `finish()` reports the remaining
 * exposure as stored intact; counts at risk were reported when they arrived. Every draw
 * from the exposure is reported as `arrived` first, apart from the class it goes to, so the
 * ledger can check that the classes add up.
 */
import { binomial, poisson } from "../../engine/distributions.js";
import type { Rng } from "../../engine/RandomStreams.js";
import type { FinalClass, WorldObserver } from "../WorldObserver.js";

export class StoredMail {
  /** Poisson mean of stored-on-arrival messages not yet drawn. */
  private readonly exposure: Float64Array;
  /** Messages reported as stored intact but still held (they can still be lost). */
  private readonly storedAtRisk: Float64Array;
  /** Messages reported as delivered late and still held. */
  private readonly lateAtRisk: Float64Array;
  /** What the last backup of each group holds: exposure and at-risk counts at that moment. */
  private readonly backedExposure: Float64Array;
  private readonly backedStored: Float64Array;
  private readonly backedLate: Float64Array;
  /** Messages lost with their group but held by its backup: pending until the restore completes. */
  private readonly awaitingRestore: Float64Array;

  constructor(
    groupCount: number,
    private readonly rng: Rng,
    private readonly observer: WorldObserver,
  ) {
    this.exposure = new Float64Array(groupCount);
    this.storedAtRisk = new Float64Array(groupCount);
    this.lateAtRisk = new Float64Array(groupCount);
    this.backedExposure = new Float64Array(groupCount);
    this.backedStored = new Float64Array(groupCount);
    this.backedLate = new Float64Array(groupCount);
    this.awaitingRestore = new Float64Array(groupCount);
  }

  /** A backup of the group is taken now: it holds everything the group holds (exposure is up to date). */
  backup(group: number): void {
    this.backedExposure[group] = this.exposure[group]!;
    this.backedStored[group] = this.storedAtRisk[group]!;
    this.backedLate[group] = this.lateAtRisk[group]!;
  }

  /**
   * Total loss with a backup: what the backup holds waits for the restore (pending), the rest
   * — stored after the backup — is silently lost. Returns both counts.
   */
  loseAllBehindBackup(group: number): { lost: number; awaiting: number } {
    const backedMean = Math.min(this.backedExposure[group]!, this.exposure[group]!);
    const afterMean = this.exposure[group]! - backedMean;
    this.exposure[group] = 0;
    const backedDrawn = backedMean > 0 ? poisson(this.rng, backedMean) : 0;
    const afterDrawn = afterMean > 0 ? poisson(this.rng, afterMean) : 0;
    if (backedDrawn + afterDrawn > 0) this.observer.arrived(backedDrawn + afterDrawn);
    const backedStored = Math.min(this.backedStored[group]!, this.storedAtRisk[group]!);
    const backedLate = Math.min(this.backedLate[group]!, this.lateAtRisk[group]!);
    const afterStored = this.storedAtRisk[group]! - backedStored;
    const afterLate = this.lateAtRisk[group]! - backedLate;
    this.report(afterDrawn, afterStored, afterLate, "silentlyLost");
    this.report(backedDrawn, backedStored, backedLate, "pending");
    this.storedAtRisk[group] = 0;
    this.lateAtRisk[group] = 0;
    this.backedExposure[group] = this.backedStored[group] = this.backedLate[group] = 0;
    const awaiting = backedDrawn + backedStored + backedLate;
    this.awaitingRestore[group]! += awaiting;
    return { lost: afterDrawn + afterStored + afterLate, awaiting };
  }

  /** The group's restore completed: its awaited messages are recovered and held again. */
  restored(group: number): number {
    const count = this.awaitingRestore[group]!;
    this.awaitingRestore[group] = 0;
    if (count > 0) this.observer.reclassified(count, "pending", "recovered");
    return count;
  }

  private report(drawn: number, stored: number, late: number, to: FinalClass): void {
    if (drawn > 0) this.observer.classified(drawn, to);
    if (stored > 0) this.observer.reclassified(stored, "storedIntact", to);
    if (late > 0) this.observer.reclassified(late, "deliveredLate", to);
  }

  /** Expected messages the group holds now (undrawn exposure plus counts at risk). */
  heldMean(group: number): number {
    return this.exposure[group]! + this.storedAtRisk[group]! + this.lateAtRisk[group]!;
  }

  addExposure(group: number, mean: number): void {
    this.exposure[group]! += mean;
  }

  addLate(group: number, count: number): void {
    this.lateAtRisk[group]! += count;
  }

  /** Every message the group holds moves to `to`. Returns how many. */
  loseAll(group: number, to: FinalClass): number {
    const drawn = this.drawExposure(group);
    const stored = this.storedAtRisk[group]!;
    const late = this.lateAtRisk[group]!;
    this.report(drawn, stored, late, to);
    this.storedAtRisk[group] = 0;
    this.lateAtRisk[group] = 0;
    return drawn + stored + late;
  }

  /** The messages of a window with Poisson mean `mean` (already in the exposure) move to `to`. */
  loseWindow(group: number, mean: number, to: FinalClass): number {
    const take = Math.min(mean, this.exposure[group]!);
    if (!(take > 0)) return 0;
    this.exposure[group]! -= take;
    const lost = poisson(this.rng, take);
    if (lost > 0) {
      this.observer.arrived(lost);
      this.observer.classified(lost, to);
    }
    return lost;
  }

  /**
   * Each held message is hit with probability `fraction` and moves to `to`. Returns how many.
   * The exposure is drawn first into counts at risk, and the backup keeps track of which of
   * them it holds (a thinning of the draw), so a later total loss still finds them backed up.
   */
  damageFraction(group: number, fraction: number, to: FinalClass): number {
    this.drawIntoStored(group);
    const hitStored = this.hitSplit(this.storedAtRisk, this.backedStored, group, fraction);
    const hitLate = this.hitSplit(this.lateAtRisk, this.backedLate, group, fraction);
    if (hitStored > 0) this.observer.reclassified(hitStored, "storedIntact", to);
    if (hitLate > 0) this.observer.reclassified(hitLate, "deliveredLate", to);
    return hitStored + hitLate;
  }

  /** Draws the exposure as stored messages at risk; the backup's share of it stays backed. */
  private drawIntoStored(group: number): void {
    const mean = this.exposure[group]!;
    const backedMean = Math.min(this.backedExposure[group]!, mean);
    this.exposure[group] = 0;
    this.backedExposure[group] = 0;
    if (!(mean > 0)) return;
    const drawn = poisson(this.rng, mean);
    if (drawn === 0) return;
    this.observer.arrived(drawn);
    this.observer.storedIntact(drawn);
    this.storedAtRisk[group]! += drawn;
    this.backedStored[group]! += backedMean > 0 ? binomial(this.rng, drawn, backedMean / mean) : 0;
  }

  /** Hits each of `held[group]` messages with probability `fraction`, backed ones and the rest alike. */
  private hitSplit(held: Float64Array, backed: Float64Array, group: number, fraction: number): number {
    const backedNow = Math.min(backed[group]!, held[group]!);
    const hitBacked = binomial(this.rng, backedNow, fraction);
    const hitRest = binomial(this.rng, held[group]! - backedNow, fraction);
    held[group]! -= hitBacked + hitRest;
    backed[group] = backedNow - hitBacked;
    return hitBacked + hitRest;
  }

  /** At the horizon: the exposure nobody touched is stored intact, one draw per group. */
  finish(): void {
    for (let g = 0; g < this.exposure.length; g++) {
      const drawn = this.drawExposure(g);
      if (drawn > 0) this.observer.storedIntact(drawn);
    }
  }

  /** Draws the group's exposure: these messages arrive now, for the ledger. */
  private drawExposure(group: number): number {
    const mean = this.exposure[group]!;
    this.exposure[group] = 0;
    const drawn = mean > 0 ? poisson(this.rng, mean) : 0;
    if (drawn > 0) this.observer.arrived(drawn);
    return drawn;
  }
}
