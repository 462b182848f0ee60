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
 * The mechanics live in the parts it wires: what each group is served and its exposure
 * (`ServedAccess`), what a loss does to stored mail (`integrity/MailDamage`), backups
 * (`recovery/buildBackups`), the spec's timeline (`scheduleTimeline`), and what gates read
 * (`GateReadouts`). It is the rollout's `MigrationPort`: a rollout sees groups and shards,
 * nothing else.
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
import { GateReadouts } from "./GateReadouts.js";
import { GroupAccess } from "./GroupAccess.js";
import { expungePerMs, GroupStock } from "./GroupStock.js";
import { DamageJudge } from "./integrity/DamageJudge.js";
import { MailDamage } from "./integrity/MailDamage.js";
import { StoredMail } from "./integrity/StoredMail.js";
import type { GroupListener, MigrationPort } from "./MigrationPort.js";
import { BounceLog } from "./mail/BounceLog.js";
import { DeferredMail } from "./mail/DeferredMail.js";
import { MxSpool } from "./mail/MxSpool.js";
import { ReopeningBatch } from "./mail/ReopeningBatch.js";
import { Placement } from "./Placement.js";
import { ProtectionGroups } from "./protection/ProtectionGroups.js";
import { ShardPlacement } from "./protection/ShardPlacement.js";
import type { BackupRestore } from "./recovery/BackupRestore.js";
import { buildBackups } from "./recovery/buildBackups.js";
import { ServedAccess } from "./ServedAccess.js";
import { scheduleTimeline } from "./scheduleTimeline.js";
import { buildBackends } from "./storage/buildBackends.js";
import type { BackendContext, StorageBackend } from "./storage/StorageBackend.js";
import type { Access, WorldObserver } from "./WorldObserver.js";
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
  /** Own access → dial-tone → shared parts: what each group is served, and its windows. */
  private readonly access: ServedAccess;
  /** Biased runs only: reaches the backends' and the OS bugs' failure clocks. */
  private readonly biasing: FailureBiasing | undefined;
  private readonly backups: BackupRestore | undefined;
  /** Data losses and unrepairable damage, turned into messages in the ledger. */
  private readonly losses: MailDamage;
  /** What the rollout's gates and topology read: counters, slowness, bounces, places. */
  private readonly readouts: GateReadouts;
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
    this.damage = new DamageJudge(this.sim, this.protection, {
      heldMean: (group) => {
        this.access.bringExposureUpToDate(group);
        return this.stored.heldMean(group);
      },
      applyNow: (group, damage) => this.losses.applyNow(group, damage),
      applyFraction: (group, kind, fraction) => this.losses.applyFraction(group, kind, fraction),
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
        this.access.bringExposureUpToDate(group);
        return this.stock.messagesNow(group, this.sim.nowMs);
      },
      damageSlot: (slot, damage) => this.damage.slotDamaged(slot, damage),
      loseSlot: (slot) => this.protection.slotLost(slot),
      event: (kind, detail) => this.event(kind, detail),
    });
    this.access = new ServedAccess(spec, {
      sim: this.sim,
      placement: this.placement,
      groups: this.groups,
      mail: this.mail,
      stored: this.stored,
      stock: this.stock,
      spool: this.spool,
      reopenings: this.reopenings,
      bugs: this.bugs,
      observer: this.observer,
      trace: this.trace,
      mailboxCount: this.fleet.count,
      listener: () => this.groupListener,
      event: (kind, detail) => this.event(kind, detail),
    });
    this.backups = buildBackups(spec, {
      sim: this.sim,
      fleet: this.fleet,
      placement: this.placement,
      protection: this.protection,
      stored: this.stored,
      observer: this.observer,
      bringExposureUpToDate: (group) => this.access.bringExposureUpToDate(group),
      event: (kind, detail) => this.event(kind, detail),
    });
    this.losses = new MailDamage({
      sim: this.sim,
      placement: this.placement,
      groups: this.groups,
      mail: this.mail,
      stored: this.stored,
      observer: this.observer,
      backups: this.backups,
      stopAtFirstDataLoss: spec.stopAtFirstDataLoss,
      listener: () => this.groupListener,
      bringExposureUpToDate: (group) => this.access.bringExposureUpToDate(group),
      event: (kind, detail) => this.event(kind, detail),
    });
    this.readouts = new GateReadouts({
      spec,
      storage: { backends: this.backends, slotOffset: this.slotOffset },
      protection: this.protection,
      placement: this.placement,
      groups: this.groups,
      spool: this.spool,
      reopenings: this.reopenings,
      bounceLog: this.bounceLog,
      bugs: this.bugs,
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
        setAccess: (group, access) => this.access.ownAccessChanged(group, access),
        dataLost: (group) => this.losses.dataLost(group),
        lagLost: (group, windowMs) => this.losses.lagLost(group, windowMs),
        pendingDamageMet: (group, kind, fraction, heldAtDamage) =>
          this.losses.pendingDamageMet(group, kind, fraction, heldAtDamage),
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
    return this.readouts.shardCluster(shardIndex);
  }

  shardNode(shardIndex: number): number {
    return this.readouts.shardNode(shardIndex);
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
    return this.readouts.counterPeak(shardIndex, counter, per);
  }

  shardSlowFactor(shardIndex: number): number {
    return this.readouts.shardSlowFactor(shardIndex);
  }

  bouncedSince(fromMs: number): number {
    return this.readouts.bouncedSince(fromMs, this.sim.nowMs);
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
    scheduleTimeline(this.spec, this.sim, this.backends, this.bugs, (kind, detail) =>
      this.event(kind, detail),
    );
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

  /** At the end: open outages settle as unrestored; Up stretches add their exposure. */
  private closeAt(endMs: number): void {
    this.reopenings.flush();
    for (let g = 0; g < this.groupCount; g++) {
      if (this.groups.isUp(g)) this.access.addExposure(g, endMs);
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
