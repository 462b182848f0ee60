/**
 * attachBugs: gives every backend that declares OS bugs its counters, its bug host and its
 * bug engine, and returns the hooks the world calls as groups start or stop writing. It
 * builds everything at once and schedules nothing until `start()`.
 *
 * Counters start from the messages each node holds at t = 0 (mailbox sizes over the message
 * size) and grow with the writes of the groups whose present shards it holds, while those
 * groups accept mail. When a migration copies a group onto a node, the group's messages land
 * there at once; when a copy is decommissioned they leave.
 */
import type { RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { Placement } from "../Placement.js";
import { backendOfSlot } from "../storage/backendOfSlot.js";
import type { SlotDamage, StorageBackend } from "../storage/StorageBackend.js";
import type { BackendBugs, WorldSpec } from "../WorldSpec.js";
import type { FailureBiasing } from "./FailureBiasing.js";
import { NodeCounters } from "./NodeCounters.js";
import { type BugDraws, type CounterName, type CounterScope, OsBugEngine } from "./OsBug.js";
import { WorldBugHost } from "./WorldBugHost.js";

/** Default fill of a node at t = 0 when the scenario gives no node capacity. */
const DEFAULT_INITIAL_FILL = 0.6;

/** The spec's bugs (by backend index), message size and horizon, plus the world's live parts. */
export interface BugWorld extends Pick<WorldSpec, "bugs" | "messageSizeBytes" | "horizonMs"> {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly backends: readonly StorageBackend[];
  readonly slotOffset: readonly number[];
  readonly placement: Placement;
  /** Global slot of each shard of each group, index group * shards + shard. */
  readonly shardSlot: Int32Array;
  readonly shards: number;
  /** Whether shard index (group * shards + shard) is part of its group now. */
  readonly shardPresent: (index: number) => boolean;
  /** Messages a group holds now (its size at t = 0 in messages plus what it stored since, less what was expunged). */
  readonly groupMessages: (group: number) => number;
  /** Share of stored objects users delete per ms (docs/model.md#fleet); 0: none. */
  readonly expungePerMs: number;
  readonly damageSlot: (globalSlot: number, damage: SlotDamage) => void;
  readonly loseSlot: (globalSlot: number) => void;
  readonly event: (kind: string, detail: Record<string, number | string>) => void;
  /** Biased runs only (`maildrill estimate`): hazard-triggered bugs draw their trips through it. */
  readonly biasing?: FailureBiasing | undefined;
}

export interface BugHooks {
  /** Starts every bug engine (draws thresholds, schedules what they need). */
  start(): void;
  /** A group started (+1) or stopped (−1) accepting writes. */
  groupWriting(group: number, sign: 1 | -1): void;
  /** A group's deferred mail was written to it at once (the burst at a reopening). */
  groupDelivered(group: number, count: number): void;
  /** An operation (an upgrade, a filer HA takeover, …) happened on a node of backend `backend`. */
  nodeOperation(backend: number, node: number, operation: string): void;
  /** A failover made a shard on `globalSlot` the group's primary. */
  failoverTo(globalSlot: number): void;
  /** What this run drew for every bug (thresholds, fix delays), backends in scenario order. */
  draws(): BugDraws[];
  /** A copy of the group joined (+1: its data landed) or left (−1) on `shard`; `writing` if the group accepts mail. */
  shardMembership(group: number, shard: number, sign: 1 | -1, writing: boolean): void;
  /**
   * Synthetic objects (a scale test) on the nodes of `globalSlots`: written at `objectsPerMs[i]`
   * more than before (when given), or `deleted[i]` removed (when given); counters told once.
   */
  syntheticWrites(
    globalSlots: readonly number[],
    objectsPerMs: readonly number[],
    deleted: readonly number[],
  ): void;
  /** The largest counter value now over backend `backend`'s units; undefined if it keeps no counters. */
  counterPeak(backend: number, counter: CounterName, per: CounterScope): number | undefined;
}

export function attachBugs(world: BugWorld): BugHooks {
  const attached: { backend: number; counters: NodeCounters; host: WorldBugHost; engine: OsBugEngine }[] = [];
  const mailboxes = new NodeMailboxes(world);
  world.bugs.forEach((bugs, b) => {
    if (bugs === undefined) return;
    const { counters, host } = wireBackend(world, b, bugs, (node) => mailboxes.of(b, node));
    const engine = new OsBugEngine(host, bugs.bugs, world.sim, world.streams, world.horizonMs, world.biasing);
    attached.push({ backend: b, counters, host, engine });
  });
  const locate = (globalSlot: number) => {
    for (const a of attached) {
      const local = globalSlot - world.slotOffset[a.backend]!;
      if (local >= 0 && local < world.backends[a.backend]!.slotCount)
        return { a, node: world.backends[a.backend]!.slotNode(local) };
    }
    return undefined;
  };
  /** Applies `touch` to the node counters of each present shard of the group. */
  const touchPresentShards = (group: number, touch: (counters: NodeCounters, node: number) => void) => {
    if (attached.length === 0) return;
    const touched = new Set<NodeCounters>();
    for (let s = 0; s < world.shards; s++) {
      if (!world.shardPresent(group * world.shards + s)) continue;
      const hit = locate(world.shardSlot[group * world.shards + s]!);
      if (hit === undefined) continue;
      touch(hit.a.counters, hit.node);
      touched.add(hit.a.counters);
    }
    for (const counters of touched) counters.ratesChanged();
  };
  return {
    start() {
      for (const a of attached) a.engine.start();
    },
    groupWriting(group, sign) {
      const rate = world.placement.groupRatePerMs[group]!;
      touchPresentShards(group, (counters, node) => counters.addRate(node, sign * rate));
    },
    groupDelivered(group, count) {
      touchPresentShards(group, (counters, node) => counters.addObjects(node, count));
    },
    nodeOperation(backend, node, operation) {
      attached.find((x) => x.backend === backend)?.host.operation(operation, node);
    },
    failoverTo(globalSlot) {
      const hit = locate(globalSlot);
      if (hit) hit.a.host.operation("failover", hit.node);
    },
    draws: () => attached.flatMap((a) => a.engine.draws()),
    shardMembership(group, shard, sign, writing) {
      if (attached.length === 0) return;
      mailboxes.changed();
      const hit = locate(world.shardSlot[group * world.shards + shard]!);
      if (hit === undefined) return;
      const messages = world.groupMessages(group);
      if (sign > 0) hit.a.counters.addObjects(hit.node, messages);
      else hit.a.counters.removeObjects(hit.node, messages);
      if (writing) hit.a.counters.addRate(hit.node, sign * world.placement.groupRatePerMs[group]!);
      hit.a.counters.ratesChanged();
    },
    syntheticWrites(globalSlots, objectsPerMs, deleted) {
      const touched = new Set<NodeCounters>();
      globalSlots.forEach((slot, i) => {
        const hit = locate(slot);
        if (hit === undefined) return;
        if (i < objectsPerMs.length) hit.a.counters.addRate(hit.node, objectsPerMs[i]!);
        if (i < deleted.length) hit.a.counters.removeObjects(hit.node, deleted[i]!);
        touched.add(hit.a.counters);
      });
      for (const counters of touched) counters.ratesChanged();
    },
    counterPeak(backend, counter, per) {
      const counters = attached.find((x) => x.backend === backend)?.counters;
      if (counters === undefined) return undefined;
      const b = world.backends[backend]!;
      const units = per === "node" ? b.nodeCount : per === "cluster" ? b.clusterCount : 1;
      let peak = Number.NEGATIVE_INFINITY;
      for (let unit = 0; unit < units; unit++)
        peak = Math.max(peak, counters.counterNow(counter, per, unit).value);
      return peak;
    },
  };
}

/**
 * Mailboxes served per node, for paced reopening after a fix: each group's mailboxes are
 * shared among its present shards. Recomputed only when asked after membership changed
 * (reopenings are rare; migrations change membership often).
 */
class NodeMailboxes {
  private perBackend: Float64Array[] = [];
  private stale = true;

  constructor(private readonly world: BugWorld) {}

  changed(): void {
    this.stale = true;
  }

  of(backend: number, node: number): number {
    if (this.stale) this.recompute();
    return this.perBackend[backend]![node]!;
  }

  private recompute(): void {
    const { shards, shardSlot, shardPresent, backends, slotOffset, placement } = this.world;
    this.perBackend = backends.map((b) => new Float64Array(b.nodeCount));
    for (let g = 0; g < placement.groupCount; g++) {
      let present = 0;
      for (let s = 0; s < shards; s++) if (shardPresent(g * shards + s)) present++;
      for (let s = 0; s < shards; s++) {
        if (!shardPresent(g * shards + s)) continue;
        const slot = shardSlot[g * shards + s]!;
        const b = backendOfSlot(slotOffset, slot);
        const node = backends[b]!.slotNode(slot - slotOffset[b]!);
        this.perBackend[b]![node]! += placement.groupMailboxes[g]! / present;
      }
    }
    this.stale = false;
  }
}

function wireBackend(world: BugWorld, b: number, bugs: BackendBugs, nodeMailboxes: (node: number) => number) {
  const backend = world.backends[b]!;
  const offset = world.slotOffset[b]!;
  const messageBytes = world.messageSizeBytes;
  const initialObjects = nodeObjects(world, b);
  const initialBytes = initialObjects.reduce((a, x) => a + x, 0) * messageBytes;
  const capacity = bugs.nodeCapacityBytes ?? initialBytes / backend.nodeCount / DEFAULT_INITIAL_FILL;
  const counters = new NodeCounters(
    {
      nodeCount: backend.nodeCount,
      clusterOf: (node) => backend.nodeCluster(node),
      clusterCount: backend.clusterCount,
      messageBytes,
      nodeCapacityBytes: capacity > 0 ? capacity : 1,
      expungePerMs: world.expungePerMs,
    },
    initialObjects,
    () => world.sim.nowMs,
  );
  const slotsOfNode = Array.from({ length: backend.nodeCount }, () => [] as number[]);
  for (let slot = 0; slot < backend.slotCount; slot++) slotsOfNode[backend.slotNode(slot)]!.push(slot);
  const host = new WorldBugHost({
    backend,
    counters,
    nodeInstalledAtMs: () => -bugs.installedAgoMs,
    nodeMailboxes,
    damageSlot: (slot, damage) => world.damageSlot(offset + slot, damage),
    loseSlot: (slot) => world.loseSlot(offset + slot),
    slotsOfNode: (node) => slotsOfNode[node]!,
    event: world.event,
    sim: world.sim,
    streams: world.streams,
  });
  return { counters, host };
}

/** Messages held per node of backend b at t = 0, by its present shards. */
function nodeObjects(world: BugWorld, b: number): Float64Array {
  const backend = world.backends[b]!;
  const offset = world.slotOffset[b]!;
  const objects = new Float64Array(backend.nodeCount);
  const messageBytes = world.messageSizeBytes;
  for (let i = 0; i < world.shardSlot.length; i++) {
    const local = world.shardSlot[i]! - offset;
    if (local < 0 || local >= backend.slotCount || !world.shardPresent(i)) continue;
    const group = Math.floor(i / world.shards);
    objects[backend.slotNode(local)]! += world.placement.groupSizeBytes[group]! / messageBytes;
  }
  return objects;
}
