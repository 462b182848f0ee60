/**
 * MailDamage: what a data loss or unrepairable damage does to a group's stored mail.
 *
 * Idea. The protection groups and the `DamageJudge` decide *that* a group lost something —
 * every copy, the writes in an asynchronous failover's lag, a share of its messages that no
 * clean copy keeps. This turns each verdict into messages moved between the integrity
 * ledger's classes (`StoredMail`), measured with the diurnal arrival mass over the right
 * window: the lag before the outage for an async failover; for lost writes, the window
 * within the group's last Up stretch (only writes acknowledged while it was up can be lost).
 * A group that loses every copy keeps, behind a backup, what the backup holds (awaiting its
 * restore); the rest is silently lost (docs/model.md#backups-and-restore).
 *
 * Contract: every method first brings an Up group's exposure up to date, so the ledger
 * counts everything stored until now; each reports one storage event naming the messages it
 * moved. `dataLost` tells the rollout's listener and the observer, hands the group to the
 * backups when there are any, and stops the run when the spec asks to stop at the first
 * data loss. It decides nothing about copies: that is `ProtectionGroups` and `DamageJudge`.
 */
import type { Simulation } from "../../engine/Simulation.js";
import type { GroupAccess } from "../GroupAccess.js";
import type { GroupListener } from "../MigrationPort.js";
import type { DeferredMail } from "../mail/DeferredMail.js";
import type { Placement } from "../Placement.js";
import type { BackupRestore } from "../recovery/BackupRestore.js";
import type { SlotDamage } from "../storage/StorageBackend.js";
import type { WorldObserver } from "../WorldObserver.js";
import type { StoredMail } from "./StoredMail.js";

/** The world's parts a loss reads and reaches. */
export interface MailDamageParts {
  readonly sim: Simulation;
  readonly placement: Placement;
  readonly groups: GroupAccess;
  readonly mail: DeferredMail;
  readonly stored: StoredMail;
  readonly observer: WorldObserver;
  readonly backups: BackupRestore | undefined;
  readonly stopAtFirstDataLoss: boolean;
  /** The rollout's listener, read at each loss (it is attached after the world is built). */
  listener(): GroupListener | undefined;
  bringExposureUpToDate(group: number): void;
  event(kind: string, detail: Record<string, number | string>): void;
}

export class MailDamage {
  constructor(private readonly parts: MailDamageParts) {}

  /** Every copy is gone: what a backup holds waits for its restore, the rest is silently lost. */
  dataLost(group: number): void {
    const { sim, stored, backups } = this.parts;
    this.parts.listener()?.dataLost(group);
    this.parts.bringExposureUpToDate(group);
    this.parts.observer.dataLost(sim.nowMs, group, this.parts.placement.groupMailboxes[group]!);
    if (backups) {
      const { lost, awaiting } = stored.loseAllBehindBackup(group);
      this.parts.event("data-loss", { group, messages: lost, awaitingRestore: awaiting });
      backups.groupLost(group);
    } else {
      this.parts.event("data-loss", { group, messages: stored.loseAll(group, "silentlyLost") });
    }
    if (this.parts.stopAtFirstDataLoss) sim.stop();
  }

  /** An asynchronous failover dropped the writes acknowledged in the lag before the outage. */
  lagLost(group: number, windowMs: number): void {
    const outageStartMs = this.parts.groups.outageStart(group);
    const mass = this.parts.mail.diurnalIntegralMs(Math.max(0, outageStartMs - windowMs), outageStartMs);
    const ratePerMs = this.parts.placement.groupRatePerMs[group]!;
    const lost = this.parts.stored.loseWindow(group, ratePerMs * mass, "silentlyLost");
    this.parts.event("async-lag-loss", { group, messages: lost });
  }

  /**
   * Damage that waited on a shard is met by a rebuild: it hits the messages the group held
   * when the damage happened, not those stored since — approximated by thinning what is held
   * now by the share held then (exact in expectation).
   */
  pendingDamageMet(
    group: number,
    kind: "latent-errors" | "corruption",
    fraction: number,
    heldAtDamage: number,
  ): void {
    this.parts.bringExposureUpToDate(group);
    const heldNow = this.parts.stored.heldMean(group);
    const share = heldNow > 0 ? Math.min(1, heldAtDamage / heldNow) : 0;
    this.applyFraction(group, kind, fraction * share);
  }

  /** Damage that reached every holder hits the group's mail now (see DamageJudge). */
  applyFraction(group: number, kind: "latent-errors" | "corruption", fraction: number): void {
    if (!(fraction > 0)) return;
    this.applyNow(group, kind === "corruption" ? { kind, fraction, propagate: false } : { kind, fraction });
  }

  applyNow(group: number, damage: SlotDamage): void {
    this.parts.bringExposureUpToDate(group);
    const hit = this.apply(group, damage);
    this.parts.event(`${damage.kind}-unrepairable`, { group, messages: hit });
  }

  private apply(group: number, damage: SlotDamage): number {
    const { stored, groups } = this.parts;
    switch (damage.kind) {
      case "latent-errors":
        return stored.damageFraction(group, damage.fraction, "silentlyLost");
      case "corruption":
        return stored.damageFraction(group, damage.fraction, "corruptedServed");
      case "lost-writes": {
        // Only writes acknowledged while the group was up: the window within its last Up stretch.
        const nowMs = this.parts.sim.nowMs;
        const upEndMs = groups.isUp(group) ? nowMs : groups.outageStart(group);
        const fromMs = Math.max(nowMs - damage.windowMs, groups.upStart(group));
        const mass = this.parts.mail.diurnalIntegralMs(fromMs, upEndMs);
        return stored.loseWindow(group, this.parts.placement.groupRatePerMs[group]! * mass, "silentlyLost");
      }
    }
  }
}
