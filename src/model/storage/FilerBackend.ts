/**
 * FilerBackend: classic filer storage — volumes that live on nodes.
 *
 * Each node serves `volumesPerNode` volumes (placement groups). A node that crashes takes
 * its volumes down until it returns; the data survives (a crash is an availability event,
 * not a durability event, VALIDATION §1.4). Crashes come from a per-node renewal process
 * (time to failure, then a downtime) and from explicit faults; overlapping causes are
 * counted, so a volume comes back only when its node has no cause left.
 *
 * Assumptions (docs/model.md): nodes fail independently; every node repairs in parallel
 * ("independent repair"); a node keeps its failure clock running while down is irrelevant
 * here because the next time to failure starts when it returns (alternating renewal).
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import { Access } from "../WorldObserver.js";
import type { BackendContext, FaultInjection, StorageBackend } from "./StorageBackend.js";

export interface FilerOptions {
  readonly name: string;
  readonly version: string;
  readonly nodes: number;
  readonly volumesPerNode: number;
  readonly nodeCrash?: { readonly ttf: DistributionSpec; readonly downtime: DistributionSpec };
}

export class FilerBackend implements StorageBackend {
  readonly kind = "filer";
  readonly name: string;
  readonly version: string;
  readonly nodeCount: number;
  readonly groupCount: number;
  private readonly volumesPerNode: number;
  /** Causes currently keeping each node down (random crash, explicit faults). */
  private readonly nodeDownCauses: Uint16Array;
  private context!: BackendContext;
  private crashRng!: RandomStream;
  private crashKind = -1;
  private returnKind = -1;

  constructor(private readonly options: FilerOptions) {
    this.name = options.name;
    this.version = options.version;
    this.nodeCount = options.nodes;
    this.volumesPerNode = options.volumesPerNode;
    this.groupCount = options.nodes * options.volumesPerNode;
    this.nodeDownCauses = new Uint16Array(options.nodes);
  }

  start(context: BackendContext): void {
    this.context = context;
    this.crashRng = context.streams.get(`${this.name}/node-crash`);
    this.crashKind = context.sim.register(`${this.name}/node-crash`, (node: number) =>
      this.onRandomCrash(node),
    );
    this.returnKind = context.sim.register(`${this.name}/node-return`, (node: number) =>
      this.nodeUp(node, "node-return"),
    );
    if (this.options.nodeCrash === undefined) return;
    for (let node = 0; node < this.nodeCount; node++) this.scheduleCrash(node);
  }

  injectFault(injection: FaultInjection): void {
    const nodes = this.nodesOf(injection);
    for (const node of nodes) {
      this.nodeDown(node, "fault-crash");
      this.context.sim.at(this.context.sim.nowMs + injection.durationMs, this.returnKind, node);
    }
  }

  private nodesOf(injection: FaultInjection): number[] {
    if (injection.targetKind === "node") return [injection.targetIndex];
    if (injection.targetKind === "volume") return [Math.floor(injection.targetIndex / this.volumesPerNode)];
    return Array.from({ length: this.nodeCount }, (_, i) => i);
  }

  private scheduleCrash(node: number): void {
    const ttfMs = Math.round(sampleSpec(this.options.nodeCrash!.ttf, this.crashRng));
    const atMs = this.context.sim.nowMs + Math.max(0, ttfMs);
    if (atMs <= this.context.horizonMs) this.context.sim.at(atMs, this.crashKind, node);
  }

  private onRandomCrash(node: number): void {
    this.nodeDown(node, "node-crash");
    const downtimeMs = Math.max(0, Math.round(sampleSpec(this.options.nodeCrash!.downtime, this.crashRng)));
    const returnAtMs = this.context.sim.nowMs + downtimeMs;
    // The next time to failure starts when the node returns: an alternating renewal process.
    this.context.sim.callAt(returnAtMs, () => {
      this.nodeUp(node, "node-return");
      this.scheduleCrash(node);
    });
  }

  private nodeDown(node: number, kind: string): void {
    this.context.event(kind, { backend: this.name, node });
    this.nodeDownCauses[node]! += 1;
    if (this.nodeDownCauses[node] === 1) this.setNodeVolumes(node, Access.Down);
  }

  private nodeUp(node: number, kind: string): void {
    this.context.event(kind, { backend: this.name, node });
    this.nodeDownCauses[node]! -= 1;
    if (this.nodeDownCauses[node] === 0) this.setNodeVolumes(node, Access.Up);
  }

  private setNodeVolumes(node: number, access: Access): void {
    const first = node * this.volumesPerNode;
    for (let v = first; v < first + this.volumesPerNode; v++) this.context.setAccess(v, access);
  }
}
