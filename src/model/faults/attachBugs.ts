/**
 * attachBugs: gives every backend that declares OS bugs its counters, its bug host and its
 * bug engine, and returns the hooks the world calls as groups start or stop writing.
 *
 * Counters start from the messages each node holds at t = 0 (mailbox sizes over the message
 * size) and grow with the writes of the groups whose shards it holds, while those groups
 * accept mail.
 */
import type { RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { BuiltinBackendSpec, Scenario } from "../../scenario/schema.js";
import type { Placement } from "../Placement.js";
import type { SlotDamage, StorageBackend } from "../storage/StorageBackend.js";
import { NodeCounters } from "./NodeCounters.js";
import { OsBugEngine } from "./OsBug.js";
import { WorldBugHost } from "./WorldBugHost.js";

/** Default fill of a node at t = 0 when the scenario gives no node capacity. */
const DEFAULT_INITIAL_FILL = 0.6;

export interface BugWorld {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly backends: readonly StorageBackend[];
  readonly slotOffset: readonly number[];
  readonly placement: Placement;
  /** Global slot of each shard of each group, index group * shards + shard. */
  readonly shardSlot: Int32Array;
  readonly shards: number;
  readonly damageSlot: (globalSlot: number, damage: SlotDamage) => void;
  readonly loseSlot: (globalSlot: number) => void;
  readonly event: (kind: string, detail: Record<string, number | string>) => void;
}

export interface BugHooks {
  /** A group started (+1) or stopped (−1) accepting writes. */
  groupWriting(group: number, sign: 1 | -1): void;
  /** A group's deferred mail was written to it at once (the burst at a reopening). */
  groupDelivered(group: number, count: number): void;
  /** An operation (a filer HA takeover, …) happened on a node of a backend. */
  nodeOperation(backendName: string, node: number, operation: string): void;
  /** A failover made a shard on `globalSlot` the group's primary. */
  failoverTo(globalSlot: number): void;
}

export function attachBugs(world: BugWorld): BugHooks {
  const attached: { backend: number; counters: NodeCounters; host: WorldBugHost }[] = [];
  world.backends.forEach((backend, b) => {
    const spec = world.scenario.backends[backend.name]!;
    // Plugin backends carry only their own options: no OS bugs in this version.
    if (!("bugs" in spec) || spec.bugs.length === 0) return;
    const { counters, host } = wireBackend(world, b, spec);
    new OsBugEngine(host, spec.bugs, world.sim, world.streams, world.scenario.horizon).start();
    attached.push({ backend: b, counters, host });
  });
  const locate = (globalSlot: number) => {
    for (const a of attached) {
      const local = globalSlot - world.slotOffset[a.backend]!;
      if (local >= 0 && local < world.backends[a.backend]!.slotCount)
        return { a, node: world.backends[a.backend]!.slotNode(local) };
    }
    return undefined;
  };
  return {
    groupWriting(group, sign) {
      if (attached.length === 0) return;
      const rate = world.placement.groupRatePerMs[group]!;
      const touched = new Set<NodeCounters>();
      for (let s = 0; s < world.shards; s++) {
        const hit = locate(world.shardSlot[group * world.shards + s]!);
        if (hit === undefined) continue;
        hit.a.counters.addRate(hit.node, sign * rate);
        touched.add(hit.a.counters);
      }
      for (const counters of touched) counters.ratesChanged();
    },
    groupDelivered(group, count) {
      if (attached.length === 0) return;
      const touched = new Set<NodeCounters>();
      for (let s = 0; s < world.shards; s++) {
        const hit = locate(world.shardSlot[group * world.shards + s]!);
        if (hit === undefined) continue;
        hit.a.counters.addObjects(hit.node, count);
        touched.add(hit.a.counters);
      }
      for (const counters of touched) counters.ratesChanged();
    },
    nodeOperation(backendName, node, operation) {
      const a = attached.find((x) => world.backends[x.backend]!.name === backendName);
      a?.host.operation(operation, node);
    },
    failoverTo(globalSlot) {
      const hit = locate(globalSlot);
      if (hit) hit.a.host.operation("failover", hit.node);
    },
  };
}

function wireBackend(world: BugWorld, b: number, spec: BuiltinBackendSpec) {
  const backend = world.backends[b]!;
  const offset = world.slotOffset[b]!;
  const messageBytes = world.scenario.fleet.messageSize;
  const perNode = nodeTotals(world, b);
  const initialBytes = perNode.objects.reduce((a, x) => a + x, 0) * messageBytes;
  const capacity = spec.nodeCapacity ?? initialBytes / backend.nodeCount / DEFAULT_INITIAL_FILL;
  const counters = new NodeCounters(
    {
      nodeCount: backend.nodeCount,
      clusterOf: (node) => backend.nodeCluster(node),
      clusterCount: backend.clusterCount,
      messageBytes,
      nodeCapacityBytes: capacity > 0 ? capacity : 1,
    },
    perNode.objects,
    () => world.sim.nowMs,
  );
  const slotsOfNode = Array.from({ length: backend.nodeCount }, () => [] as number[]);
  for (let slot = 0; slot < backend.slotCount; slot++) slotsOfNode[backend.slotNode(slot)]!.push(slot);
  const host = new WorldBugHost({
    backend,
    counters,
    nodeInstalledAtMs: () => -spec.installedAgo,
    nodeMailboxes: (node) => perNode.mailboxes[node]!,
    damageSlot: (slot, damage) => world.damageSlot(offset + slot, damage),
    loseSlot: (slot) => world.loseSlot(offset + slot),
    slotsOfNode: (node) => slotsOfNode[node]!,
    event: world.event,
  });
  return { counters, host };
}

/** Messages held and mailboxes served per node of backend b at t = 0. */
function nodeTotals(world: BugWorld, b: number): { objects: Float64Array; mailboxes: Float64Array } {
  const backend = world.backends[b]!;
  const offset = world.slotOffset[b]!;
  const objects = new Float64Array(backend.nodeCount);
  const mailboxes = new Float64Array(backend.nodeCount);
  const messageBytes = world.scenario.fleet.messageSize;
  for (let i = 0; i < world.shardSlot.length; i++) {
    const local = world.shardSlot[i]! - offset;
    if (local < 0 || local >= backend.slotCount) continue;
    const group = Math.floor(i / world.shards);
    const node = backend.slotNode(local);
    objects[node]! += world.placement.groupSizeBytes[group]! / messageBytes;
    mailboxes[node]! += world.placement.groupMailboxes[group]! / world.shards;
  }
  return { objects, mailboxes };
}
