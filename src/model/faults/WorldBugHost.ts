/**
 * WorldBugHost: how an OS bug reaches real storage — the `BugHost` the bug engine talks to,
 * for one backend.
 *
 * Access effects (blocked, read-only, slow) become node conditions in the backend, which turn
 * them into slot access and so into protection-group outages. Data effects (lost writes,
 * corruption) become damage on every slot of the affected nodes, which the world prices in
 * messages. Counters come from `NodeCounters`; operations (failovers, later upgrades and
 * migration writes) are forwarded as they happen. A destroy loses every slot of the node;
 * with `replaceAfterMs` the hardware is gone too (bricked drives), so the node is also down
 * until an empty replacement is in, a lead time drawn per node from
 * `bugs/<backend>/<bug>/replace` — restores and rebuilds wait for it.
 *
 * Contract: an effect applied with a token is lifted exactly once per node and token; a
 * replacement is independent of tokens (lifting a destroy, or a vendor fix, brings no node back).
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream, RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { SlotDamage, StorageBackend } from "../storage/StorageBackend.js";
import type { CounterReading } from "./CounterWatch.js";
import type { NodeCounters } from "./NodeCounters.js";
import type { BugEffect, BugHost, CounterName, CounterScope } from "./OsBug.js";

export interface BugHostWiring {
  readonly backend: StorageBackend;
  readonly counters: NodeCounters;
  readonly nodeInstalledAtMs: (node: number) => number;
  readonly nodeMailboxes: (node: number) => number;
  readonly damageSlot: (localSlot: number, damage: SlotDamage) => void;
  readonly loseSlot: (localSlot: number) => void;
  readonly slotsOfNode: (node: number) => number[];
  readonly event: (kind: string, detail: Record<string, number | string>) => void;
  readonly sim: Simulation;
  readonly streams: RandomStreams;
}

export class WorldBugHost implements BugHost {
  private readonly effects = new Map<number, { effect: BugEffect; active: Set<number> }>();
  private nextToken = 1;
  private readonly operationListeners: Array<(operation: string, node: number) => void> = [];
  /** One replacement stream per destroying bug, created on its first strike. */
  private readonly replaceStreams = new Map<string, RandomStream>();

  constructor(private readonly wiring: BugHostWiring) {}

  get backendName(): string {
    return this.wiring.backend.name;
  }

  get nodeCount(): number {
    return this.wiring.backend.nodeCount;
  }

  get clusterCount(): number {
    return this.wiring.backend.clusterCount;
  }

  nodeVersion(node: number): string {
    return this.wiring.backend.nodeVersion(node);
  }

  nodeCluster(node: number): number {
    return this.wiring.backend.nodeCluster(node);
  }

  nodeInstalledAtMs(node: number): number {
    return this.wiring.nodeInstalledAtMs(node);
  }

  counterNow(counter: CounterName, per: CounterScope, unit: number): CounterReading {
    return this.wiring.counters.counterNow(counter, per, unit);
  }

  onCounterRatesChanged(listener: () => void): void {
    this.wiring.counters.onRatesChanged(listener);
  }

  onOperation(listener: (operation: string, node: number) => void): void {
    this.operationListeners.push(listener);
  }

  /** Reports an operation on a node (a failover onto it, an upgrade, a migration write). */
  operation(operation: string, node: number): void {
    for (const listener of this.operationListeners) listener(operation, node);
  }

  applyEffect(nodes: readonly number[], effect: BugEffect, bugName: string): number {
    const token = this.nextToken++;
    this.effects.set(token, { effect, active: new Set(nodes) });
    for (const node of nodes) this.applyToNode(node, effect, true);
    this.wiring.event("bug-effect", { bug: bugName, effect: effect.kind, nodes: nodes.length });
    if (effect.kind === "destroy" && effect.replaceAfterMs !== undefined)
      for (const node of nodes) this.brick(node, effect.replaceAfterMs, bugName);
    return token;
  }

  liftEffect(token: number, nodes: readonly number[]): void {
    const entry = this.effects.get(token);
    if (entry === undefined) return;
    for (const node of nodes) {
      if (!entry.active.delete(node)) continue;
      this.applyToNode(node, entry.effect, false);
    }
    if (entry.active.size === 0) this.effects.delete(token);
  }

  nodeMailboxes(node: number): number {
    return this.wiring.nodeMailboxes(node);
  }

  event(kind: string, detail: Record<string, number | string>): void {
    this.wiring.event(kind, detail);
  }

  private applyToNode(node: number, effect: BugEffect, active: boolean): void {
    const backend = this.wiring.backend;
    switch (effect.kind) {
      case "blocked":
        backend.setNodeCondition(node, { kind: "down" }, active);
        return;
      case "read-only":
        backend.setNodeCondition(node, { kind: "read-only" }, active);
        return;
      case "slow":
        backend.setNodeCondition(node, { kind: "slow", factor: effect.factor }, active);
        return;
      case "lost-writes":
        if (active) this.damageNode(node, { kind: "lost-writes", windowMs: effect.windowMs });
        return;
      case "corrupt":
        if (active)
          this.damageNode(node, {
            kind: "corruption",
            fraction: effect.fraction,
            propagate: effect.propagate,
          });
        return;
      case "destroy":
        if (active) for (const slot of this.wiring.slotsOfNode(node)) this.wiring.loseSlot(slot);
        return;
      default:
        effect satisfies never;
    }
  }

  /** The node is down (after its slots were lost) until its replacement is in. */
  private brick(node: number, replaceAfterMs: DistributionSpec, bugName: string): void {
    const { backend, sim, streams } = this.wiring;
    let rng = this.replaceStreams.get(bugName);
    if (rng === undefined) {
      rng = streams.get(`bugs/${backend.name}/${bugName}/replace`);
      this.replaceStreams.set(bugName, rng);
    }
    backend.setNodeCondition(node, { kind: "down" }, true);
    const delayMs = Math.max(0, Math.round(sampleSpec(replaceAfterMs, rng)));
    sim.callAt(sim.nowMs + delayMs, () => {
      this.wiring.event("node-replaced", { backend: backend.name, node });
      backend.setNodeCondition(node, { kind: "down" }, false);
    });
  }

  private damageNode(node: number, damage: SlotDamage): void {
    for (const slot of this.wiring.slotsOfNode(node)) this.wiring.damageSlot(slot, damage);
  }
}
