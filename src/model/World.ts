/**
 * World: the mail service on its storage, driven by the engine.
 *
 * It wires the fleet, the storage backends, the protection groups that keep each mailbox's
 * copies on backend slots, and the mail flow. Per protection group it keeps the one fact the
 * mail flow needs: since when the group has been able (or unable) to accept mail. Arrivals
 * are never events. While a group is Up its mailboxes accumulate exposure (∫ rate dt, kept
 * by `StoredMail`); when it leaves Up an outage window opens; when it returns, the window's
 * arrivals are drawn and settled by `DeferredMail`. So the cost of a run grows with state
 * changes, not with messages (docs/model.md#mail-flow).
 *
 * Contract: `run` may be called once; it reports everything to the observer and returns at
 * the horizon (or at the first data loss when the scenario asks), with every arrived
 * message in exactly one class.
 */
import { RandomStreams } from "../engine/RandomStreams.js";
import { Simulation } from "../engine/Simulation.js";
import { MS_PER_HOUR } from "../engine/time.js";
import type { Scenario } from "../scenario/schema.js";
import { Fleet } from "./Fleet.js";
import { attachBugs, type BugHooks } from "./faults/attachBugs.js";
import type { FailureBiasing } from "./faults/FailureBiasing.js";
import type { BugDraws } from "./faults/OsBug.js";
import { DamageJudge } from "./integrity/DamageJudge.js";
import { StoredMail } from "./integrity/StoredMail.js";
import { DeferredMail } from "./mail/DeferredMail.js";
import { MxSpool } from "./mail/MxSpool.js";
import { buildMailPolicy } from "./mail/mailPolicy.js";
import { ReopeningBatch } from "./mail/ReopeningBatch.js";
import { Placement } from "./Placement.js";
import { ProtectionGroups } from "./protection/ProtectionGroups.js";
import { resolveProtection } from "./protection/resolveProtection.js";
import { BackupRestore } from "./recovery/BackupRestore.js";
import { SharedDependencies } from "./SharedDependencies.js";
import { backendOfSlot } from "./storage/backendOfSlot.js";
import { buildBackends } from "./storage/buildBackends.js";
import type { BackendContext, FaultInjection, SlotDamage, StorageBackend } from "./storage/StorageBackend.js";
import { ACCESS_NAMES, Access, type WorldObserver } from "./WorldObserver.js";

export type TraceSink = (record: Record<string, number | string | null>) => void;

/** What a rollout hears about the groups: access changes and total data losses. */
export interface GroupListener {
  accessChanged(group: number, from: Access, to: Access): void;
  dataLost(group: number): void;
}

export class World {
  readonly sim = new Simulation();
  readonly streams: RandomStreams;
  readonly fleet: Fleet;
  readonly backends: readonly StorageBackend[];
  readonly placement: Placement;
  readonly protection: ProtectionGroups;
  readonly horizonMs: number;
  private readonly slotOffset: number[] = [];
  private readonly access: Uint8Array;
  /** When the current Up stretch or outage window of each group began. */
  private readonly sinceMs: Float64Array;
  /** When each group's current or last Up stretch began. */
  private readonly upStartMs: Float64Array;
  /** When the current outage of each group began (meaningful while not Up). */
  private readonly outageStartMs: Float64Array;
  private observer!: WorldObserver;
  private mail!: DeferredMail;
  private spool!: MxSpool;
  private stored!: StoredMail;
  private bugs: BugHooks | undefined;
  private backups: BackupRestore | undefined;
  private trace: TraceSink | undefined;
  private groupListener: GroupListener | undefined;
  /** When the run ended: the horizon, or an early stop. */
  endedAtMs = 0;
  /** Late deliveries counted during the settlement in progress (attributed by the batch). */
  private deliveredNow = 0;
  private reopenings!: ReopeningBatch;
  private readonly damage: DamageJudge;
  /** The blast radius through shared front ends and the MX; undefined without `sharedDependencies`. */
  private readonly shared: SharedDependencies | undefined;
  /** Each group's access as its storage gives it, before what the shared parts impose. */
  private readonly ownAccess: Uint8Array;

  /**
   * `fleet`, if given, must be the fleet this scenario's `fleet` section draws on this seed
   * (a cache of it): the fleet's streams are its own, so skipping their draws shifts nothing.
   */
  constructor(
    private readonly scenario: Scenario,
    seed: string | number,
    fleet?: Fleet,
    /** Biased failure clocks (`maildrill estimate`); absent in every ordinary run. */
    biasing?: FailureBiasing,
  ) {
    this.horizonMs = scenario.horizon;
    this.streams = new RandomStreams(seed);
    this.fleet = fleet ?? new Fleet(scenario.fleet, this.streams);
    this.backends = buildBackends(scenario);
    let slots = 0;
    for (const backend of this.backends) {
      this.slotOffset.push(slots);
      slots += backend.slotCount;
    }
    const resolved = resolveProtection(scenario);
    const shardBackend = resolved.shardBackends.map((name) => this.backendIndex(name));
    const copyOnBackend = shardBackend.map((b, s) => shardBackend.slice(0, s).filter((x) => x === b).length);
    const groups = resolved.groups ?? this.backends[shardBackend[0]!]!.slotCount;
    const placeShard = (group: number, shard: number) => {
      const b = shardBackend[shard]!;
      return this.slotOffset[b]! + this.backends[b]!.placeShard(group, copyOnBackend[shard]!);
    };
    const startsAbsent = (shard: number) => resolved.absentShards.includes(shard);
    this.protection = new ProtectionGroups(
      resolved.spec,
      groups,
      slots,
      placeShard,
      startsAbsent,
      this.sim,
      this.streams,
      {
        setAccess: (group, access) => this.ownAccessChanged(group, access),
        dataLost: (group) => this.onDataLost(group),
        lagLost: (group, windowMs) => this.onLagLost(group, windowMs),
        pendingDamageMet: (group, kind, fraction, heldAtDamage) =>
          this.meetPendingDamage(group, kind, fraction, heldAtDamage),
        rebuildBytes: (group, shard) => this.rebuildCost(group, shard, shardBackend[shard]!),
        event: (kind, detail) => {
          this.event(kind, detail);
          if (kind === "failover")
            this.bugs?.failoverTo(
              this.protection.shardSlot[Number(detail.group) * resolved.spec.shards + Number(detail.to)]!,
            );
        },
      },
      biasing,
    );
    this.placement = new Placement(this.fleet, groups);
    this.damage = new DamageJudge(this.sim, this.protection, {
      heldMean: (group) => {
        this.bringExposureUpToDate(group);
        return this.stored.heldMean(group);
      },
      applyNow: (group, damage) => this.applyDamageNow(group, damage),
      applyFraction: (group, kind, fraction) => this.applyFraction(group, kind, fraction),
      event: (kind, detail) => this.event(kind, detail),
    });
    this.access = new Uint8Array(groups);
    this.sinceMs = new Float64Array(groups);
    this.outageStartMs = new Float64Array(groups);
    this.upStartMs = new Float64Array(groups);
    this.ownAccess = new Uint8Array(groups);
    this.shared =
      scenario.sharedDependencies === undefined
        ? undefined
        : new SharedDependencies(scenario.sharedDependencies, groups, this.fleet.count, (access, cause) =>
            this.imposedChanged(access, cause),
          );
  }

  get groupCount(): number {
    return this.placement.groupCount;
  }

  /** Lets a rollout watch the groups it moves (at most one listener). */
  watchGroups(listener: GroupListener): void {
    this.groupListener = listener;
  }

  // ---------------------------------------------------------------- migration port

  /** A group's data landed on an absent shard (global shard index): the copy joins the group. */
  addCopy(shardIndex: number): void {
    const group = Math.floor(shardIndex / this.protection.shardCount);
    this.bugs?.shardMembership(
      group,
      shardIndex % this.protection.shardCount,
      1,
      this.access[group] === Access.Up,
    );
    this.protection.addShard(shardIndex);
  }

  /** A copy is decommissioned: its data leaves the node, service moves off it if needed. */
  dropCopy(shardIndex: number): void {
    const group = Math.floor(shardIndex / this.protection.shardCount);
    this.bugs?.shardMembership(
      group,
      shardIndex % this.protection.shardCount,
      -1,
      this.access[group] === Access.Up,
    );
    this.protection.removeShard(shardIndex);
  }

  /**
   * Service of the shard's group moves to it. With a pause, writes stop for that long first
   * (the final sync; mail is deferred meanwhile, reads go on), then the switch happens.
   */
  cutOver(shardIndex: number, pauseMs: number): void {
    const group = Math.floor(shardIndex / this.protection.shardCount);
    if (pauseMs <= 0) {
      this.protection.setPrimary(shardIndex);
      return;
    }
    this.protection.setWritePause(group, true);
    this.sim.callAt(this.sim.nowMs + pauseMs, () => {
      this.protection.setWritePause(group, false);
      if (this.protection.isPresent(shardIndex)) this.protection.setPrimary(shardIndex);
    });
  }

  isWritePaused(group: number): boolean {
    return this.protection.isWritePaused(group);
  }

  /** A rollout's own event, counted and traced like the storage events. */
  rolloutEvent(kind: string, detail: Record<string, number | string>): void {
    this.event(kind, detail);
  }

  /** What this run drew for every OS bug (empty before `run`). */
  bugDraws(): BugDraws[] {
    return this.bugs?.draws() ?? [];
  }

  /** Operator-hours spent on manual failover decisions by the end of the run. */
  operatorHours(): number {
    return this.protection.operatorBusyMs(this.endedAtMs) / MS_PER_HOUR;
  }

  groupAccess(group: number): Access {
    return this.access[group] as Access;
  }

  /** The cluster of the backend that a shard's slot belongs to. */
  shardCluster(shardIndex: number): number {
    const slot = this.protection.shardSlot[shardIndex]!;
    const b = backendOfSlot(this.slotOffset, slot);
    const backend = this.backends[b]!;
    return backend.nodeCluster(backend.slotNode(slot - this.slotOffset[b]!));
  }

  run(observer: WorldObserver, trace?: TraceSink): void {
    this.observer = observer;
    this.trace = trace;
    const policy = buildMailPolicy(this.scenario);
    this.mail = new DeferredMail(policy, this.streams.get("mail/deferred"), observer, (count) => {
      this.deliveredNow += count;
    });
    this.reopenings = new ReopeningBatch(this.sim, this.streams.get("mail/late-attribution"), {
      rateOf: (group) => this.placement.groupRatePerMs[group]!,
      settle: (ratePerMs, window, windowEndMs) => {
        this.deliveredNow = 0;
        this.mail.resolve(ratePerMs, window, window.windowStartMs, windowEndMs);
        return this.deliveredNow;
      },
      deliver: (group, count) => {
        this.stored.addLate(group, count);
        this.bugs?.groupDelivered(group, count);
      },
    });
    this.spool = new MxSpool(
      this.sim,
      policy.diurnal,
      this.groupCount,
      policy.spoolAcceptForMs,
      policy.spoolHoldMaxMs,
      policy.spoolCapacityMessages,
    );
    this.stored = new StoredMail(this.groupCount, this.streams.get("mail/stored"), observer);
    for (let b = 0; b < this.backends.length; b++) this.backends[b]!.start(this.contextFor(b));
    this.bugs = attachBugs({
      scenario: this.scenario,
      sim: this.sim,
      streams: this.streams,
      backends: this.backends,
      slotOffset: this.slotOffset,
      placement: this.placement,
      shardSlot: this.protection.shardSlot,
      shards: this.protection.shardCount,
      shardPresent: (index) => this.protection.isPresent(index),
      groupMessages: (group) => {
        this.bringExposureUpToDate(group);
        return (
          this.placement.groupSizeBytes[group]! / this.scenario.fleet.messageSize +
          this.stored.heldMean(group)
        );
      },
      damageSlot: (slot, damage) => this.damage.slotDamaged(slot, damage),
      loseSlot: (slot) => this.protection.slotLost(slot),
      event: (kind, detail) => this.event(kind, detail),
    });
    for (let g = 0; g < this.groupCount; g++) this.bugs.groupWriting(g, 1);
    this.backups = this.buildBackups();
    this.backups?.start();
    this.protection.start();
    this.scheduleExplicitFaults();
    this.scheduleOperations();
    this.sim.run(this.horizonMs);
    this.endedAtMs = Math.min(this.sim.nowMs, this.horizonMs);
    this.closeAt(this.endedAtMs);
  }

  private contextFor(b: number): BackendContext {
    const offset = this.slotOffset[b]!;
    return {
      sim: this.sim,
      streams: this.streams,
      horizonMs: this.horizonMs,
      setSlotAccess: (slot, access) => this.protection.slotAccessChanged(offset + slot, access),
      slotLost: (slot) => this.protection.slotLost(offset + slot),
      slotDamaged: (slot, damage) => this.damage.slotDamaged(offset + slot, damage),
      event: (kind, detail) => this.event(kind, detail),
    };
  }

  /** A rebuild writes the group's bytes onto the shard's node, slowed when that node is fail-slow. */
  private rebuildCost(group: number, shard: number, b: number): { bytes: number; bytesPerSec: number } {
    const backend = this.backends[b]!;
    const slot = this.protection.shardSlot[group * this.protection.shardCount + shard]! - this.slotOffset[b]!;
    const slowFactor = backend.nodeSlowFactor?.(backend.slotNode(slot)) ?? 1;
    return {
      bytes: this.placement.groupSizeBytes[group]!,
      bytesPerSec: backend.repairBandwidthBytesPerSec / slowFactor,
    };
  }

  private event(kind: string, detail: Record<string, number | string>): void {
    // A filer HA takeover is a failover too, for bugs that trip on failovers.
    if (kind === "ha-takeover")
      this.bugs?.nodeOperation(String(detail.backend), Number(detail.partner), "failover");
    this.observer.storageEvent(kind, this.sim.nowMs, detail);
    this.trace?.({ tMs: this.sim.nowMs, event: kind, ...detail });
  }

  private scheduleExplicitFaults(): void {
    for (const fault of this.scenario.faults) {
      const [backendName, kind, index] = fault.target.split("/");
      const backend = this.backends[this.backendIndex(backendName!)]!;
      const params: Record<string, number> = {};
      if (fault.fraction !== undefined) params.fraction = fault.fraction;
      if (fault.window !== undefined) params.window = fault.window;
      if (fault.factor !== undefined) params.factor = fault.factor;
      if (fault.propagate !== undefined) params.propagate = fault.propagate ? 1 : 0;
      const injection: FaultInjection = {
        fault: fault.fault,
        targetKind: (kind ?? "backend") as FaultInjection["targetKind"],
        targetIndex: index === undefined ? 0 : Number(index),
        durationMs: fault.duration,
        params,
      };
      const repeats = fault.repeat?.count ?? 1;
      for (let i = 0; i < repeats; i++) {
        const atMs = fault.at + i * (fault.repeat?.every ?? 0);
        if (atMs <= this.horizonMs) this.sim.callAt(atMs, () => backend.injectFault(injection));
      }
    }
  }

  /** Planned operations: an upgrade may change versions; every operation is shown to the bugs. */
  private scheduleOperations(): void {
    for (const op of this.scenario.operations) {
      const [backendName, kind, index] = op.target.split("/");
      const backend = this.backends[this.backendIndex(backendName!)]!;
      const nodes = Array.from({ length: backend.nodeCount }, (_, n) => n).filter((n) =>
        kind === "node"
          ? n === Number(index)
          : kind === "cluster"
            ? backend.nodeCluster(n) === Number(index)
            : true,
      );
      for (let i = 0; i < (op.repeat?.count ?? 1); i++) {
        const atMs = op.at + i * (op.repeat?.every ?? 0);
        if (atMs > this.horizonMs) break;
        this.sim.callAt(atMs, () => {
          for (const node of nodes) {
            if (op.operation === "upgrade" && op.version !== undefined)
              backend.setNodeVersion?.(node, op.version);
            this.event(`operation-${op.operation}`, { backend: backend.name, node });
            this.bugs?.nodeOperation(backend.name, node, op.operation);
          }
        });
      }
    }
  }

  private backendIndex(name: string): number {
    const index = this.backends.findIndex((b) => b.name === name);
    if (index < 0) throw new RangeError(`unknown backend ${name}`);
    return index;
  }

  /** The storage changed a group's access: the group gets it, unless the shared parts impose worse. */
  private ownAccessChanged(group: number, access: Access): void {
    if (this.shared === undefined) {
      this.setAccess(group, access);
      return;
    }
    this.ownAccess[group] = access;
    this.setAccess(group, Math.max(access, this.shared.imposed) as Access);
    this.shared.ownAccessChanged(group, access, this.placement.groupMailboxes[group]!);
  }

  /** A shared pool was exhausted or drained: every group gets the worse of its own access and the imposed one. */
  private imposedChanged(imposed: Access, cause: string | null): void {
    this.event(imposed === Access.Up ? "shared-dependency-drained" : "shared-dependency-exhausted", {
      dependency: cause ?? "",
      imposed,
    });
    // Read `imposed` afresh for each group: a listener may change it again during the sweep.
    for (let g = 0; g < this.groupCount; g++)
      this.setAccess(g, Math.max(this.ownAccess[g]!, this.shared!.imposed) as Access);
  }

  /** The single place where a group's access changes: closes one window, opens the next. */
  private setAccess(group: number, access: Access): void {
    const from = this.access[group] as Access;
    if (from === access) return;
    const nowMs = this.sim.nowMs;
    if (from === Access.Up) {
      this.bugs?.groupWriting(group, -1);
      this.addExposure(group, nowMs);
      this.outageStartMs[group] = nowMs;
      this.sinceMs[group] = nowMs;
      this.spool.outageStarted(group, this.placement.groupRatePerMs[group]!);
    } else if (access === Access.Up) {
      this.bugs?.groupWriting(group, 1);
      const spoolEndMs = this.spool.outageEnded(group);
      this.reopenings.add(group, {
        startMs: this.outageStartMs[group]!,
        spoolEndMs,
        restoredAtMs: nowMs,
        windowStartMs: this.sinceMs[group]!,
      });
      this.sinceMs[group] = nowMs;
      this.upStartMs[group] = nowMs;
    }
    this.access[group] = access;
    this.groupListener?.accessChanged(group, from, access);
    const p = this.placement;
    this.observer.accessChanged(
      nowMs,
      group,
      from,
      access,
      p.groupMailboxes[group]!,
      p.groupLoginsPerDay[group]!,
    );
    this.trace?.({ tMs: nowMs, event: "access", group, from: ACCESS_NAMES[from], to: ACCESS_NAMES[access] });
  }

  private addExposure(group: number, untilMs: number): void {
    const mass = this.mail.diurnalIntegralMs(this.sinceMs[group]!, untilMs);
    this.stored.addExposure(group, this.placement.groupRatePerMs[group]! * mass);
  }

  private buildBackups(): BackupRestore | undefined {
    const b = this.scenario.backup;
    if (b === undefined) return undefined;
    const spec = {
      everyMs: b.every,
      restoreBandwidthBytesPerSec: b.restoreBandwidth,
      parallelism: b.parallelism ?? Number.POSITIVE_INFINITY,
      order: b.order,
      startAfterMs: b.startAfter,
      dialToneAfterMs: b.dialTone?.after,
    };
    const p = this.placement;
    return new BackupRestore(
      spec,
      this.sim,
      {
        backupAll: () => this.backupAll(),
        groupBytes: (g) => p.groupSizeBytes[g]!,
        groupActivity: (g) => p.groupRatePerMs[g]!,
        groupTier: (g) => this.groupTier(g),
        mailboxes: (g) => p.groupMailboxes[g]!,
        hold: (g, held) => this.protection.setHold(g, held),
        restored: (g, lostAtMs, completedAtMs) => {
          const recovered = this.stored.restored(g);
          this.observer.dataRestored(completedAtMs, g, p.groupMailboxes[g]!, lostAtMs);
          this.event("restore-complete", { group: g, messages: recovered });
        },
      },
      this.horizonMs,
    );
  }

  private backupAll(): void {
    for (let g = 0; g < this.groupCount; g++) {
      this.bringExposureUpToDate(g);
      this.stored.backup(g);
    }
  }

  /** The most urgent restore priority among a group's mailboxes (placement is round-robin). */
  private groupTier(group: number): number {
    const tiers = this.scenario.fleet.tiers;
    let best = Number.POSITIVE_INFINITY;
    for (let m = group; m < this.fleet.count; m += this.groupCount)
      best = Math.min(best, tiers[this.fleet.tier[m]!]!.restorePriority);
    return best;
  }

  /** Every copy is gone: what a backup holds waits for its restore, the rest is silently lost. */
  private onDataLost(group: number): void {
    const nowMs = this.sim.nowMs;
    this.groupListener?.dataLost(group);
    this.bringExposureUpToDate(group);
    this.observer.dataLost(nowMs, group, this.placement.groupMailboxes[group]!);
    if (this.backups) {
      const { lost, awaiting } = this.stored.loseAllBehindBackup(group);
      this.event("data-loss", { group, messages: lost, awaitingRestore: awaiting });
      this.backups.groupLost(group);
    } else {
      this.event("data-loss", { group, messages: this.stored.loseAll(group, "silentlyLost") });
    }
    if (this.scenario.stopWhen === "first-data-loss") this.sim.stop();
  }

  /** An asynchronous failover dropped the writes acknowledged in the lag before the outage. */
  private onLagLost(group: number, windowMs: number): void {
    const outageStartMs = this.outageStartMs[group]!;
    const mass = this.mail.diurnalIntegralMs(Math.max(0, outageStartMs - windowMs), outageStartMs);
    const lost = this.stored.loseWindow(group, this.placement.groupRatePerMs[group]! * mass, "silentlyLost");
    this.event("async-lag-loss", { group, messages: lost });
  }

  /**
   * Damage that waited on a shard is met by a rebuild: it hits the messages the group held
   * when the damage happened, not those stored since — approximated by thinning what is held
   * now by the share held then (exact in expectation).
   */
  private meetPendingDamage(
    group: number,
    kind: "latent-errors" | "corruption",
    fraction: number,
    heldAtDamage: number,
  ): void {
    this.bringExposureUpToDate(group);
    const heldNow = this.stored.heldMean(group);
    const share = heldNow > 0 ? Math.min(1, heldAtDamage / heldNow) : 0;
    this.applyFraction(group, kind, fraction * share);
  }

  /** Adds an Up group's exposure so far, so a settlement sees everything it has stored. */
  private bringExposureUpToDate(group: number): void {
    if (this.access[group] !== Access.Up) return;
    this.addExposure(group, this.sim.nowMs);
    this.sinceMs[group] = this.sim.nowMs;
  }

  /** Damage that reached every holder hits the group's mail now (see DamageJudge). */
  private applyFraction(group: number, kind: "latent-errors" | "corruption", fraction: number): void {
    if (!(fraction > 0)) return;
    this.applyDamageNow(
      group,
      kind === "corruption" ? { kind, fraction, propagate: false } : { kind, fraction },
    );
  }

  private applyDamageNow(group: number, damage: SlotDamage): void {
    this.bringExposureUpToDate(group);
    const hit = this.applyDamage(group, damage);
    this.event(`${damage.kind}-unrepairable`, { group, messages: hit });
  }

  private applyDamage(group: number, damage: SlotDamage): number {
    switch (damage.kind) {
      case "latent-errors":
        return this.stored.damageFraction(group, damage.fraction, "silentlyLost");
      case "corruption":
        return this.stored.damageFraction(group, damage.fraction, "corruptedServed");
      case "lost-writes": {
        // Only writes acknowledged while the group was up: the window within its last Up stretch.
        const nowMs = this.sim.nowMs;
        const upEndMs = this.access[group] === Access.Up ? nowMs : this.outageStartMs[group]!;
        const fromMs = Math.max(nowMs - damage.windowMs, this.upStartMs[group]!);
        const mass = this.mail.diurnalIntegralMs(fromMs, upEndMs);
        return this.stored.loseWindow(group, this.placement.groupRatePerMs[group]! * mass, "silentlyLost");
      }
    }
  }

  /** At the end: open outages settle as unrestored; Up stretches add their exposure. */
  private closeAt(endMs: number): void {
    this.reopenings.flush();
    for (let g = 0; g < this.groupCount; g++) {
      if (this.access[g] === Access.Up) this.addExposure(g, endMs);
      else
        this.reopenings.settleTogether(
          [g],
          {
            startMs: this.outageStartMs[g]!,
            spoolEndMs: this.spool.spoolEndMs(g),
            restoredAtMs: Number.POSITIVE_INFINITY,
            windowStartMs: this.sinceMs[g]!,
          },
          endMs,
        );
    }
    this.stored.finish();
    if (this.backups) {
      const totals = this.backups.queueTotals(endMs);
      this.observer.restoreQueueTotals(totals.integralJobMs, totals.sojournSumJobMs);
    }
  }
}
