/**
 * StorageBackend: the pluggable interface between the mail world and a kind of storage.
 *
 * A backend owns nodes and *slots*. A slot is a place for one shard of one protection group
 * (a volume on a filer, a placement shard on a scale-out node); slot s lives on node
 * `slotNode(s)`. The world decides which protection group uses which slots (and so how many
 * copies a mailbox has, across which backends); the backend only reports what happens to
 * its slots, through the `BackendContext`:
 *   - `setSlotAccess`: the shard can or cannot be read / written right now (crash,
 *     takeover, an OS bug that blocks access, ENOSPC, fail-slow past the timeout);
 *   - `slotLost`: the shard's data is gone (node or disk loss, a destroying bug); the
 *     world rebuilds it (re-replication, restore) once the slot is usable again;
 *   - `slotDamaged`: part of the shard's data is bad (latent sector errors, silent
 *     corruption, lost or torn writes) — the world decides what that costs in messages.
 * That narrow surface is what makes backends pluggable: a user's plugin implements this
 * interface (see scenarios/plugins/) and nothing else in maildrill changes.
 *
 * Contract:
 * - `nodeCount` and `slotCount` are fixed once constructed; every slot starts Up and intact.
 * - A backend calls `setSlotAccess` only on a real change.
 * - Its randomness comes from `context.streams` under names starting with its own name, so
 *   two backends never share a stream and strategies compared on one seed see the same faults.
 */

import type { RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { FailureBiasing } from "../faults/FailureBiasing.js";
import type { Access } from "../WorldObserver.js";
import type { NodeStates } from "./NodeStates.js";

/** Part of a shard's data gone bad. `fraction` is of the messages stored before now. */
export type SlotDamage =
  | { kind: "latent-errors"; fraction: number } // unreadable; found by scrubbing or by a rebuild that reads them
  | { kind: "corruption"; fraction: number; propagate: boolean } // silently wrong; may copy to replicas
  | { kind: "lost-writes"; windowMs: number }; // acknowledged writes of the last window never persisted

/**
 * What the world gives a backend at the start of a run: the clock, the random streams and the
 * calls through which everything that happens to slots is reported (docs/plugins.md).
 */
export interface BackendContext {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly horizonMs: number;
  setSlotAccess(slot: number, access: Access): void;
  slotLost(slot: number): void;
  slotDamaged(slot: number, damage: SlotDamage): void;
  /**
   * An operation (e.g. "failover" for an HA takeover by `node`) happened on a node, for the
   * OS bugs that trip on operations. Call it before the event that reports it.
   */
  nodeOperation(node: number, operation: string): void;
  /** Counts a storage event and writes it to the trace. */
  event(kind: string, detail: Record<string, number | string>): void;
  /**
   * Biased runs only (`maildrill estimate`): the run's failure biasing, through which the
   * built-in backends draw their exponential and Weibull failure clocks (faults/BiasedClocks.ts).
   * A plugin backend may ignore it; its failures are then drawn unbiased, which is still exact.
   */
  readonly biasing?: FailureBiasing | undefined;
}

/** An explicit fault, already validated: what, where (a target within this backend), how long. */
export interface FaultInjection {
  readonly fault: string;
  readonly targetKind: "backend" | "cluster" | "node" | "slot";
  readonly targetIndex: number;
  readonly durationMs: number;
  /** Fault-specific parameters (fraction, factor, window …), in canonical units. */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * One storage backend of a run: nodes holding slots, placement of shards, and its own faults.
 * Built-in backends and plugins implement it alike (docs/plugins.md).
 */
export interface StorageBackend {
  readonly name: string;
  readonly kind: string;
  readonly nodeCount: number;
  readonly slotCount: number;
  readonly clusterCount: number;
  slotNode(slot: number): number;
  nodeCluster(node: number): number;
  nodeVersion(node: number): string;
  /** How much slower than normal a node runs now (1 = normal); slows the rebuilds it takes part in. */
  nodeSlowFactor?(node: number): number;
  /** An upgrade changes the version a node runs (optional: backends without it keep theirs). */
  setNodeVersion?(node: number, version: string): void;
  /** Bytes per second available to rebuild one lost shard (re-replication, RAID rebuild). */
  readonly repairBandwidthBytesPerSec: number;
  /** Where copy `copy` of protection group `group` goes: a slot, on a node distinct from the group's other copies. */
  placeShard(group: number, copy: number): number;
  /** Puts a node into (or out of) a condition imposed from outside, such as an OS bug's effect. */
  setNodeCondition(node: number, condition: NodeCondition, active: boolean): void;
  /** Starts the backend's own processes (random faults, timers). Called once before the run. */
  start(context: BackendContext): void;
  injectFault(injection: FaultInjection): void;
}

/** A condition imposed on a node from outside the backend (an OS bug): unreachable, read-only or slowed. */
export type NodeCondition = { kind: "down" } | { kind: "read-only" } | { kind: "slow"; factor: number };

/** The usual way to honour `setNodeCondition`: as one more counted cause in the node's states. */
export function applyNodeCondition(
  nodes: NodeStates,
  node: number,
  condition: NodeCondition,
  active: boolean,
): void {
  if (condition.kind === "slow") {
    if (active) nodes.addSlow(node, condition.factor);
    else nodes.removeSlow(node, condition.factor);
  } else if (active) nodes.add(node, condition.kind);
  else nodes.remove(node, condition.kind);
}
