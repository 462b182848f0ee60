/**
 * World: the mail service on its storage, driven by the engine — wiring only.
 *
 * The constructor builds every part from a compiled `WorldSpec` (never the scenario): the
 * storage backends, the protection groups that keep each mailbox's copies on backend slots,
 * the OS bugs, backups, and the mail flow, and connects them with explicit calls. Per
 * protection group it keeps (in `GroupAccess`) the one fact the mail flow needs: since when
 * the group has been able (or unable) to accept mail. Arrivals are never events. While a
 * group is Up its mailboxes accumulate exposure (∫ rate dt, kept by `StoredMail`); when it
 * leaves Up an outage window opens; when it returns, the window's arrivals are drawn and
 * settled by `DeferredMail`. So the cost of a run grows with state changes, not with
 * messages (docs/model.md#mail-flow).
 *
 * It is the rollout's `MigrationPort`: a rollout sees groups and shards, nothing else.
 *
 * Contract: `run` may be called once; it starts the parts (in a fixed order, which fixes the
 * order of simultaneous events), reports everything to the observer and returns at the
 * horizon (or at the first data loss when the spec asks), with every arrived message in
 * exactly one class.
 */
import { type RandomStream, RandomStreams } from "../engine/RandomStreams.js";
import { Simulation } from "../engine/Simulation.js";
import { MS_PER_DAY, MS_PER_HOUR } from "../engine/time.js";
import { Fleet } from "./Fleet.js";
import { attachBugs, type BugHooks } from "./faults/attachBugs.js";
import type { FailureBiasing } from "./faults/FailureBiasing.js";
import type { BugDraws, CounterName, CounterScope } from "./faults/OsBug.js";
import { GroupAccess } from "./GroupAccess.js";
import { expungePerMs, GroupStock } from "./GroupStock.js";
import { DamageJudge } from "./integrity/DamageJudge.js";
import { StoredMail } from "./integrity/StoredMail.js";
import type { GroupListener, MigrationPort } from "./MigrationPort.js";
import { BounceLog } from "./mail/BounceLog.js";
import { DeferredMail } from "./mail/DeferredMail.js";
import { MxSpool } from "./mail/MxSpool.js";
import { openOutageBounces } from "./mail/openOutageBounces.js";
import { ReopeningBatch } from "./mail/ReopeningBatch.js";
import { Placement } from "./Placement.js";
import { ProtectionGroups } from "./protection/ProtectionGroups.js";
import { ShardPlacement } from "./protection/ShardPlacement.js";
import { BackupRestore } from "./recovery/BackupRestore.js";
import { BlockedDialTone } from "./recovery/BlockedDialTone.js";
import { SharedDependencies } from "./SharedDependencies.js";
import { backendOfSlot } from "./storage/backendOfSlot.js";
import { buildBackends } from "./storage/buildBackends.js";
import type { BackendContext, SlotDamage, StorageBackend } from "./storage/StorageBackend.js";
import { ACCESS_NAMES, Access, type WorldObserver } from "./WorldObserver.js";
import type { WorldSpec } from "./WorldSpec.js";

export type TraceSink = (record: Record<string, number | string | null>) => void;

/** What a world is run with besides its spec and seed. */
export interface WorldWiring {
  readonly observer: WorldObserver;
  readonly trace?: TraceSink | undefined;
  /**
   * The fleet this spec's `fleet` draws on this seed, and its placement over the spec's
   * groups (a cache of them): the fleet's streams are its own, so skipping their draws
   * shifts nothing. Built here when absent.
   */
  readonly fleet?: Fleet | undefined;
  readonly placement?: Placement | undefined;
  /** Biased failure clocks (`maildrill estimate`); absent in every ordinary run. */
  readonly biasing?: FailureBiasing | undefined;
}

export class World implements MigrationPort {
  readonly sim = new Simulation();
  readonly streams: RandomStreams;
  readonly fleet: Fleet;
  readonly backends: readonly StorageBackend[];
  readonly placement: Placement;
  readonly protection: ProtectionGroups;
  readonly horizonMs: number;
  private readonly slotOffset: number[] = [];
  private readonly groups: GroupAccess;
  private readonly observer: WorldObserver;
  private readonly trace: TraceSink | undefined;
  private readonly mail: DeferredMail;
  /** Every settled bounce with its time, for the `bounces` analysis metric (reads only). */
  private readonly bounceLog: BounceLog;
  private readonly spool: MxSpool;
  private readonly stored: StoredMail;
  private readonly stock: GroupStock;
  private readonly reopenings: ReopeningBatch;
  private readonly damage: DamageJudge;
  private readonly bugs: BugHooks;
  /** Biased runs only: reaches the backends' and the OS bugs' failure clocks. */
  private readonly biasing: FailureBiasing | undefined;
  private readonly backups: BackupRestore | undefined;
  /** The blast radius through shared front ends and the MX; undefined without `sharedDependencies`. */
  private readonly shared: SharedDependencies | undefined;
  /** Dial-tone for blocked storage (`service.dialTone`); undefined without it. */
  private readonly dialTone: BlockedDialTone | undefined;
  /** Each group's access as its storage gives it, before what the shared parts impose. */
  private readonly ownAccess: Uint8Array;
  private groupListener: GroupListener | undefined;
  /** When the run ended: the horizon, or an early stop. */
  endedAtMs = 0;
  /** Late deliveries counted during the settlement in progress (attributed by the batch). */
  private deliveredNow = 0;

  constructor(
    private readonly spec: WorldSpec,
    seed: string | number,
    wiring: WorldWiring,
  ) {
    this.horizonMs = spec.horizonMs;
    this.observer = wiring.observer;
    this.trace = wiring.trace;
    this.streams = new RandomStreams(seed);
    this.biasing = wiring.biasing;
    this.fleet = wiring.fleet ?? new Fleet(spec.fleet, this.streams);
    this.placement = wiring.placement ?? new Placement(this.fleet, spec.groupCount);
    this.backends = buildBackends(spec.backends);
    let slots = 0;
    for (const backend of this.backends) {
      this.slotOffset.push(slots);
      slots += backend.slotCount;
    }
    this.protection = this.buildProtection(slots, wiring.biasing);
    this.groups = new GroupAccess(spec.groupCount);
    this.ownAccess = new Uint8Array(spec.groupCount);
    this.shared =
      spec.sharedDependencies === undefined
        ? undefined
        : new SharedDependencies(
            spec.sharedDependencies,
            spec.groupCount,
            this.fleet.count,
            (access, cause) => this.imposedChanged(access, cause),
          );
    this.damage = new DamageJudge(this.sim, this.protection, {
      heldMean: (group) => {
        this.bringExposureUpToDate(group);
        return this.stored.heldMean(group);
      },
      applyNow: (group, damage) => this.applyDamageNow(group, damage),
      applyFraction: (group, kind, fraction) => this.applyFraction(group, kind, fraction),
      event: (kind, detail) => this.event(kind, detail),
    });
    const policy = spec.mail;
    this.bounceLog = new BounceLog(policy.diurnal);
    this.mail = new DeferredMail(
      policy,
      this.streams.get("mail/deferred"),
      this.observer,
      (count) => {
        this.deliveredNow += count;
      },
      (batch) => this.bounceLog.add(batch),
    );
    this.reopenings = new ReopeningBatch(this.sim, this.streams.get("mail/late-attribution"), {
      rateOf: (group) => this.placement.groupRatePerMs[group]!,
      settle: (ratePerMs, window, windowEndMs) => {
        this.deliveredNow = 0;
        this.mail.resolve(ratePerMs, window, window.windowStartMs, windowEndMs);
        return this.deliveredNow;
      },
      deliver: (group, count) => {
        this.stored.addLate(group, count);
        this.stock.stored(group, count, this.sim.nowMs, this.sim.nowMs);
        this.bugs.groupDelivered(group, count);
      },
    });
    this.spool = new MxSpool(
      this.sim,
      policy.diurnal,
      spec.groupCount,
      policy.spoolAcceptForMs,
      policy.spoolHoldMaxMs,
      policy.spoolCapacityMessages,
    );
    this.stored = new StoredMail(spec.groupCount, this.streams.get("mail/stored"), this.observer);
    const expungeRatePerMs = expungePerMs(spec.fleet.expungePerDay ?? 0, MS_PER_DAY);
    this.stock = new GroupStock(this.placement, spec.messageSizeBytes, expungeRatePerMs, (group) =>
      this.stored.heldMean(group),
    );
    this.bugs = attachBugs({
      biasing: this.biasing,
      bugs: spec.bugs,
      messageSizeBytes: spec.messageSizeBytes,
      horizonMs: spec.horizonMs,
      sim: this.sim,
      streams: this.streams,
      backends: this.backends,
      slotOffset: this.slotOffset,
      placement: this.placement,
      shardSlot: this.protection.shardSlot,
      shards: this.protection.shardCount,
      shardPresent: (index) => this.protection.isPresent(index),
      expungePerMs: expungeRatePerMs,
      groupMessages: (group) => {
        this.bringExposureUpToDate(group);
        return this.stock.messagesNow(group, this.sim.nowMs);
      },
      damageSlot: (slot, damage) => this.damage.slotDamaged(slot, damage),
      loseSlot: (slot) => this.protection.slotLost(slot),
      event: (kind, detail) => this.event(kind, detail),
    });
    this.backups = this.buildBackups();
    this.dialTone =
      spec.dialToneAfterMs === undefined
        ? undefined
        : new BlockedDialTone(spec.groupCount, spec.dialToneAfterMs, this.sim, {
            serve: (group, access) => this.servedAccessChanged(group, access),
            historyPending: (group, pending) => this.historyPending(group, pending),
          });
  }

  private buildProtection(slots: number, biasing: FailureBiasing | undefined): ProtectionGroups {
    const { shardBackend, groupCount } = this.spec;
    const placement = new ShardPlacement(
      this.spec.shardPlacement ?? { kind: "chain" },
      this.backends,
      this.slotOffset,
      shardBackend,
      this.streams,
    );
    const placeShard = (group: number, shard: number) => placement.placeShard(group, shard);
    const startsAbsent = (shard: number) => this.spec.absentShards.includes(shard);
    return new ProtectionGroups(
      this.spec.protection,
      groupCount,
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
        backendOfShard: (shard) => shardBackend[shard]!,
        failedOver: (group, shard) =>
          this.bugs.failoverTo(this.protection.shardSlot[group * this.protection.shardCount + shard]!),
        event: (kind, detail) => this.event(kind, detail),
      },
      biasing,
    );
  }

  get groupCount(): number {
    return this.placement.groupCount;
  }

  // ---------------------------------------------------------------- migration port

  get shardCount(): number {
    return this.protection.shardCount;
  }

  get mailboxCount(): number {
    return this.fleet.count;
  }

  groupBytes(group: number): number {
    return this.placement.groupSizeBytes[group]!;
  }

  copyBytes(group: number): number {
    // Mail stored since the group's last settlement is not in the ledger yet: count it here
    // without settling, so asking the size moves no other figure.
    const nowMs = this.sim.nowMs;
    if (!this.groups.isUp(group)) return this.stock.bytesNow(group, nowMs);
    const sinceMs = this.groups.since(group);
    const pending = this.placement.groupRatePerMs[group]! * this.mail.diurnalIntegralMs(sinceMs, nowMs);
    return this.stock.bytesNow(group, nowMs, pending, sinceMs);
  }

  groupMailboxes(group: number): number {
    return this.placement.groupMailboxes[group]!;
  }

  groupAccess(group: number): Access {
    return this.groups.of(group);
  }

  isWritePaused(group: number): boolean {
    return this.protection.isWritePaused(group);
  }

  isPresent(shardIndex: number): boolean {
    return this.protection.isPresent(shardIndex);
  }

  isReadable(shardIndex: number): boolean {
    return this.protection.isReadable(shardIndex);
  }

  isWritable(shardIndex: number): boolean {
    return this.protection.isWritable(shardIndex);
  }

  canReceive(shardIndex: number): boolean {
    return this.protection.canReceive(shardIndex);
  }

  primaryShard(group: number): number {
    return this.protection.primaryShard(group);
  }

  shardCluster(shardIndex: number): number {
    const slot = this.protection.shardSlot[shardIndex]!;
    const b = backendOfSlot(this.slotOffset, slot);
    const backend = this.backends[b]!;
    return backend.nodeCluster(backend.slotNode(slot - this.slotOffset[b]!));
  }

  shardNode(shardIndex: number): number {
    const slot = this.protection.shardSlot[shardIndex]!;
    const b = backendOfSlot(this.slotOffset, slot);
    return this.backends[b]!.slotNode(slot - this.slotOffset[b]!);
  }

  addSyntheticWrites(shardIndices: readonly number[], bytesPerMs: readonly number[]): void {
    const slots = shardIndices.map((s) => this.protection.shardSlot[s]!);
    this.bugs.syntheticWrites(
      slots,
      bytesPerMs.map((b) => b / this.spec.messageSizeBytes),
      [],
    );
  }

  deleteSynthetic(shardIndices: readonly number[], bytes: readonly number[]): void {
    const slots = shardIndices.map((s) => this.protection.shardSlot[s]!);
    this.bugs.syntheticWrites(
      slots,
      [],
      bytes.map((b) => b / this.spec.messageSizeBytes),
    );
  }

  watchGroups(listener: GroupListener): void {
    this.groupListener = listener;
  }

  addCopy(shardIndex: number): void {
    this.changeMembership(shardIndex, 1);
    this.protection.addShard(shardIndex);
  }

  dropCopy(shardIndex: number): void {
    this.changeMembership(shardIndex, -1);
    this.protection.removeShard(shardIndex);
  }

  /** The bugs' counters follow a copy's data onto (+1) or off (−1) its node. */
  private changeMembership(shardIndex: number, sign: 1 | -1): void {
    const shards = this.protection.shardCount;
    const group = Math.floor(shardIndex / shards);
    this.bugs.shardMembership(group, shardIndex % shards, sign, this.groups.isUp(group));
  }

  /**
   * With a pause, writes stop for that long first (the final sync; mail is deferred, reads go
   * on). The rollout cuts over only onto a writable copy (MigrationPort.isWritable).
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
      // A copy that degraded during the pause does not take service (the rollout tries again).
      if (this.protection.isWritable(shardIndex)) this.protection.setPrimary(shardIndex);
    });
  }

  rolloutEvent(kind: string, detail: Record<string, number | string>): void {
    this.event(kind, detail);
  }

  counterPeak(shardIndex: number, counter: CounterName, per: CounterScope): number | undefined {
    const slot = this.protection.shardSlot[shardIndex]!;
    return this.bugs.counterPeak(backendOfSlot(this.slotOffset, slot), counter, per);
  }

  shardSlowFactor(shardIndex: number): number {
    const slot = this.protection.shardSlot[shardIndex]!;
    const b = backendOfSlot(this.slotOffset, slot);
    const backend = this.backends[b]!;
    return backend.nodeSlowFactor?.(backend.slotNode(slot - this.slotOffset[b]!)) ?? 1;
  }

  /** Settled outages' bounces as drawn; open outages' as expected so far (openOutageBounces.ts). */
  bouncedSince(fromMs: number): number {
    const nowMs = this.sim.nowMs;
    let bounced = this.bounceLog.bouncedBetween(fromMs, nowMs);
    for (let g = 0; g < this.groupCount; g++) {
      if (this.groups.isUp(g)) continue;
      const outage = {
        startMs: this.groups.outageStart(g),
        windowStartMs: this.groups.since(g),
        spoolEndMs: this.spool.spoolEndMs(g),
      };
      bounced += openOutageBounces(this.spec.mail, outage, this.placement.groupRatePerMs[g]!, fromMs, nowMs);
    }
    // Groups back this instant are settled at its end: until then they read as still open.
    for (const { window, groups } of this.reopenings.pendingWindows())
      for (const g of groups)
        bounced += openOutageBounces(
          this.spec.mail,
          window,
          this.placement.groupRatePerMs[g]!,
          fromMs,
          nowMs,
        );
    return bounced;
  }

  randomStream(name: string): RandomStream {
    return this.streams.get(name);
  }

  // ---------------------------------------------------------------- the run

  /** Operator-hours spent on manual failover decisions by the end of the run. */
  operatorHours(): number {
    return this.protection.operatorBusyMs(this.endedAtMs) / MS_PER_HOUR;
  }

  /** What this run drew for every OS bug (empty before `run`). */
  bugDraws(): BugDraws[] {
    return this.bugs.draws();
  }

  run(): void {
    for (let b = 0; b < this.backends.length; b++) this.backends[b]!.start(this.contextFor(b));
    this.bugs.start();
    for (let g = 0; g < this.groupCount; g++) this.bugs.groupWriting(g, 1);
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
      setSlotAccess: (slot, access) => this.slotAccessChanged(offset + slot, access),
      slotLost: (slot) => this.protection.slotLost(offset + slot),
      slotDamaged: (slot, damage) => this.damage.slotDamaged(offset + slot, damage),
      nodeOperation: (node, operation) => this.bugs.nodeOperation(b, node, operation),
      event: (kind, detail) => this.event(kind, detail),
      biasing: this.biasing,
    };
  }

  /** Shards follow their slot; a restore waiting for (or landing on) the slot hears of it. */
  private slotAccessChanged(slot: number, access: Access): void {
    this.protection.slotAccessChanged(slot, access);
    const backups = this.backups;
    if (backups === undefined || !backups.watchesLanding) return;
    for (const { group } of this.protection.shardsOnSlot(slot)) backups.landingChanged(group);
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
    this.observer.storageEvent(kind, this.sim.nowMs, detail);
    this.trace?.({ tMs: this.sim.nowMs, event: kind, ...detail });
  }

  /** The spec's faults, already sorted and parsed: one call each. */
  private scheduleExplicitFaults(): void {
    for (const { atMs, backend, injection } of this.spec.faults) {
      const target = this.backends[backend]!;
      this.sim.callAt(atMs, () => target.injectFault(injection));
    }
  }

  /** Planned operations: an upgrade may change versions; every operation is shown to the bugs. */
  private scheduleOperations(): void {
    for (const op of this.spec.operations) {
      const b = op.target.backend;
      const backend = this.backends[b]!;
      const { kind, index } = op.target;
      const nodes = Array.from({ length: backend.nodeCount }, (_, n) => n).filter((n) =>
        kind === "node" ? n === index : kind === "cluster" ? backend.nodeCluster(n) === index : true,
      );
      this.sim.callAt(op.atMs, () => {
        for (const node of nodes) {
          if (op.operation === "upgrade" && op.version !== undefined)
            backend.setNodeVersion?.(node, op.version);
          this.event(`operation-${op.operation}`, { backend: backend.name, node });
          this.bugs.nodeOperation(b, node, op.operation);
        }
      });
    }
  }

  /** The storage changed a group's access: a dial-tone may serve it anyway (`BlockedDialTone`). */
  private ownAccessChanged(group: number, access: Access): void {
    this.servedAccessChanged(group, this.dialTone?.served(group, access) ?? access);
  }

  /** A blocked group got a dial-tone, or its history came back behind one. */
  private historyPending(group: number, pending: boolean): void {
    const mailboxes = this.placement.groupMailboxes[group]!;
    this.event(pending ? "dial-tone" : "dial-tone-history-back", { group, mailboxes });
    this.observer.historyPending(this.sim.nowMs, group, mailboxes, pending);
  }

  /** What the group's own store serves changed: the group gets it, unless the shared parts impose worse. */
  private servedAccessChanged(group: number, access: Access): void {
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
    const from = this.groups.of(group);
    if (from === access) return;
    const nowMs = this.sim.nowMs;
    if (from === Access.Up) {
      this.bugs.groupWriting(group, -1);
      this.addExposure(group, nowMs);
      this.groups.leaveUp(group, nowMs);
      this.spool.outageStarted(group, this.placement.groupRatePerMs[group]!);
    } else if (access === Access.Up) {
      this.bugs.groupWriting(group, 1);
      const spoolEndMs = this.spool.outageEnded(group);
      const outage = this.groups.returnUp(group, nowMs);
      this.reopenings.add(group, {
        startMs: outage.startMs,
        spoolEndMs,
        restoredAtMs: nowMs,
        windowStartMs: outage.windowStartMs,
      });
    }
    this.groups.set(group, access);
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
    const sinceMs = this.groups.since(group);
    const mass = this.mail.diurnalIntegralMs(sinceMs, untilMs);
    this.stored.addExposure(group, this.placement.groupRatePerMs[group]! * mass);
    this.stock.stored(group, this.placement.groupRatePerMs[group]! * mass, sinceMs, untilMs);
  }

  private buildBackups(): BackupRestore | undefined {
    const spec = this.spec.backup;
    if (spec === undefined) return undefined;
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
        canLand: (g) => this.protection.canLand(g),
        landRestore: (g) => this.protection.landRestore(g),
        event: (kind, detail) => this.event(kind, detail),
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
    const priority = this.spec.tierRestorePriority;
    let best = Number.POSITIVE_INFINITY;
    for (let m = group; m < this.fleet.count; m += this.groupCount)
      best = Math.min(best, priority[this.fleet.tier[m]!]!);
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
    if (this.spec.stopAtFirstDataLoss) this.sim.stop();
  }

  /** An asynchronous failover dropped the writes acknowledged in the lag before the outage. */
  private onLagLost(group: number, windowMs: number): void {
    const outageStartMs = this.groups.outageStart(group);
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
    if (!this.groups.isUp(group)) return;
    this.addExposure(group, this.sim.nowMs);
    this.groups.settledUntil(group, this.sim.nowMs);
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
        const upEndMs = this.groups.isUp(group) ? nowMs : this.groups.outageStart(group);
        const fromMs = Math.max(nowMs - damage.windowMs, this.groups.upStart(group));
        const mass = this.mail.diurnalIntegralMs(fromMs, upEndMs);
        return this.stored.loseWindow(group, this.placement.groupRatePerMs[group]! * mass, "silentlyLost");
      }
    }
  }

  /** At the end: open outages settle as unrestored; Up stretches add their exposure. */
  private closeAt(endMs: number): void {
    this.reopenings.flush();
    for (let g = 0; g < this.groupCount; g++) {
      if (this.groups.isUp(g)) this.addExposure(g, endMs);
      else
        this.reopenings.settleTogether(
          [g],
          {
            startMs: this.groups.outageStart(g),
            spoolEndMs: this.spool.spoolEndMs(g),
            restoredAtMs: Number.POSITIVE_INFINITY,
            windowStartMs: this.groups.since(g),
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
