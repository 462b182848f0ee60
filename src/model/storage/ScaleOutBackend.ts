/**
 * ScaleOutBackend: clusters ("cells") of nodes, each cluster running one storage-OS version.
 *
 * Each node holds `shardsPerNode` slots. The world spreads a protection group's shards over
 * distinct nodes of one cluster (replicas or erasure-coded fragments), so a node failure
 * touches one shard of many groups, and an OS bug that hits every node of a version hits
 * every shard of every group on it — the common-mode failure that replication cannot mask
 * (VALIDATION §6). Lost shards are rebuilt by the world at `repairBandwidthBytesPerSec`
 * onto spare space; the node itself is replaced after the loss's replacement delay.
 */
import type { Access } from "../WorldObserver.js";
import type { CrashSpec, DamageSpec, LossSpec } from "./NodeFaults.js";
import { NodeFaults, slotHooks } from "./NodeFaults.js";
import { NodeStates } from "./NodeStates.js";
import {
  applyNodeCondition,
  type BackendContext,
  type FaultInjection,
  type NodeCondition,
  type StorageBackend,
} from "./StorageBackend.js";

export interface ScaleOutOptions {
  readonly name: string;
  readonly clusters: number;
  readonly nodesPerCluster: number;
  readonly shardsPerNode: number;
  /** One version per cluster (cycled when fewer versions than clusters are listed). */
  readonly versions: readonly string[];
  readonly repairBandwidthBytesPerSec: number;
  readonly timeoutSlowFactor: number;
  readonly nodeCrash?: CrashSpec;
  readonly nodeLoss?: LossSpec;
  readonly damages?: readonly DamageSpec[];
}

export class ScaleOutBackend implements StorageBackend {
  readonly kind = "scale-out";
  readonly name: string;
  readonly nodeCount: number;
  readonly slotCount: number;
  readonly clusterCount: number;
  readonly repairBandwidthBytesPerSec: number;
  private nodes!: NodeStates;
  private faults!: NodeFaults;
  private context!: BackendContext;
  /** Nodes whose storage OS was upgraded by a planned operation. */
  private readonly upgradedVersion = new Map<number, string>();

  constructor(private readonly options: ScaleOutOptions) {
    this.name = options.name;
    this.clusterCount = options.clusters;
    this.nodeCount = options.clusters * options.nodesPerCluster;
    this.slotCount = this.nodeCount * options.shardsPerNode;
    this.repairBandwidthBytesPerSec = options.repairBandwidthBytesPerSec;
  }

  slotNode(slot: number): number {
    return Math.floor(slot / this.options.shardsPerNode);
  }

  nodeCluster(node: number): number {
    return Math.floor(node / this.options.nodesPerCluster);
  }

  nodeVersion(node: number): string {
    const versions = this.options.versions;
    return this.upgradedVersion.get(node) ?? versions[this.nodeCluster(node) % versions.length]!;
  }

  setNodeVersion(node: number, version: string): void {
    this.upgradedVersion.set(node, version);
  }

  /** Group g lives in cluster g mod C; its copy j on the cluster's node (⌊g/C⌋ + j) mod n. */
  placeShard(group: number, copy: number): number {
    const { clusters, nodesPerCluster, shardsPerNode } = this.options;
    const cluster = group % clusters;
    const inCluster = Math.floor(group / clusters);
    const node = cluster * nodesPerCluster + ((inCluster + copy) % nodesPerCluster);
    return node * shardsPerNode + (Math.floor(inCluster / nodesPerCluster) % shardsPerNode);
  }

  nodeSlowFactor(node: number): number {
    return this.nodes.slowFactor(node);
  }

  setNodeCondition(node: number, condition: NodeCondition, active: boolean): void {
    applyNodeCondition(this.nodes, node, condition, active);
  }

  start(context: BackendContext): void {
    this.context = context;
    this.nodes = new NodeStates(this.nodeCount, this.options.timeoutSlowFactor, (node, access) =>
      this.publish(node, access),
    );
    const hooks = slotHooks(context, (node, visit) => this.forEachSlot(node, visit));
    this.faults = new NodeFaults(this.name, this.nodes, context, hooks, this.options);
    this.faults.start();
  }

  injectFault(injection: FaultInjection): void {
    const slot = injection.targetKind === "slot" ? injection.targetIndex : undefined;
    this.faults.inject(injection, this.targetNodes(injection), slot);
  }

  private targetNodes(injection: FaultInjection): number[] {
    const { nodesPerCluster } = this.options;
    switch (injection.targetKind) {
      case "node":
        return [injection.targetIndex];
      case "slot":
        return [this.slotNode(injection.targetIndex)];
      case "cluster":
        return Array.from({ length: nodesPerCluster }, (_, i) => injection.targetIndex * nodesPerCluster + i);
      default:
        return Array.from({ length: this.nodeCount }, (_, i) => i);
    }
  }

  private publish(node: number, access: Access): void {
    this.forEachSlot(node, (slot) => this.context.setSlotAccess(slot, access));
  }

  private forEachSlot(node: number, visit: (slot: number) => void): void {
    const first = node * this.options.shardsPerNode;
    for (let slot = first; slot < first + this.options.shardsPerNode; slot++) visit(slot);
  }
}
