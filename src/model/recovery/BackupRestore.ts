/**
 * BackupRestore: backups on a schedule, and restores when a group loses every copy.
 *
 * Every `every`, each group is backed up (what it holds is captured; the backup is kept by
 * a different path, so storage faults never reach it). When a group loses all its copies,
 * what its last backup holds waits to be restored and what arrived after it is silently
 * lost — the RPO. After `startAfter` (detection, decision) the group's restore joins the
 * restore pipeline, which shares the restore bandwidth among at most `parallelism` restores
 * in the chosen order (`RestoreScheduler`). The restore unit is the protection group: a
 * volume or a mailbox database restores as one piece; to study per-mailbox restore order,
 * give each mailbox its own group.
 *
 * A restore needs somewhere to land: the group's own slots, usable again (a lost node
 * replaced, a crashed one back; docs/model.md#backups-and-restore). A restore whose landing
 * place is down when it is due waits, out of the pipeline, until the place is back; one
 * whose landing place goes down while it runs is withdrawn (its bytes so far are wasted) and
 * waits the same way. So the time to restore includes the hardware lead time, never a
 * restore "completed" onto a node that is not there.
 *
 * Without dial-tone the group stays down until its restore completes. With dial-tone it is
 * given an empty store after `dialTone.after` and serves new mail at once; its history comes
 * back when the restore completes ("service restored, data pending", docs/model.md#backups-and-restore).
 */
import type { Simulation } from "../../engine/Simulation.js";
import { type RestoreOrder, RestoreScheduler } from "./RestoreScheduler.js";

export interface BackupSpec {
  readonly everyMs: number;
  readonly restoreBandwidthBytesPerSec: number;
  /** Each restore's own cap (one stream); Infinity when only the pool limits it. */
  readonly streamBandwidthBytesPerSec: number;
  readonly parallelism: number;
  readonly order: RestoreOrder;
  readonly startAfterMs: number;
  readonly dialToneAfterMs: number | undefined;
}

export interface BackupWorld {
  /** Takes a backup of every group now. */
  backupAll(): void;
  groupBytes(group: number): number;
  groupActivity(group: number): number;
  groupTier(group: number): number;
  mailboxes(group: number): number;
  /** Whether a restore could land on the group's slots now. */
  canLand(group: number): boolean;
  /** The restore landed on the group's usable slots (before `restored` and the release). */
  landRestore(group: number): void;
  event(kind: string, detail: Record<string, number | string>): void;
  /** Holds a group down (true) or lets its shards decide again (false). */
  hold(group: number, held: boolean): void;
  /** The group's history is back, at the exact (fractional) `completedAtMs`. */
  restored(group: number, lostAtMs: number, completedAtMs: number): void;
}

export class BackupRestore {
  private readonly scheduler: RestoreScheduler;
  /** When each group's data was first lost since its last completed restore. */
  private readonly lostAtMs = new Map<number, number>();
  private readonly lossGeneration = new Map<number, number>();
  /** Groups whose restore is due but whose landing place is down. */
  private readonly awaitingLanding = new Set<number>();
  /** Groups whose restore is in the pipeline (queued or running). */
  private readonly inPipeline = new Set<number>();

  constructor(
    private readonly spec: BackupSpec,
    private readonly sim: Simulation,
    private readonly world: BackupWorld,
    private readonly horizonMs: number,
  ) {
    this.scheduler = new RestoreScheduler(
      sim,
      {
        bandwidthBytesPerSec: spec.restoreBandwidthBytesPerSec,
        streamBandwidthBytesPerSec: spec.streamBandwidthBytesPerSec,
        parallelism: spec.parallelism,
        order: spec.order,
        name: "restore",
      },
      (group, completedAtMs) => this.onRestored(group, completedAtMs),
    );
  }

  start(): void {
    for (let atMs = this.spec.everyMs; atMs <= this.horizonMs; atMs += this.spec.everyMs) {
      this.sim.callAt(atMs, () => this.world.backupAll(), -1);
    }
  }

  /** A group lost every copy: hold it down, and queue its restore after the start delay. */
  groupLost(group: number): void {
    const nowMs = this.sim.nowMs;
    // A newer loss supersedes an older one, even in the same millisecond: its restore replaces the old.
    const generation = (this.lossGeneration.get(group) ?? 0) + 1;
    this.lossGeneration.set(group, generation);
    this.scheduler.cancel(group);
    this.inPipeline.delete(group);
    this.awaitingLanding.delete(group);
    if (!this.lostAtMs.has(group)) this.lostAtMs.set(group, nowMs);
    this.world.hold(group, true);
    const dialTone = this.spec.dialToneAfterMs;
    if (dialTone !== undefined) {
      this.sim.callAt(nowMs + dialTone, () => {
        if (this.lossGeneration.get(group) === generation) this.world.hold(group, false);
      });
    }
    this.sim.callAt(nowMs + this.spec.startAfterMs, () => {
      if (this.lossGeneration.get(group) !== generation) return;
      if (this.world.canLand(group)) this.submit(group);
      else this.awaitLanding(group);
    });
  }

  /** Whether any restore is due or running, so the world need not report slot changes otherwise. */
  get watchesLanding(): boolean {
    return this.awaitingLanding.size > 0 || this.inPipeline.size > 0;
  }

  /** A slot of the group changed access: a waiting restore may start, a running one may stop. */
  landingChanged(group: number): void {
    if (this.awaitingLanding.has(group)) {
      if (!this.world.canLand(group)) return;
      this.awaitingLanding.delete(group);
      this.world.event("restore-landing-up", { group });
      this.submit(group);
    } else if (this.inPipeline.has(group) && !this.world.canLand(group)) {
      this.scheduler.cancel(group);
      this.inPipeline.delete(group);
      this.awaitLanding(group);
    }
  }

  private awaitLanding(group: number): void {
    this.awaitingLanding.add(group);
    this.world.event("restore-landing-down", { group });
  }

  private submit(group: number): void {
    this.inPipeline.add(group);
    this.scheduler.submit({
      id: group,
      sizeBytes: this.world.groupBytes(group),
      activity: this.world.groupActivity(group),
      tier: this.world.groupTier(group),
    });
  }

  /** At the end of a run: the restore queue's totals for Little's law. */
  queueTotals(atMs: number): { integralJobMs: number; sojournSumJobMs: number } {
    return {
      integralJobMs: this.scheduler.jobsInSystemIntegralMs(atMs),
      sojournSumJobMs: this.scheduler.completedSojournSumMs + this.scheduler.withdrawnSojournSumMs,
    };
  }

  private onRestored(group: number, completedAtMs: number): void {
    const lostAtMs = this.lostAtMs.get(group)!;
    this.lostAtMs.delete(group);
    this.inPipeline.delete(group);
    this.world.landRestore(group);
    this.world.restored(group, lostAtMs, completedAtMs);
    if (this.spec.dialToneAfterMs === undefined) this.world.hold(group, false);
  }
}
