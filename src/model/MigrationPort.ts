/**
 * MigrationPort: the narrow surface a rollout drives a migration through. A rollout sees
 * groups and their shards (a shard index is `group * shardCount + shard`) — their bytes and
 * mailboxes, whether a shard is present, readable, writable or can receive a copy, which shard is
 * primary — and can add or drop a copy, cut service over, and watch the groups. It never
 * sees the world's fleet, backends, protection internals or mail flow.
 *
 * `World` implements it; nothing in src/rollout/ imports `World`.
 */
import type { RandomStream } from "../engine/RandomStreams.js";
import type { Simulation } from "../engine/Simulation.js";
import type { CounterName, CounterScope } from "./faults/OsBug.js";
import type { Access } from "./WorldObserver.js";

/** What a rollout hears about the groups: access changes and total data losses. */
export interface GroupListener {
  accessChanged(group: number, from: Access, to: Access): void;
  dataLost(group: number): void;
}

export interface MigrationPort {
  /** The run's clock: a rollout schedules its steps on it. */
  readonly sim: Simulation;
  readonly groupCount: number;
  /** Shards per group (a migrating group has two: source and target). */
  readonly shardCount: number;
  /** Mailboxes in the whole fleet. */
  readonly mailboxCount: number;
  /** The group's size at t = 0 (what a kept copy costs in extra storage). */
  groupBytes(group: number): number;
  /** What a copy of the group moves now: its t = 0 size plus mail stored since, less mail expunged. */
  copyBytes(group: number): number;
  groupMailboxes(group: number): number;
  groupAccess(group: number): Access;
  /** Whether the group's writes are paused for a cut-over's final sync. */
  isWritePaused(group: number): boolean;
  isPresent(shardIndex: number): boolean;
  isReadable(shardIndex: number): boolean;
  /** Whether the shard is readable and takes writes now (not blocked, read-only, full or slow past the timeout). */
  isWritable(shardIndex: number): boolean;
  /** Whether a copy can be written onto this shard now (its slot is reachable and not read-only). */
  canReceive(shardIndex: number): boolean;
  /** The shard index that serves the group now. */
  primaryShard(group: number): number;
  /** The cluster of the backend that the shard's slot belongs to. */
  shardCluster(shardIndex: number): number;
  /** The node (numbered within its backend) that the shard's slot belongs to. */
  shardNode(shardIndex: number): number;
  /**
   * A scale test: synthetic message-sized objects written onto the node of each shard's slot at
   * `bytesPerMs[i]` more than before (negative: less), whether or not the shard is present.
   * Only the storage OS's counters see them; the counters are told once for the whole batch.
   */
  addSyntheticWrites(shardIndices: readonly number[], bytesPerMs: readonly number[]): void;
  /** Synthetic objects of `bytes[i]` deleted from the node of each shard's slot. */
  deleteSynthetic(shardIndices: readonly number[], bytes: readonly number[]): void;
  /** A group's data landed on an absent shard: the copy joins the group. */
  addCopy(shardIndex: number): void;
  /** A copy is decommissioned: its data leaves the node, service moves off it if needed. */
  dropCopy(shardIndex: number): void;
  /** Service of the shard's group moves to it, after a write pause of `pauseMs` (may be 0). */
  cutOver(shardIndex: number, pauseMs: number): void;
  /** Lets a rollout watch the groups it moves (at most one listener). */
  watchGroups(listener: GroupListener): void;
  /**
   * The largest value now of a storage-OS counter over the units (`per`) of the backend that
   * holds `shardIndex` — what an operator's dashboard shows for a headroom gate; undefined
   * when that backend keeps no counters (it declares no OS bug).
   */
  counterPeak(shardIndex: number, counter: CounterName, per: CounterScope): number | undefined;
  /**
   * How many times slower than normal the node of the shard's slot serves requests now (1 =
   * normal; fail-slow faults and latency bugs raise it); 1 on a backend without nodes.
   */
  shardSlowFactor(shardIndex: number): number;
  /**
   * Messages bounced at or after `fromMs` and at or before now: as drawn for the outages that
   * have ended (their mail is settled then), in expectation for those still open
   * (docs/model.md#metric-analysis).
   */
  bouncedSince(fromMs: number): number;
  /** A named random stream of the run (its own seed: a new consumer moves no other draw). */
  randomStream(name: string): RandomStream;
  /** A rollout's own event, counted and traced like the storage events. */
  rolloutEvent(kind: string, detail: Record<string, number | string>): void;
}
