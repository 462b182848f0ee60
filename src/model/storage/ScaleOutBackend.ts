/**
 * ScaleOutBackend: clusters ("cells") of nodes, each cluster running one storage-OS version.
 *
 * Each node holds `shardsPerNode` slots. The world spreads a protection group's shards over
 * distinct nodes of one cluster (replicas or erasure-coded fragments), so a node failure
 * touches one shard of many groups, and an OS bug that hits every node of a version hits
 * every shard of every group on it — the common-mode failure that replication cannot mask
 * (docs/validation.md#common-mode-failures). Lost shards are rebuilt by the world at `repairBandwidthBytesPerSec`
 * onto spare space; the node itself is replaced after the loss's replacement delay.
 */
import type { Access } from "../WorldObserver.js";
import { NodeBackend, type NodeBackendOptions } from "./NodeBackend.js";
import type { BackendContext } from "./StorageBackend.js";

export interface ScaleOutOptions extends NodeBackendOptions {
  readonly clusters: number;
  readonly nodesPerCluster: number;
  readonly shardsPerNode: number;
  /** One version per cluster (cycled when fewer versions than clusters are listed). */
  readonly versions: readonly string[];
}

export class ScaleOutBackend extends NodeBackend {
  readonly kind = "scale-out";

  constructor(private readonly options: ScaleOutOptions) {
    super(options, {
      nodes: options.clusters * options.nodesPerCluster,
      slotsPerNode: options.shardsPerNode,
      clusters: options.clusters,
    });
  }

  nodeCluster(node: number): number {
    return Math.floor(node / this.options.nodesPerCluster);
  }

  protected baseVersion(node: number): string {
    const versions = this.options.versions;
    return versions[this.nodeCluster(node) % versions.length]!;
  }

  /** Group g lives in cluster g mod C; its copy j on the cluster's node (⌊g/C⌋ + j) mod n. */
  placeShard(group: number, copy: number): number {
    const { clusters, nodesPerCluster, shardsPerNode } = this.options;
    const cluster = group % clusters;
    const inCluster = Math.floor(group / clusters);
    const node = cluster * nodesPerCluster + ((inCluster + copy) % nodesPerCluster);
    return node * shardsPerNode + (Math.floor(inCluster / nodesPerCluster) % shardsPerNode);
  }

  start(context: BackendContext): void {
    this.startNodes(context);
  }

  protected onNodeAccess(node: number, access: Access): void {
    this.forEachSlot(node, (slot) => this.context.setSlotAccess(slot, access));
  }
}
