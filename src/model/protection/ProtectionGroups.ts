/**
 * ProtectionGroups: how a group of mailboxes survives the loss of its copies.
 *
 * A protection group keeps its mailboxes on `n` shards in storage slots (docs/model.md#protection-groups):
 * full replicas (`dataShards = 1`) or erasure-coded fragments (`dataShards = k` of n). Each
 * shard is OK (holds the data, reachable), DOWN (holds the data, unreachable for now), LOST
 * (its data is gone) or REBUILDING (being copied back from the others).
 *
 * - Service. With replication and a quorum of 1, one shard is the primary; when it becomes
 *   unreachable and another shard is OK, the group is down until failover completes:
 *   detection, then (manual mode) an operator's decision, with a bounded pool of operators
 *   working one failover decision per backend at a time (`PrimaryFailover.ts`,
 *   `FailoverDecisions.ts`). A read-only
 *   primary (ENOSPC, a read-only bug) is failed over the same way when another shard is OK and
 *   writable: writes move to a writable copy after the same detection delay as a crash; with
 *   no writable copy it serves read-only. Otherwise (erasure coding, or a quorum above 1) the
 *   group serves while `max(quorum, k)` shards are OK, read-only unless that many are writable.
 * - Durability. Data is lost when fewer than `k` shards still hold it (OK or DOWN). With
 *   asynchronous replication a failover also drops the acknowledged writes of the last `lag`.
 * - Repair. A LOST shard whose slot is usable is rebuilt from the others in a time drawn
 *   from `repair.time`, or the group's size over the backend's repair bandwidth; one rebuild
 *   at a time per group ("shared") or all at once ("independent"), docs/validation.md#mean-time-to-data-loss.
 * - Shard loss. Besides node losses reported by backends, each OK shard may fail
 *   permanently after `shardLoss.ttf` (a disk under it); its clock restarts when rebuilt,
 *   so a shard never fails while it is being repaired — the CTMC assumption of docs/validation.md#mean-time-to-data-loss.
 *
 * - Membership (migrations). A shard may be ABSENT: its slot holds nothing of the group yet
 *   (a migration target before the copy lands) or any more (a decommissioned source). Absent
 *   shards never hold data, serve, fail or get repaired; `addShard` makes one present (the
 *   copy landed), `removeShard` retires one, `setPrimary` moves service (a cut-over), and a
 *   write pause (`setWritePause`) serves reads only while a cut-over syncs.
 *
 * - Biased runs (`maildrill estimate`): with a `FailureBiasing`, exponential and Weibull
 *   shard-loss clocks are drawn by `BiasedClocks` and redrawn at every group change;
 *   nothing else here is biased.
 *
 * Contract: `access(g)` changes only through `publish`, which calls the world's `setAccess`
 * once per real change; after total data loss the group restarts empty on its shards.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream, RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import { BiasedClocks } from "../faults/BiasedClocks.js";
import type { FailureBiasing } from "../faults/FailureBiasing.js";
import { Access } from "../WorldObserver.js";
import { PrimaryFailover } from "./PrimaryFailover.js";

const ShardState = { Ok: 0, Down: 1, Lost: 2, Rebuilding: 3, Absent: 4 } as const;

/** How well a shard can serve: not at all, reads only (read-only), or reads and writes. */
const UNSERVING = 0;
const READ_ONLY = 1;
const WRITABLE = 2;

export interface ProtectionSpec {
  readonly shards: number;
  readonly dataShards: number;
  readonly quorum: number;
  readonly replication: "sync" | "async";
  readonly lagMs: number;
  readonly failover: {
    readonly detectionMs: number;
    readonly mode: "automatic" | "manual";
    readonly decision: DistributionSpec;
  };
  readonly operators: number;
  readonly repair: { readonly concurrency: "independent" | "shared"; readonly time?: DistributionSpec };
  readonly shardLossTtf?: DistributionSpec;
  /** Scrub interval: damage on a shard that still has clean copies is repaired at the next scrub. */
  readonly scrubEveryMs: number;
}

export interface ProtectionHooks {
  setAccess(group: number, access: Access): void;
  /** Every copy of the group's data is gone. */
  dataLost(group: number): void;
  /** An asynchronous failover dropped the acknowledged writes of the last `windowMs`. */
  lagLost(group: number, windowMs: number): void;
  /** Damage that waited on a shard is met now that the shard is the group's last holder. */
  pendingDamageMet(
    group: number,
    kind: "latent-errors" | "corruption",
    fraction: number,
    heldAtDamage: number,
  ): void;
  /** Bytes to copy to rebuild one shard of the group, and the bandwidth for it. */
  rebuildBytes(group: number, shard: number): { bytes: number; bytesPerSec: number };
  /** A failover made `shard` the group's primary (after its event is reported). */
  failedOver(group: number, shard: number): void;
  /** The backend of a shard index within a group: manual failovers are decided per backend. */
  backendOfShard(shard: number): number;
  event(kind: string, detail: Record<string, number | string>): void;
}

export class ProtectionGroups {
  readonly groupCount: number;
  private readonly n: number;
  /** Global slot of each shard, and its state; index = group * n + shard. */
  readonly shardSlot: Int32Array;
  private readonly shardState: Uint8Array;
  private readonly shardReadOnly: Uint8Array;
  private readonly shardTimer: Float64Array;
  private readonly rebuildsActive: Uint8Array;
  private readonly access: Uint8Array;
  private readonly slotDown: Uint8Array;
  /** Outside reasons to keep a group down (a restore in progress without dial-tone). */
  private readonly holds: Uint8Array;
  /** Groups whose writes are paused (a cut-over's final sync): they serve read-only. */
  private readonly writePaused: Uint8Array;
  /** Damage waiting on each shard for the next scrub: latent-error and corruption fractions. */
  private readonly pendingLatent: Float64Array;
  private readonly pendingCorrupt: Float64Array;
  /** Messages the group held when the shard's pending damage was last added (it hits only those). */
  private readonly pendingHeld: Float64Array;
  /** Slot → shards using it, as compressed rows. */
  private readonly slotShardStart: Int32Array;
  private readonly slotShards: Int32Array;
  /** Primary mode: which shard serves, and failovers off it. */
  private readonly failover: PrimaryFailover;
  private readonly repairRng: RandomStream;
  private readonly lossRng: RandomStream;
  /** When each shard's rebuild completes; −1 when none runs. */
  private readonly rebuildDoneAtMs: Float64Array;
  private readonly biased: BiasedClocks | undefined;

  constructor(
    private readonly spec: ProtectionSpec,
    groupCount: number,
    slotCount: number,
    placeShard: (group: number, shard: number) => number,
    /** Shards that start absent (a migration's target copies). */
    startsAbsent: (shard: number) => boolean,
    private readonly sim: Simulation,
    streams: RandomStreams,
    private readonly hooks: ProtectionHooks,
    biasing?: FailureBiasing,
  ) {
    this.groupCount = groupCount;
    this.n = spec.shards;
    const shardCount = groupCount * this.n;
    this.shardSlot = new Int32Array(shardCount);
    for (let g = 0; g < groupCount; g++)
      for (let s = 0; s < this.n; s++) this.shardSlot[g * this.n + s] = placeShard(g, s);
    this.shardState = new Uint8Array(shardCount);
    for (let s = 0; s < shardCount; s++) if (startsAbsent(s % this.n)) this.shardState[s] = ShardState.Absent;
    this.shardReadOnly = new Uint8Array(shardCount);
    this.shardTimer = new Float64Array(shardCount).fill(-1);
    this.rebuildsActive = new Uint8Array(groupCount);
    this.access = new Uint8Array(groupCount);
    this.slotDown = new Uint8Array(slotCount);
    this.holds = new Uint8Array(groupCount);
    this.writePaused = new Uint8Array(groupCount);
    this.pendingLatent = new Float64Array(shardCount);
    this.pendingCorrupt = new Float64Array(shardCount);
    this.pendingHeld = new Float64Array(shardCount);
    [this.slotShardStart, this.slotShards] = invert(this.shardSlot, slotCount);
    this.failover = new PrimaryFailover(
      groupCount,
      this.n,
      spec,
      sim,
      streams.get("protection/failover-decision"),
      (shard) => this.rank(shard),
      hooks,
      (group) => this.update(group),
    );
    this.repairRng = streams.get("protection/repair");
    this.lossRng = streams.get("protection/shard-loss");
    this.rebuildDoneAtMs = new Float64Array(shardCount).fill(-1);
    const clock = biasing && spec.shardLossTtf ? biasing.clockOf(spec.shardLossTtf) : undefined;
    this.biased =
      biasing && clock
        ? new BiasedClocks(biasing, [clock], shardCount, this.n, sim, this.lossRng, (s) => this.shardFails(s))
        : undefined;
  }

  /** Operator time spent on failover decisions up to `endMs` (running ones counted so far). */
  operatorBusyMs(endMs: number): number {
    return this.failover.busyMs(endMs);
  }

  /** Shards per group. */
  get shardCount(): number {
    return this.n;
  }

  get usesPrimary(): boolean {
    return this.spec.dataShards === 1 && this.spec.quorum === 1;
  }

  start(): void {
    this.startScrubs();
    if (this.spec.shardLossTtf === undefined) return;
    for (let shard = 0; shard < this.shardState.length; shard++)
      if (this.shardState[shard] !== ShardState.Absent) this.scheduleShardLoss(shard);
    for (let g = 0; g < this.groupCount; g++) this.redrawBiased(g);
  }

  // ---------------------------------------------------------------- membership (migrations)

  /** Whether a shard is part of its group (holds, or held, the group's data). */
  isPresent(shard: number): boolean {
    return this.shardState[shard] !== ShardState.Absent;
  }

  /** Whether a shard holds the data and is reachable (a copy can be read from it). */
  isReadable(shard: number): boolean {
    return this.shardState[shard] === ShardState.Ok;
  }

  /** Whether a shard holds the data, is reachable and takes writes (not read-only). */
  isWritable(shard: number): boolean {
    return this.rank(shard) === WRITABLE;
  }

  /** Whether a shard's slot could take a copy now: reachable and not read-only (full). */
  canReceive(shard: number): boolean {
    return this.slotUsable(shard) && this.shardReadOnly[shard] === 0;
  }

  /** The group's data landed on an absent shard: it joins the group, reachable or not. */
  addShard(shard: number): void {
    if (this.shardState[shard] !== ShardState.Absent) return;
    this.shardState[shard] = this.slotUsable(shard) ? ShardState.Ok : ShardState.Down;
    this.scheduleShardLoss(shard);
    this.update(this.groupOfShard(shard));
  }

  /** A shard leaves its group (decommissioned); service moves off it first if it was the primary. */
  removeShard(shard: number): void {
    const state = this.shardState[shard]!;
    if (state === ShardState.Absent) return;
    const group = this.groupOfShard(shard);
    if (state === ShardState.Rebuilding) this.abortRebuild(shard);
    this.clearTimer(shard);
    this.shardState[shard] = ShardState.Absent;
    this.pendingLatent[shard] = 0;
    this.pendingCorrupt[shard] = 0;
    if (this.failover.primary[group] === shard % this.n)
      this.failover.primary[group] = this.failover.bestShard(group);
    this.update(group);
  }

  /** Service moves to `shard` (a cut-over); it must hold the data. */
  setPrimary(shard: number): void {
    const group = this.groupOfShard(shard);
    this.failover.primary[group] = shard % this.n;
    this.update(group);
  }

  /** The shard serving a group (primary mode), or −1. */
  primaryShard(group: number): number {
    const p = this.failover.primary[group]!;
    return p < 0 ? -1 : group * this.n + p;
  }

  isWritePaused(group: number): boolean {
    return this.writePaused[group] === 1;
  }

  /** Pauses (or resumes) a group's writes: it serves read-only meanwhile. */
  setWritePause(group: number, paused: boolean): void {
    this.writePaused[group] = paused ? 1 : 0;
    this.update(group);
  }

  /** Scrubs run group by group, staggered over the interval so the whole fleet is not read at once. */
  private startScrubs(): void {
    const everyMs = this.spec.scrubEveryMs;
    if (!Number.isFinite(everyMs) || this.n < 2) return;
    const kind = this.sim.register("protection/scrub", (group) => {
      this.scrub(group);
      this.sim.after(everyMs, kind, group);
    });
    for (let g = 0; g < this.groupCount; g++)
      this.sim.at(Math.floor(((g + 1) * everyMs) / this.groupCount), kind, g);
  }

  /** A scrub repairs waiting damage from the clean copies, if the group still has one. */
  private scrub(group: number): void {
    const base = group * this.n;
    let repaired = 0;
    for (let s = base; s < base + this.n; s++) {
      if (this.pendingLatent[s]! > 0 || this.pendingCorrupt[s]! > 0) repaired++;
      this.pendingLatent[s] = 0;
      this.pendingCorrupt[s] = 0;
    }
    if (repaired > 0) this.hooks.event("scrub-repaired", { group, shards: repaired });
  }

  /** The shards of a group that still hold its data (OK or Down), in shard order. */
  holdingShards(group: number): number[] {
    const out: number[] = [];
    for (let s = group * this.n; s < (group + 1) * this.n; s++) if (this.holdsData(s)) out.push(s);
    return out;
  }

  /** The shards on a slot, with their groups. */
  shardsOnSlot(slot: number): { shard: number; group: number }[] {
    const out: { shard: number; group: number }[] = [];
    this.forShardsOf(slot, (shard) => out.push({ shard, group: this.groupOfShard(shard) }));
    return out;
  }

  get dataShards(): number {
    return this.spec.dataShards;
  }

  /** Damage waiting on a shard for the scrub (fractions combine as independent hits). */
  addPendingDamage(
    shard: number,
    kind: "latent-errors" | "corruption",
    fraction: number,
    heldNow: number,
  ): void {
    this.pendingHeld[shard] = heldNow;
    const pending = kind === "latent-errors" ? this.pendingLatent : this.pendingCorrupt;
    pending[shard] = 1 - (1 - pending[shard]!) * (1 - fraction);
  }

  clearPendingDamage(shard: number, kind: "latent-errors" | "corruption"): void {
    (kind === "latent-errors" ? this.pendingLatent : this.pendingCorrupt)[shard] = 0;
  }

  pendingDamage(shard: number, kind: "latent-errors" | "corruption"): number {
    return (kind === "latent-errors" ? this.pendingLatent : this.pendingCorrupt)[shard]!;
  }

  /** When a group is down to its last holders, damage waiting on them is met (rebuilds read it). */
  private meetPendingDamage(group: number): void {
    if (this.holdersOf(group) > this.spec.dataShards) return;
    for (let s = group * this.n; s < (group + 1) * this.n; s++) {
      if (!this.holdsData(s)) continue;
      const held = this.pendingHeld[s]!;
      if (this.pendingLatent[s]! > 0)
        this.hooks.pendingDamageMet(group, "latent-errors", this.pendingLatent[s]!, held);
      if (this.pendingCorrupt[s]! > 0)
        this.hooks.pendingDamageMet(group, "corruption", this.pendingCorrupt[s]!, held);
      this.pendingLatent[s] = 0;
      this.pendingCorrupt[s] = 0;
    }
  }

  /** A backend slot's reachability changed: every shard on it follows. */
  slotAccessChanged(slot: number, access: Access): void {
    this.slotDown[slot] = access === Access.Down ? 1 : 0;
    this.forShardsOf(slot, (shard) => {
      const state = this.shardState[shard]!;
      this.shardReadOnly[shard] = access === Access.ReadOnly ? 1 : 0;
      if (state === ShardState.Ok && access === Access.Down) this.shardState[shard] = ShardState.Down;
      else if (state === ShardState.Down && access !== Access.Down) this.shardState[shard] = ShardState.Ok;
      else if (state === ShardState.Rebuilding && access === Access.Down) this.abortRebuild(shard);
      this.update(this.groupOfShard(shard));
    });
  }

  /** A backend slot's data is gone: every shard on it is lost. */
  slotLost(slot: number): void {
    this.forShardsOf(slot, (shard) => this.loseShard(shard));
  }

  private groupOfShard(shard: number): number {
    return Math.floor(shard / this.n);
  }

  private forShardsOf(slot: number, visit: (shard: number) => void): void {
    for (let i = this.slotShardStart[slot]!; i < this.slotShardStart[slot + 1]!; i++)
      visit(this.slotShards[i]!);
  }

  private loseShard(shard: number): void {
    const state = this.shardState[shard]!;
    if (state === ShardState.Lost || state === ShardState.Absent) return;
    if (state === ShardState.Rebuilding) this.abortRebuild(shard);
    this.clearTimer(shard);
    this.shardState[shard] = ShardState.Lost;
    const group = this.groupOfShard(shard);
    this.hooks.event("shard-lost", { group, shard: shard % this.n });
    this.pendingLatent[shard] = 0;
    this.pendingCorrupt[shard] = 0;
    if (this.holdersOf(group) < this.spec.dataShards) this.loseGroupData(group);
    else this.meetPendingDamage(group);
    this.update(group);
  }

  /** A shard holds the group's data while it is OK or merely unreachable. */
  private holdsData(shard: number): boolean {
    const state = this.shardState[shard];
    return state === ShardState.Ok || state === ShardState.Down;
  }

  /** Shards still holding the data (reachable or not). */
  private holdersOf(group: number): number {
    let holders = 0;
    for (let s = group * this.n; s < (group + 1) * this.n; s++) if (this.holdsData(s)) holders++;
    return holders;
  }

  /** Total loss: report it, then restart the group empty on every shard whose slot is usable. */
  private loseGroupData(group: number): void {
    this.hooks.dataLost(group);
    for (let s = group * this.n; s < (group + 1) * this.n; s++) {
      if (this.shardState[s] === ShardState.Rebuilding) this.abortRebuild(s);
      if (this.shardState[s] === ShardState.Lost) {
        this.shardState[s] = this.slotUsable(s) ? ShardState.Ok : ShardState.Down;
        this.scheduleShardLoss(s);
      }
    }
  }

  /** Re-evaluates a group after any shard change: repairs to start, failover, access. */
  private update(group: number): void {
    this.startRepairs(group);
    if (this.usesPrimary) this.failover.update(group);
    this.publish(group, this.computeAccess(group));
    this.redrawBiased(group);
  }

  /** Biased runs: the group changed, so its running loss clocks are redrawn under its new state. */
  private redrawBiased(group: number): void {
    if (this.biased === undefined) return;
    let degraded = false;
    let repairDoneAtMs = -1;
    for (let s = group * this.n; s < (group + 1) * this.n; s++) {
      const state = this.shardState[s];
      if (state === ShardState.Lost || state === ShardState.Rebuilding) degraded = true;
      const doneAtMs = this.rebuildDoneAtMs[s]!;
      if (doneAtMs >= 0 && (repairDoneAtMs < 0 || doneAtMs < repairDoneAtMs)) repairDoneAtMs = doneAtMs;
    }
    this.biased.redraw(group, degraded, repairDoneAtMs);
  }

  /**
   * Whether a restore from backup could land on the group now: enough of its present shards
   * sit on usable slots to serve (one in primary mode, else max(quorum, data shards)).
   */
  canLand(group: number): boolean {
    let usable = 0;
    for (let s = group * this.n; s < (group + 1) * this.n; s++)
      if (this.shardState[s] !== ShardState.Absent && this.slotUsable(s)) usable++;
    return usable >= (this.usesPrimary ? 1 : Math.max(this.spec.quorum, this.spec.dataShards));
  }

  /**
   * A restore landed on the group's usable shards: a shard whose slot is down got nothing of
   * it, so it is lost and is rebuilt from the restored copies once its slot is back; service
   * starts on a restored shard at once (the restore chose where it landed: no detection).
   */
  landRestore(group: number): void {
    for (let s = group * this.n; s < (group + 1) * this.n; s++)
      if (this.shardState[s] === ShardState.Down) {
        this.clearTimer(s);
        this.shardState[s] = ShardState.Lost;
        this.hooks.event("shard-lost", { group, shard: s % this.n });
      }
    if (this.usesPrimary && !this.isReadable(this.primaryShard(group))) {
      this.failover.cancel(group);
      this.failover.primary[group] = this.failover.bestShard(group);
    }
    this.update(group);
  }

  /** Keeps a group down whatever its shards say (its data is being restored), or lets it go. */
  setHold(group: number, held: boolean): void {
    this.holds[group] = held ? 1 : 0;
    this.update(group);
  }

  private computeAccess(group: number): Access {
    const access = this.shardAccess(group);
    return access === Access.Up && this.writePaused[group] ? Access.ReadOnly : access;
  }

  private shardAccess(group: number): Access {
    const base = group * this.n;
    if (this.holds[group]) return Access.Down;
    if (this.usesPrimary) {
      const p = this.failover.primary[group]!;
      const rank = p < 0 ? UNSERVING : this.rank(base + p);
      return rank === WRITABLE ? Access.Up : rank === READ_ONLY ? Access.ReadOnly : Access.Down;
    }
    let reachable = 0;
    let writable = 0;
    for (let s = base; s < base + this.n; s++) {
      if (this.shardState[s] !== ShardState.Ok) continue;
      reachable++;
      if (!this.shardReadOnly[s]) writable++;
    }
    // A read-only shard is left out of writes as a down one would be: writes need `need` writable shards.
    const need = Math.max(this.spec.quorum, this.spec.dataShards);
    if (reachable < need) return Access.Down;
    return writable < need ? Access.ReadOnly : Access.Up;
  }

  private publish(group: number, access: Access): void {
    if (this.access[group] === access) return;
    this.access[group] = access;
    this.hooks.setAccess(group, access);
  }

  /** How well a shard can serve now. */
  private rank(shard: number): number {
    if (this.shardState[shard] !== ShardState.Ok) return UNSERVING;
    return this.shardReadOnly[shard] ? READ_ONLY : WRITABLE;
  }

  private startRepairs(group: number): void {
    const base = group * this.n;
    if (!this.hasOkSource(group)) return;
    for (let s = base; s < base + this.n; s++) {
      if (this.spec.repair.concurrency === "shared" && this.rebuildsActive[group]! > 0) return;
      if (this.shardState[s] !== ShardState.Lost || !this.slotUsable(s)) continue;
      this.startRebuild(s);
    }
  }

  private hasOkSource(group: number): boolean {
    let ok = 0;
    for (let s = group * this.n; s < (group + 1) * this.n; s++)
      if (this.shardState[s] === ShardState.Ok) ok++;
    return ok >= this.spec.dataShards;
  }

  /** A slot last reported Down cannot serve, nor receive a rebuild. */
  private slotUsable(shard: number): boolean {
    return this.slotDown[this.shardSlot[shard]!] === 0;
  }

  private startRebuild(shard: number): void {
    const group = this.groupOfShard(shard);
    this.shardState[shard] = ShardState.Rebuilding;
    this.rebuildsActive[group]! += 1;
    const durationMs = this.rebuildDurationMs(group, shard);
    this.rebuildDoneAtMs[shard] = this.sim.nowMs + durationMs;
    this.shardTimer[shard] = this.sim.callAt(this.sim.nowMs + durationMs, () => {
      this.shardTimer[shard] = -1;
      this.rebuildDoneAtMs[shard] = -1;
      this.rebuildsActive[group]! -= 1;
      this.shardState[shard] = ShardState.Ok;
      this.hooks.event("shard-rebuilt", { group, shard: shard % this.n });
      this.scheduleShardLoss(shard);
      this.update(group);
    });
  }

  private rebuildDurationMs(group: number, shard: number): number {
    if (this.spec.repair.time !== undefined)
      return Math.max(0, Math.round(sampleSpec(this.spec.repair.time, this.repairRng)));
    const { bytes, bytesPerSec } = this.hooks.rebuildBytes(group, shard % this.n);
    return Math.ceil((bytes / this.spec.dataShards / bytesPerSec) * 1000);
  }

  private abortRebuild(shard: number): void {
    this.clearTimer(shard);
    this.rebuildsActive[this.groupOfShard(shard)]! -= 1;
    this.shardState[shard] = ShardState.Lost;
  }

  private clearTimer(shard: number): void {
    if (this.shardTimer[shard]! >= 0) this.sim.cancel(this.shardTimer[shard]!);
    this.shardTimer[shard] = -1;
    this.rebuildDoneAtMs[shard] = -1;
    this.biased?.stop(shard);
  }

  private scheduleShardLoss(shard: number): void {
    const ttf = this.spec.shardLossTtf;
    if (ttf === undefined) return;
    this.clearTimer(shard);
    if (this.biased !== undefined) {
      this.biased.start(shard);
      return;
    }
    const delayMs = Math.max(0, Math.round(sampleSpec(ttf, this.lossRng)));
    this.shardTimer[shard] = this.sim.callAt(this.sim.nowMs + delayMs, () => {
      this.shardTimer[shard] = -1;
      this.shardFails(shard);
    });
  }

  private shardFails(shard: number): void {
    this.hooks.event("shard-failure", { group: this.groupOfShard(shard), shard: shard % this.n });
    this.loseShard(shard);
  }
}

/** Inverts shard → slot into slot → shards (compressed rows, shards in index order). */
function invert(shardSlot: Int32Array, slotCount: number): [Int32Array, Int32Array] {
  const start = new Int32Array(slotCount + 1);
  for (const slot of shardSlot) start[slot + 1]! += 1;
  for (let i = 0; i < slotCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, slotCount);
  const shards = new Int32Array(shardSlot.length);
  shardSlot.forEach((slot, shard) => {
    shards[fill[slot]!++] = shard;
  });
  return [start, shards];
}
