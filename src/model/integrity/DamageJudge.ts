/**
 * DamageJudge: what slot damage costs in messages, given the group's other copies.
 *
 * Damage costs messages only where no clean copy remains. Damage reported in one instant (a
 * common-mode bug, a fault on a whole backend) is judged together at the end of the instant,
 * after every slot has reported, so replication never "repairs" a shard from a replica that
 * lost the same data. Lost writes are repaired from any holder that kept them; latent errors
 * and corruption lose the share that every holder has damaged now, and the rest waits on its
 * shard for the scrub (or for a rebuild that reads it).
 *
 * Contract: the judge only decides; the world applies (`hooks.applyNow`, `hooks.applyFraction`).
 */
import { MAX_PRIORITY } from "../../engine/EventQueue.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { ProtectionGroups } from "../protection/ProtectionGroups.js";
import type { SlotDamage } from "../storage/StorageBackend.js";

export interface DamageHooks {
  /** Messages the group holds now (its exposure brought up to date). */
  heldMean(group: number): number;
  /** Applies damage that reached every holder to the group's mail, now. */
  applyNow(group: number, damage: SlotDamage): void;
  applyFraction(group: number, kind: "latent-errors" | "corruption", fraction: number): void;
  event(kind: string, detail: Record<string, number | string>): void;
}

export class DamageJudge {
  private readonly batch: { slot: number; damage: SlotDamage }[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly protection: ProtectionGroups,
    private readonly hooks: DamageHooks,
  ) {}

  slotDamaged(slot: number, damage: SlotDamage): void {
    if (this.batch.length === 0) this.sim.callAt(this.sim.nowMs, () => this.settleBatch(), MAX_PRIORITY);
    this.batch.push({ slot, damage });
  }

  private settleBatch(): void {
    const batch = this.batch.splice(0);
    const byGroup = new Map<number, { shard: number; damage: SlotDamage }[]>();
    for (const { slot, damage } of batch) {
      for (const { shard, group } of this.protection.shardsOnSlot(slot)) {
        const list = byGroup.get(group) ?? [];
        list.push({ shard, damage });
        byGroup.set(group, list);
      }
    }
    for (const group of [...byGroup.keys()].sort((a, b) => a - b))
      this.judgeDamage(group, byGroup.get(group)!);
  }

  /** One group's damage of one instant: what reaches every holder is lost now, the rest waits. */
  private judgeDamage(group: number, hits: { shard: number; damage: SlotDamage }[]): void {
    const holders = this.protection.holdingShards(group);
    if (holders.length === 0) return;
    const hitOn = (shard: number, kind: SlotDamage["kind"]) =>
      hits.filter((h) => h.shard === shard && h.damage.kind === kind);
    // Lost writes: repaired from any holder that kept them; lost if every holder lost them.
    const lostWrites = holders.map(
      (s) => hitOn(s, "lost-writes")[0]?.damage as { windowMs: number } | undefined,
    );
    if (lostWrites.some((d) => d !== undefined)) {
      if (lostWrites.every((d) => d !== undefined)) {
        this.hooks.applyNow(group, {
          kind: "lost-writes",
          windowMs: Math.min(...lostWrites.map((d) => d!.windowMs)),
        });
      } else this.hooks.event("lost-writes-repaired", { group });
    }
    for (const kind of ["latent-errors", "corruption"] as const)
      this.judgeFractionDamage(group, holders, hits, kind);
  }

  /**
   * A message is lost (or served corrupted) now if every holder has it damaged: with
   * independent damage the share is the product of the holders' fractions; corruption that
   * propagates reaches every copy with its own fraction. The rest waits on its shard for the
   * scrub (or is met by a rebuild that reads it).
   */
  private judgeFractionDamage(
    group: number,
    holders: number[],
    hits: { shard: number; damage: SlotDamage }[],
    kind: "latent-errors" | "corruption",
  ): void {
    const mine = hits.filter((h) => h.damage.kind === kind);
    if (mine.length === 0) return;
    const propagated = mine.find((h) => h.damage.kind === "corruption" && h.damage.propagate);
    if (propagated && propagated.damage.kind === "corruption") {
      this.hooks.applyNow(group, {
        kind: "corruption",
        fraction: propagated.damage.fraction,
        propagate: true,
      });
      return;
    }
    const product = () => holders.reduce((p, shard) => p * this.protection.pendingDamage(shard, kind), 1);
    const before = product();
    let soleFraction = 0;
    for (const { shard, damage } of mine) {
      if (damage.kind === "lost-writes") continue;
      this.protection.addPendingDamage(shard, kind, damage.fraction, this.hooks.heldMean(group));
      soleFraction = 1 - (1 - soleFraction) * (1 - damage.fraction);
    }
    if (holders.length <= this.protection.dataShards) {
      for (const shard of holders) this.protection.clearPendingDamage(shard, kind);
      this.hooks.applyFraction(group, kind, soleFraction);
      return;
    }
    // Only the newly everywhere-damaged share is lost now; the earlier share already was.
    const after = product();
    if (after > before) this.hooks.applyFraction(group, kind, (after - before) / (1 - before));
  }
}
