/**
 * NodeBackend: what every node-based backend shares — nodes holding a contiguous run of
 * slots, their counted states, the fault processes acting on them, and the node-level
 * surface OS bugs and operations use (conditions, slowdowns, version upgrades, fault targets).
 *
 * A concrete backend says only what is its own: how nodes group into clusters, which
 * version a node starts on, where a group's copies go, and how a node's access becomes its
 * slots' access (directly, or through an HA partner). Plugins may extend it or implement
 * `StorageBackend` from scratch.
 *
 * Contract: slot s lives on node ⌊s / slotsPerNode⌋; `start` must call `startNodes` once.
 */
import type { Access } from "../WorldObserver.js";
import {
  type CrashSpec,
  type DamageSpec,
  type LossSpec,
  type NodeFaultHooks,
  NodeFaults,
  slotHooks,
} from "./NodeFaults.js";
import { NodeStates } from "./NodeStates.js";
import {
  applyNodeCondition,
  type BackendContext,
  type FaultInjection,
  type NodeCondition,
  type StorageBackend,
} from "./StorageBackend.js";

export interface NodeBackendOptions {
  readonly name: string;
  readonly repairBandwidthBytesPerSec: number;
  readonly timeoutSlowFactor: number;
  readonly nodeCrash?: CrashSpec;
  readonly nodeLoss?: LossSpec;
  readonly damages?: readonly DamageSpec[];
}

export abstract class NodeBackend implements StorageBackend {
  abstract readonly kind: string;
  readonly name: string;
  readonly nodeCount: number;
  readonly slotCount: number;
  readonly clusterCount: number;
  readonly repairBandwidthBytesPerSec: number;
  protected readonly slotsPerNode: number;
  protected nodes!: NodeStates;
  protected faults!: NodeFaults;
  protected context!: BackendContext;
  /** Nodes whose storage OS was upgraded by a planned operation. */
  private readonly upgradedVersion = new Map<number, string>();

  protected constructor(
    private readonly common: NodeBackendOptions,
    shape: { readonly nodes: number; readonly slotsPerNode: number; readonly clusters: number },
  ) {
    this.name = common.name;
    this.nodeCount = shape.nodes;
    this.slotsPerNode = shape.slotsPerNode;
    this.slotCount = shape.nodes * shape.slotsPerNode;
    this.clusterCount = shape.clusters;
    this.repairBandwidthBytesPerSec = common.repairBandwidthBytesPerSec;
  }

  abstract nodeCluster(node: number): number;
  abstract placeShard(group: number, copy: number): number;
  abstract start(context: BackendContext): void;
  /** The version a node runs before any upgrade. */
  protected abstract baseVersion(node: number): string;
  /** A node's access changed; the backend decides what its slots (and a partner's) show. */
  protected abstract onNodeAccess(node: number, access: Access): void;

  slotNode(slot: number): number {
    return Math.floor(slot / this.slotsPerNode);
  }

  nodeVersion(node: number): string {
    return this.upgradedVersion.get(node) ?? this.baseVersion(node);
  }

  setNodeVersion(node: number, version: string): void {
    this.upgradedVersion.set(node, version);
  }

  nodeSlowFactor(node: number): number {
    return this.nodes.slowFactor(node);
  }

  setNodeCondition(node: number, condition: NodeCondition, active: boolean): void {
    applyNodeCondition(this.nodes, node, condition, active);
  }

  injectFault(injection: FaultInjection): void {
    const slot = injection.targetKind === "slot" ? injection.targetIndex : undefined;
    this.faults.inject(injection, this.targetNodes(injection), slot);
  }

  /** Creates the node states and starts the fault processes; returns the hooks they use. */
  protected startNodes(
    context: BackendContext,
    watch: { onLost?: (node: number) => void; onReplaced?: (node: number) => void } = {},
  ): NodeFaultHooks {
    this.context = context;
    this.nodes = new NodeStates(this.nodeCount, this.common.timeoutSlowFactor, (node, access) =>
      this.onNodeAccess(node, access),
    );
    const hooks = slotHooks(context, (node, visit) => this.forEachSlot(node, visit), watch);
    this.faults = new NodeFaults(this.name, this.nodes, context, hooks, this.common);
    this.faults.start();
    return hooks;
  }

  protected forEachSlot(node: number, visit: (slot: number) => void): void {
    const first = node * this.slotsPerNode;
    for (let slot = first; slot < first + this.slotsPerNode; slot++) visit(slot);
  }

  private targetNodes(injection: FaultInjection): number[] {
    const all = Array.from({ length: this.nodeCount }, (_, node) => node);
    switch (injection.targetKind) {
      case "node":
        return [injection.targetIndex];
      case "slot":
        return [this.slotNode(injection.targetIndex)];
      case "cluster":
        return all.filter((node) => this.nodeCluster(node) === injection.targetIndex);
      default:
        return all;
    }
  }
}
