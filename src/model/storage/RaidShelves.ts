/**
 * RaidShelves: the disks behind each filer node, in one RAID group per node.
 *
 * Each disk fails after its own time to failure (exponential or Weibull, per disk); a failed
 * disk is replaced and rebuilt, one rebuild at a time per group, and a rebuilt disk starts a
 * fresh lifetime. More failed disks than the parity can cover lose the node's data (the
 * node's volumes lose their shard; the shelf is replaced with new disks). A rebuild that runs
 * with no redundancy left must read every surviving sector, so the latent sector errors it
 * meets become damage on the node's volumes — the classic RAID data-loss path
 * (Bairavasundaram et al. 2007/2008: 8% of corruption is found only during reconstruction).
 *
 * Biased runs (`maildrill estimate`): each shelf is a biasing group of its disks' clocks
 * (faults/BiasedClocks.ts): a whole shelf's first disk failure is forced within the horizon,
 * and while a disk is rebuilt another failure gets the degraded bias before the rebuild ends;
 * rebuild times stay unbiased.
 *
 * Contract: draws come from `<backend>/raid` (biased disk lifetimes from
 * `<backend>/raid-biasing`); disks are visited in index order.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import { BiasedClocks } from "../faults/BiasedClocks.js";
import type { NodeFaultHooks } from "./NodeFaults.js";
import type { BackendContext } from "./StorageBackend.js";

export interface RaidSpec {
  readonly disks: number;
  readonly parity: number;
  readonly diskTtf: DistributionSpec;
  readonly rebuild: DistributionSpec;
  /** Share of the node's data unreadable when a rebuild runs with no redundancy left. */
  readonly latentErrorFraction: number;
}

export class RaidShelves {
  private readonly failed: Int16Array;
  private readonly rebuilding: Uint8Array;
  /** Per disk: the generation of its current lifetime, so a stale failure timer is ignored. */
  private readonly generation: Uint32Array;
  private readonly diskFailed: Uint8Array;
  private rng!: RandomStream;
  /** Biased runs only: the disks' clocks, and when each shelf's running rebuild ends (−1: none). */
  private biased: BiasedClocks | undefined;
  private rebuildDoneAtMs: Float64Array | undefined;

  constructor(
    private readonly backendName: string,
    nodeCount: number,
    private readonly spec: RaidSpec,
    private readonly context: BackendContext,
    private readonly hooks: NodeFaultHooks,
  ) {
    this.failed = new Int16Array(nodeCount);
    this.rebuilding = new Uint8Array(nodeCount);
    this.generation = new Uint32Array(nodeCount * spec.disks);
    this.diskFailed = new Uint8Array(nodeCount * spec.disks);
  }

  start(): void {
    this.rng = this.context.streams.get(`${this.backendName}/raid`);
    this.biased = this.biasedClocks();
    for (let disk = 0; disk < this.generation.length; disk++) this.scheduleFailure(disk);
    if (this.biased) for (let node = 0; node < this.failed.length; node++) this.shelfChanged(node);
  }

  private biasedClocks(): BiasedClocks | undefined {
    const { biasing, sim, streams } = this.context;
    const clock = biasing?.clockOf(this.spec.diskTtf);
    if (biasing === undefined || clock === undefined) return undefined;
    this.rebuildDoneAtMs = new Float64Array(this.failed.length).fill(-1);
    const rng = streams.get(`${this.backendName}/raid-biasing`);
    return new BiasedClocks(biasing, [clock], this.generation.length, this.spec.disks, sim, rng, (disk) =>
      this.onDiskFailure(disk),
    );
  }

  /** Biased runs: the shelf's state changed, so its disks' clocks are redrawn under the new bias. */
  private shelfChanged(node: number): void {
    if (this.biased === undefined) return;
    const degraded = this.failed[node]! > 0;
    this.biased.redraw(node, degraded, degraded ? this.rebuildDoneAtMs![node]! : -1);
  }

  private scheduleFailure(disk: number): void {
    if (this.biased) {
      this.biased.start(disk); // drawn by the shelfChanged that follows every call
      return;
    }
    const atMs = this.context.sim.nowMs + Math.max(0, Math.round(sampleSpec(this.spec.diskTtf, this.rng)));
    if (atMs > this.context.horizonMs) return;
    const generation = this.generation[disk]!;
    this.context.sim.callAt(atMs, () => {
      if (this.generation[disk] === generation) this.onDiskFailure(disk);
    });
  }

  private onDiskFailure(disk: number): void {
    const node = Math.floor(disk / this.spec.disks);
    this.diskFailed[disk] = 1;
    this.failed[node]! += 1;
    this.context.event("disk-failure", { backend: this.backendName, node, failed: this.failed[node]! });
    if (this.failed[node]! > this.spec.parity) {
      this.loseShelf(node);
      return;
    }
    if (!this.rebuilding[node]) this.startRebuild(node);
    this.shelfChanged(node);
  }

  private startRebuild(node: number): void {
    this.rebuilding[node] = 1;
    if (this.failed[node] === this.spec.parity && this.spec.latentErrorFraction > 0) {
      this.context.event("rebuild-met-latent-errors", { backend: this.backendName, node });
      this.hooks.damaged(node, { kind: "latent-errors", fraction: this.spec.latentErrorFraction });
    }
    const doneAtMs =
      this.context.sim.nowMs + Math.max(0, Math.round(sampleSpec(this.spec.rebuild, this.rng)));
    const failedAtStart = this.generationOfShelf(node);
    if (this.rebuildDoneAtMs) this.rebuildDoneAtMs[node] = doneAtMs;
    this.context.sim.callAt(doneAtMs, () => {
      if (this.generationOfShelf(node) !== failedAtStart) return; // the shelf was lost meanwhile
      this.rebuilding[node] = 0;
      this.failed[node]! -= 1;
      this.context.event("disk-rebuilt", { backend: this.backendName, node });
      this.renewOneDisk(node);
      if (this.failed[node]! > 0) this.startRebuild(node);
      this.shelfChanged(node);
    });
  }

  /** The lowest-index failed disk is the one rebuilt: it gets a new lifetime. */
  private renewOneDisk(node: number): void {
    const first = node * this.spec.disks;
    for (let disk = first; disk < first + this.spec.disks; disk++) {
      if (!this.diskFailed[disk]) continue;
      this.diskFailed[disk] = 0;
      this.generation[disk]! += 1;
      this.scheduleFailure(disk);
      return;
    }
  }

  private readonly shelfGeneration = new Map<number, number>();

  private generationOfShelf(node: number): number {
    return this.shelfGeneration.get(node) ?? 0;
  }

  private loseShelf(node: number): void {
    this.context.event("raid-data-loss", { backend: this.backendName, node });
    this.hooks.lost(node);
    this.hooks.replaced?.(node); // new disks at once: the volumes are usable again, and empty
    this.shelfGeneration.set(node, this.generationOfShelf(node) + 1);
    this.failed[node] = 0;
    this.rebuilding[node] = 0;
    const first = node * this.spec.disks;
    for (let disk = first; disk < first + this.spec.disks; disk++) {
      this.diskFailed[disk] = 0;
      this.generation[disk]! += 1;
      this.scheduleFailure(disk);
    }
    this.shelfChanged(node);
  }
}
