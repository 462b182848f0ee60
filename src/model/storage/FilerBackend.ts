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
import { NodeBackend, type NodeBackendOptions } from "./NodeBackend.js";
import { RaidShelves, type RaidSpec } from "./RaidShelves.js";
import type { BackendContext } from "./StorageBackend.js";

export interface FilerOptions extends NodeBackendOptions {
  readonly version: string;
  readonly nodes: number;
  readonly volumesPerNode: number;
  /** Partner takeover delay; Infinity disables HA. */
  readonly takeoverMs: number;
  readonly raid?: RaidSpec;
}

export class FilerBackend extends NodeBackend {
  readonly kind = "filer";
  /** Which node serves each node's volumes: itself, its partner, or −1 (nobody). */
  private readonly servedBy: Int32Array;
  private readonly takeoverTimers: Int32Array;
  private readonly slotAccess: Uint8Array;
  private readonly lostNodes: Uint8Array;

  constructor(private readonly options: FilerOptions) {
    super(options, { nodes: options.nodes, slotsPerNode: options.volumesPerNode, clusters: 1 });
    this.servedBy = Int32Array.from({ length: options.nodes }, (_, i) => i);
    this.takeoverTimers = new Int32Array(options.nodes).fill(-1);
    this.slotAccess = new Uint8Array(this.slotCount);
    this.lostNodes = new Uint8Array(options.nodes);
  }

  nodeCluster(): number {
    return 0;
  }

  protected baseVersion(): string {
    return this.options.version;
  }

  /** Copy j of protection group g goes to node (g + j) mod N, so copies land on distinct nodes. */
  placeShard(group: number, copy: number): number {
    const node = (group + copy) % this.nodeCount;
    return node * this.slotsPerNode + (Math.floor(group / this.nodeCount) % this.slotsPerNode);
  }
  start(context: BackendContext): void {
    const hooks = this.startNodes(context, {
      // The shelf is gone: the partner has nothing to take over until the node is replaced.
      onLost: (node) => {
        this.lostNodes[node] = 1;
      },
      onReplaced: (node) => {
        this.lostNodes[node] = 0;
      },
    });
    if (this.options.raid)
      new RaidShelves(this.name, this.nodeCount, this.options.raid, context, hooks).start();
  }

  /** A node's access changed: re-decide who serves its volumes and its partner's. */
  protected onNodeAccess(node: number): void {
    this.reconsider(node);
    const partner = this.partnerOf(node);
    if (partner >= 0) this.reconsider(partner);
  }

  private partnerOf(node: number): number {
    const partner = node ^ 1;
    return partner < this.nodeCount ? partner : -1;
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
      // A filer HA takeover is a failover too, for bugs that trip on failovers.
      this.context.nodeOperation(partner, "failover");
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
}
