/**
 * GateReadouts: what a rollout's gates and topology read of the world, computed on demand.
 *
 * Idea. A gate judges a migration by what an operator could see — an OS bug's counter on a
 * shard's backend, how slow a shard's node is, the mail bounced since a step began — and a
 * plan places copies by cluster and node. Each is a read-out of state the world already
 * keeps, derived only when asked: a shard's slot gives its backend and node; bounces are
 * those of settled outages as drawn (`BounceLog`) plus, for outages still open (or back this
 * instant and not yet settled), the expected number so far (`openOutageBounces`).
 *
 * Contract: read only — no method draws a random number, schedules an event or changes
 * any figure, so asking never moves a result. Shard indices are group·shardCount + shard.
 */
import type { BugHooks } from "./faults/attachBugs.js";
import type { CounterName, CounterScope } from "./faults/OsBug.js";
import type { GroupAccess } from "./GroupAccess.js";
import type { BounceLog } from "./mail/BounceLog.js";
import type { MxSpool } from "./mail/MxSpool.js";
import { openOutageBounces } from "./mail/openOutageBounces.js";
import type { ReopeningBatch } from "./mail/ReopeningBatch.js";
import type { Placement } from "./Placement.js";
import type { ProtectionGroups } from "./protection/ProtectionGroups.js";
import { backendOfSlot } from "./storage/backendOfSlot.js";
import type { StorageBackend } from "./storage/StorageBackend.js";
import type { WorldSpec } from "./WorldSpec.js";

/** The world's parts the read-outs look at. */
export interface GateReadoutParts {
  readonly spec: WorldSpec;
  /** Where a shard lives: its global slot, the backend holding the slot, and the node. */
  readonly protection: ProtectionGroups;
  /** The backends, and the global slot where each one's slots begin (numbered one after another). */
  readonly storage: { readonly backends: readonly StorageBackend[]; readonly slotOffset: readonly number[] };
  readonly bugs: BugHooks;
  /** Bounces: settled ones with their times, and the outages still open or back this instant. */
  readonly bounceLog: BounceLog;
  readonly groups: GroupAccess;
  readonly spool: MxSpool;
  readonly reopenings: ReopeningBatch;
  readonly placement: Placement;
}

export class GateReadouts {
  constructor(private readonly parts: GateReadoutParts) {}

  shardCluster(shardIndex: number): number {
    const { backend, slot } = this.locate(shardIndex);
    return backend.nodeCluster(backend.slotNode(slot));
  }

  shardNode(shardIndex: number): number {
    const { backend, slot } = this.locate(shardIndex);
    return backend.slotNode(slot);
  }

  counterPeak(shardIndex: number, counter: CounterName, per: CounterScope): number | undefined {
    const slot = this.parts.protection.shardSlot[shardIndex]!;
    return this.parts.bugs.counterPeak(backendOfSlot(this.parts.storage.slotOffset, slot), counter, per);
  }

  shardSlowFactor(shardIndex: number): number {
    const { backend, slot } = this.locate(shardIndex);
    return backend.nodeSlowFactor?.(backend.slotNode(slot)) ?? 1;
  }

  /** Settled outages' bounces as drawn; open outages' as expected so far (openOutageBounces.ts). */
  bouncedSince(fromMs: number, nowMs: number): number {
    const { spec, groups, placement } = this.parts;
    let bounced = this.parts.bounceLog.bouncedBetween(fromMs, nowMs);
    for (let g = 0; g < placement.groupCount; g++) {
      if (groups.isUp(g)) continue;
      const outage = {
        startMs: groups.outageStart(g),
        windowStartMs: groups.since(g),
        spoolEndMs: this.parts.spool.spoolEndMs(g),
      };
      bounced += openOutageBounces(spec.mail, outage, placement.groupRatePerMs[g]!, fromMs, nowMs);
    }
    // Groups back this instant are settled at its end: until then they read as still open.
    for (const { window, groups: back } of this.parts.reopenings.pendingWindows())
      for (const g of back)
        bounced += openOutageBounces(spec.mail, window, placement.groupRatePerMs[g]!, fromMs, nowMs);
    return bounced;
  }

  /** The shard's backend and its slot on that backend. */
  private locate(shardIndex: number): { backend: StorageBackend; slot: number } {
    const globalSlot = this.parts.protection.shardSlot[shardIndex]!;
    const b = backendOfSlot(this.parts.storage.slotOffset, globalSlot);
    return { backend: this.parts.storage.backends[b]!, slot: globalSlot - this.parts.storage.slotOffset[b]! };
  }
}
