/**
 * FilerBackend: classic filer storage — volumes on HA node pairs.
 *
 * Nodes come in HA pairs (0–1, 2–3, …). Each node owns `volumesPerNode` volumes (slots) on
 * a shelf both partners can reach. When a node fails, its partner takes its volumes over
 * after `takeoverMs` (detection plus takeover), so a crash costs minutes, not the repair
 * time; if the partner is down too, the volumes wait for either node. A node's return gives
 * its volumes back at once. The shelf's data survives a node crash; it is lost only by a
 * permanent node loss (shelf and disks), after which the node is replaced empty.
 *
 * Assumptions (docs/model.md): takeover is automatic and always succeeds when the partner is
 * up; giveback is immediate; a volume served by the partner takes the partner's access
 * (a read-only partner serves read-only).
 */
import { Access } from "../WorldObserver.js";
import type { CrashSpec, DamageSpec, LossSpec } from "./NodeFaults.js";
import { NodeFaults, slotHooks } from "./NodeFaults.js";
import { NodeStates } from "./NodeStates.js";
import { RaidShelves, type RaidSpec } from "./RaidShelves.js";
import {
  applyNodeCondition,
  type BackendContext,
  type FaultInjection,
  type NodeCondition,
  type StorageBackend,
} from "./StorageBackend.js";

export interface FilerOptions {
  readonly name: string;
  readonly version: string;
  readonly nodes: number;
  readonly volumesPerNode: number;
  /** Partner takeover delay; Infinity disables HA. */
  readonly takeoverMs: number;
  readonly repairBandwidthBytesPerSec: number;
  readonly timeoutSlowFactor: number;
  readonly nodeCrash?: CrashSpec;
  readonly nodeLoss?: LossSpec;
  readonly raid?: RaidSpec;
  readonly damages?: readonly DamageSpec[];
}

export class FilerBackend implements StorageBackend {
  readonly kind = "filer";
  readonly name: string;
  readonly nodeCount: number;
  readonly slotCount: number;
  readonly clusterCount = 1;
  readonly repairBandwidthBytesPerSec: number;
  private readonly volumesPerNode: number;
  /** Which node serves each node's volumes: itself, its partner, or −1 (nobody). */
  private readonly servedBy: Int32Array;
  private readonly takeoverTimers: Int32Array;
  private readonly slotAccess: Uint8Array;
  private readonly lostNodes: Uint8Array;
  private nodes!: NodeStates;
  private faults!: NodeFaults;
  private context!: BackendContext;
  /** Nodes whose storage OS was upgraded by a planned operation. */
  private readonly upgradedVersion = new Map<number, string>();

  constructor(private readonly options: FilerOptions) {
    this.name = options.name;
    this.nodeCount = options.nodes;
    this.volumesPerNode = options.volumesPerNode;
    this.slotCount = options.nodes * options.volumesPerNode;
    this.repairBandwidthBytesPerSec = options.repairBandwidthBytesPerSec;
    this.servedBy = Int32Array.from({ length: options.nodes }, (_, i) => i);
    this.takeoverTimers = new Int32Array(options.nodes).fill(-1);
    this.slotAccess = new Uint8Array(this.slotCount);
    this.lostNodes = new Uint8Array(options.nodes);
  }

  slotNode(slot: number): number {
    return Math.floor(slot / this.volumesPerNode);
  }

  nodeCluster(): number {
    return 0;
  }

  nodeVersion(node: number): string {
    return this.upgradedVersion.get(node) ?? this.options.version;
  }

  setNodeVersion(node: number, version: string): void {
    this.upgradedVersion.set(node, version);
  }

  /** Copy j of protection group g goes to node (g + j) mod N, so copies land on distinct nodes. */
  placeShard(group: number, copy: number): number {
    const node = (group + copy) % this.nodeCount;
    return node * this.volumesPerNode + (Math.floor(group / this.nodeCount) % this.volumesPerNode);
  }

  nodeSlowFactor(node: number): number {
    return this.nodes.slowFactor(node);
  }

  setNodeCondition(node: number, condition: NodeCondition, active: boolean): void {
    applyNodeCondition(this.nodes, node, condition, active);
  }

  start(context: BackendContext): void {
    this.context = context;
    this.nodes = new NodeStates(this.nodeCount, this.options.timeoutSlowFactor, (node) =>
      this.onNodeChange(node),
    );
    const hooks = slotHooks(context, (node, visit) => this.forEachSlot(node, visit), {
      // The shelf is gone: the partner has nothing to take over until the node is replaced.
      onLost: (node) => {
        this.lostNodes[node] = 1;
      },
      onReplaced: (node) => {
        this.lostNodes[node] = 0;
      },
    });
    this.faults = new NodeFaults(this.name, this.nodes, context, hooks, this.options);
    this.faults.start();
    if (this.options.raid)
      new RaidShelves(this.name, this.nodeCount, this.options.raid, context, hooks).start();
  }

  injectFault(injection: FaultInjection): void {
    const targets =
      injection.targetKind === "node"
        ? [injection.targetIndex]
        : injection.targetKind === "slot"
          ? [this.slotNode(injection.targetIndex)]
          : Array.from({ length: this.nodeCount }, (_, i) => i);
    this.faults.inject(
      injection,
      targets,
      injection.targetKind === "slot" ? injection.targetIndex : undefined,
    );
  }

  private partnerOf(node: number): number {
    const partner = node ^ 1;
    return partner < this.nodeCount ? partner : -1;
  }

  /** A node's access changed: re-decide who serves its volumes and its partner's. */
  private onNodeChange(node: number): void {
    this.reconsider(node);
    const partner = this.partnerOf(node);
    if (partner >= 0) this.reconsider(partner);
  }

  private reconsider(home: number): void {
    const partner = this.partnerOf(home);
    if (this.nodes.accessOf(home) !== Access.Down) {
      this.cancelTakeover(home);
      this.servedBy[home] = home;
    } else {
      const partnerUp = partner >= 0 && this.nodes.accessOf(partner) !== Access.Down && !this.lostNodes[home];
      if (this.servedBy[home] === home || (this.servedBy[home] === partner && !partnerUp))
        this.servedBy[home] = -1;
      // Nobody serves and the partner can: it takes over after the delay (also when it returns later).
      if (this.servedBy[home] === -1 && partnerUp && Number.isFinite(this.options.takeoverMs))
        this.scheduleTakeover(home, partner);
    }
    this.publish(home);
  }

  private scheduleTakeover(home: number, partner: number): void {
    if (this.takeoverTimers[home] !== -1) return;
    const atMs = this.context.sim.nowMs + this.options.takeoverMs;
    this.takeoverTimers[home] = this.context.sim.callAt(atMs, () => {
      this.takeoverTimers[home] = -1;
      if (this.servedBy[home] !== -1 || this.nodes.accessOf(partner) === Access.Down) return;
      this.servedBy[home] = partner;
      this.context.event("ha-takeover", { backend: this.name, node: home, partner });
      this.publish(home);
    });
  }

  private cancelTakeover(home: number): void {
    if (this.takeoverTimers[home] === -1) return;
    this.context.sim.cancel(this.takeoverTimers[home]!);
    this.takeoverTimers[home] = -1;
  }

  private publish(home: number): void {
    const server = this.servedBy[home]!;
    const access = server < 0 ? Access.Down : this.nodes.accessOf(server);
    this.forEachSlot(home, (slot) => {
      if (this.slotAccess[slot] === access) return;
      this.slotAccess[slot] = access;
      this.context.setSlotAccess(slot, access);
    });
  }

  private forEachSlot(node: number, visit: (slot: number) => void): void {
    const first = node * this.volumesPerNode;
    for (let slot = first; slot < first + this.volumesPerNode; slot++) visit(slot);
  }
}
