/**
 * NodeFaults: the hardware fault processes of a backend's nodes, random and explicit.
 *
 * - Crashes (transient): each node fails after a time to failure, then is repaired. With a
 *   bounded number of repair `crews`, crashed nodes wait in FIFO order for a crew, so one
 *   crew is the "shared repair" of docs/validation.md#k-out-of-n-availability and unlimited crews "independent repair".
 *   The next time to failure starts when the node returns (alternating renewal).
 * - Losses (permanent): the node's shards are gone; after a replacement delay the node is
 *   back, empty, and the world rebuilds its shards.
 * - Explicit faults: crash, node-loss, fail-slow, ENOSPC, and data damage (latent errors,
 *   silent corruption, lost and torn writes) on a node, a cluster or the whole backend.
 *
 * - Biased runs (`maildrill estimate`): the times to crash, loss and damage are drawn through
 *   BiasedNodeClocks (the backend's nodes are one biasing group, degraded while a node is
 *   down); repairs, replacements and bursts stay unbiased. Unbiased runs never build it.
 *
 * Contract: every random draw comes from `<backend>/node-crash`, `<backend>/node-loss` or
 * `<backend>/node-damage` (biased failure times from `<backend>/failure-biasing`);
 * node indices are visited in order, so runs are reproducible.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import { Access } from "../WorldObserver.js";
import { BiasedNodeClocks, type NodeProcess } from "./BiasedNodeClocks.js";
import type { NodeStates } from "./NodeStates.js";
import type { BackendContext, FaultInjection, SlotDamage } from "./StorageBackend.js";

export interface CrashSpec {
  readonly ttf: DistributionSpec;
  readonly downtime: DistributionSpec;
  /** How many crashed nodes can be repaired at once (Infinity: every node in parallel). */
  readonly crews: number;
  readonly burst?: BurstSpec;
}

/** Correlated crashes: a crash starts a burst with `probability`, taking `extra` neighbours within `windowMs`. */
interface BurstSpec {
  readonly probability: number;
  readonly extra: DistributionSpec;
  readonly windowMs: number;
}

/** A random data-damage process per node: latent sector errors or silent corruption. */
export interface DamageSpec {
  readonly ttf: DistributionSpec;
  readonly damage: SlotDamage;
}

export interface LossSpec {
  readonly ttf: DistributionSpec;
  /** Time until a lost node is replaced by an empty one. */
  readonly replace: DistributionSpec;
}

export interface NodeFaultHooks {
  /** The node's data is gone (its shards are lost); called before the node goes down. */
  lost(node: number): void;
  /** The lost node was replaced by an empty one. */
  replaced?(node: number): void;
  /** One slot's data is damaged (an explicit fault aimed at a slot). */
  damagedSlot(slot: number, damage: SlotDamage): void;
  /** Part of the node's data is damaged. */
  damaged(node: number, damage: SlotDamage): void;
}

/** The fault processes a backend declares: crashes, losses and damage, all optional. */
export interface NodeFaultSpecs {
  readonly nodeCrash?: CrashSpec;
  readonly nodeLoss?: LossSpec;
  readonly damages?: readonly DamageSpec[];
}

/**
 * The usual wiring: node-level losses and damage reach every slot of the node
 * (`forEachSlot`), slot-targeted damage reaches that slot; `onLost`/`onReplaced` let a
 * backend keep its own bookkeeping (a filer stops HA takeover of a lost shelf).
 */
export function slotHooks(
  context: BackendContext,
  forEachSlot: (node: number, visit: (slot: number) => void) => void,
  extra: { onLost?: (node: number) => void; onReplaced?: (node: number) => void } = {},
): NodeFaultHooks {
  return {
    lost: (node) => {
      extra.onLost?.(node);
      forEachSlot(node, (slot) => context.slotLost(slot));
    },
    damaged: (node, damage) => forEachSlot(node, (slot) => context.slotDamaged(slot, damage)),
    damagedSlot: (slot, damage) => context.slotDamaged(slot, damage),
    ...(extra.onReplaced ? { replaced: extra.onReplaced } : {}),
  };
}

export class NodeFaults {
  private crashRng!: RandomStream;
  private damageRng!: RandomStream;
  private lossRng!: RandomStream;
  private readonly crewQueue: number[] = [];
  private crewsBusy = 0;
  /** Biased runs only: the failure clocks, and when each down node is due back (−1: not known). */
  private biased: BiasedNodeClocks | undefined;
  private returnAtMs: Float64Array | undefined;

  constructor(
    private readonly backendName: string,
    private readonly nodes: NodeStates,
    private readonly context: BackendContext,
    private readonly hooks: NodeFaultHooks,
    specs: NodeFaultSpecs,
  ) {
    this.crash = specs.nodeCrash;
    this.loss = specs.nodeLoss;
    this.damages = specs.damages ?? [];
  }

  private readonly crash: CrashSpec | undefined;
  private readonly loss: LossSpec | undefined;
  private readonly damages: readonly DamageSpec[];

  start(): void {
    this.crashRng = this.context.streams.get(`${this.backendName}/node-crash`);
    this.lossRng = this.context.streams.get(`${this.backendName}/node-loss`);
    this.damageRng = this.context.streams.get(`${this.backendName}/node-damage`);
    this.biased = this.biasedClocks();
    if (this.biased) this.returnAtMs = new Float64Array(this.nodes.nodeCount).fill(-1);
    for (let node = 0; node < this.nodes.nodeCount; node++) {
      if (this.crash) this.scheduleCrash(node);
      if (this.loss) this.scheduleLoss(node);
      for (const spec of this.damages) this.scheduleDamage(node, spec);
    }
    this.biased?.begin();
  }

  private biasedClocks(): BiasedNodeClocks | undefined {
    const ttfs: [NodeProcess, DistributionSpec][] = [];
    if (this.crash) ttfs.push(["crash", this.crash.ttf]);
    if (this.loss) ttfs.push(["loss", this.loss.ttf]);
    for (const [k, spec] of this.damages.entries()) ttfs.push([k, spec.ttf]);
    const { biasing, sim, streams } = this.context;
    return BiasedNodeClocks.of(
      biasing,
      ttfs,
      this.nodes.nodeCount,
      sim,
      () => streams.get(`${this.backendName}/failure-biasing`),
      (node, process) => this.biasedFailure(node, process),
    );
  }

  /** A biased clock ran out: the same failure an unbiased draw would have scheduled. */
  private biasedFailure(node: number, process: NodeProcess): void {
    if (process === "crash") this.onRandomCrash(node);
    else if (process === "loss") this.lose(node, this.draw(this.loss!.replace, this.lossRng));
    else this.damageArrives(node, this.damages[process]!);
  }

  /**
   * Biased runs: the nodes changed, so the bias changes. Degraded while a node is down, until
   * the last down node is due back (unknown while a crash waits for a crew: then the horizon).
   */
  private nodesChanged(node: number, returnAtMs: number): void {
    if (this.biased === undefined) return;
    const returns = this.returnAtMs!;
    returns[node] = returnAtMs;
    let degraded = false;
    let lastReturnMs = 0;
    for (let n = 0; n < this.nodes.nodeCount; n++) {
      if (this.nodes.accessOf(n) !== Access.Down) continue;
      degraded = true;
      lastReturnMs = returns[n]! < 0 || lastReturnMs < 0 ? -1 : Math.max(lastReturnMs, returns[n]!);
    }
    this.biased.changed(degraded, degraded ? lastReturnMs : -1);
  }

  /** Latent errors and silent corruption arrive at their field rates, node by node. */
  private scheduleDamage(node: number, spec: DamageSpec): void {
    if (this.biased?.schedule(node, this.damages.indexOf(spec))) return;
    const atMs = this.context.sim.nowMs + this.draw(spec.ttf, this.damageRng);
    if (atMs > this.context.horizonMs) return;
    this.context.sim.callAt(atMs, () => this.damageArrives(node, spec));
  }

  private damageArrives(node: number, spec: DamageSpec): void {
    this.context.event(spec.damage.kind, { backend: this.backendName, node });
    this.hooks.damaged(node, spec.damage);
    this.scheduleDamage(node, spec);
  }

  inject(injection: FaultInjection, targets: readonly number[], slot?: number): void {
    const { durationMs, params } = injection;
    for (const node of targets) {
      switch (injection.fault) {
        case "crash":
          this.down(node, "fault-crash", durationMs);
          break;
        case "node-loss":
          this.lose(node, durationMs);
          break;
        case "enospc":
          this.timed(
            node,
            durationMs,
            "enospc",
            () => this.nodes.add(node, "read-only"),
            () => this.nodes.remove(node, "read-only"),
          );
          break;
        case "fail-slow": {
          const factor = params.factor ?? 10;
          this.timed(
            node,
            durationMs,
            "fail-slow",
            () => this.nodes.addSlow(node, factor),
            () => this.nodes.removeSlow(node, factor),
          );
          break;
        }
        default:
          this.damage(node, injection, slot);
      }
    }
  }

  /** Data damage on a node, or on one slot of it when the fault targets a slot. */
  private damage(node: number, injection: FaultInjection, slot?: number): void {
    this.context.event(injection.fault, { backend: this.backendName, node });
    const damage = damageOf(injection);
    if (slot === undefined) this.hooks.damaged(node, damage);
    else this.hooks.damagedSlot(slot, damage);
  }

  private timed(node: number, durationMs: number, kind: string, on: () => void, off: () => void): void {
    this.context.event(kind, { backend: this.backendName, node });
    on();
    this.context.sim.callAt(this.context.sim.nowMs + durationMs, () => {
      this.context.event(`${kind}-end`, { backend: this.backendName, node });
      off();
    });
  }

  private down(node: number, kind: string, durationMs: number): void {
    this.context.event(kind, { backend: this.backendName, node });
    this.nodes.add(node, "down");
    this.context.sim.callAt(this.context.sim.nowMs + durationMs, () => this.up(node));
    this.nodesChanged(node, this.context.sim.nowMs + durationMs);
  }

  private up(node: number): void {
    this.context.event("node-return", { backend: this.backendName, node });
    this.nodes.remove(node, "down");
    this.nodesChanged(node, -1);
  }

  private lose(node: number, replaceAfterMs: number): void {
    this.context.event("node-loss", { backend: this.backendName, node });
    this.hooks.lost(node);
    this.nodes.add(node, "down");
    this.context.sim.callAt(this.context.sim.nowMs + replaceAfterMs, () => {
      this.context.event("node-replaced", { backend: this.backendName, node });
      this.hooks.replaced?.(node);
      this.nodes.remove(node, "down");
      this.nodesChanged(node, -1);
      if (this.loss) this.scheduleLoss(node);
    });
    this.nodesChanged(node, this.context.sim.nowMs + replaceAfterMs);
  }

  private draw(spec: DistributionSpec, rng: RandomStream): number {
    return Math.max(0, Math.round(sampleSpec(spec, rng)));
  }

  private scheduleCrash(node: number): void {
    if (this.biased?.schedule(node, "crash")) return;
    const atMs = this.context.sim.nowMs + this.draw(this.crash!.ttf, this.crashRng);
    if (atMs <= this.context.horizonMs) this.context.sim.callAt(atMs, () => this.onRandomCrash(node));
  }

  private onRandomCrash(node: number): void {
    this.context.event("node-crash", { backend: this.backendName, node });
    this.nodes.add(node, "down");
    this.crewQueue.push(node);
    this.dispatchCrews();
    this.maybeBurst(node);
    // A crash still waiting for a crew has no known return; dispatchCrews set it otherwise.
    if (this.crewQueue.includes(node)) this.nodesChanged(node, -1);
  }

  /**
   * Failure bursts (Ford et al., OSDI'10): a crash may take its neighbours (the next nodes by
   * index, the same rack) within the burst window. A neighbour already down is skipped; its own
   * failure clock is not disturbed, so bursts add failures on top of the independent ones.
   * Burst victims are repaired in parallel, outside the crew queue (a site-level event).
   */
  private maybeBurst(node: number): void {
    const burst = this.crash!.burst;
    if (burst === undefined || this.crashRng.next() >= burst.probability) return;
    const extra = Math.min(this.nodes.nodeCount - 1, this.draw(burst.extra, this.crashRng));
    for (let k = 1; k <= extra; k++) {
      const neighbour = (node + k) % this.nodes.nodeCount;
      const atMs = this.context.sim.nowMs + Math.floor(this.crashRng.next() * burst.windowMs);
      if (atMs > this.context.horizonMs) continue;
      this.context.sim.callAt(atMs, () => this.onBurstCrash(neighbour));
    }
  }

  private onBurstCrash(node: number): void {
    if (this.nodes.accessOf(node) === Access.Down) return;
    this.context.event("node-crash-burst", { backend: this.backendName, node });
    this.nodes.add(node, "down");
    const doneAtMs = this.context.sim.nowMs + this.draw(this.crash!.downtime, this.crashRng);
    this.context.sim.callAt(doneAtMs, () => this.up(node));
    this.nodesChanged(node, doneAtMs);
  }

  /** Starts repairs while crews are free, oldest crash first. */
  private dispatchCrews(): void {
    while (this.crewsBusy < this.crash!.crews && this.crewQueue.length > 0) {
      const node = this.crewQueue.shift()!;
      this.crewsBusy++;
      const doneAtMs = this.context.sim.nowMs + this.draw(this.crash!.downtime, this.crashRng);
      this.context.sim.callAt(doneAtMs, () => {
        this.crewsBusy--;
        this.up(node);
        this.scheduleCrash(node);
        this.dispatchCrews();
      });
      this.nodesChanged(node, doneAtMs);
    }
  }

  private scheduleLoss(node: number): void {
    if (this.biased?.schedule(node, "loss")) return;
    const atMs = this.context.sim.nowMs + this.draw(this.loss!.ttf, this.lossRng);
    if (atMs <= this.context.horizonMs) {
      this.context.sim.callAt(atMs, () => this.lose(node, this.draw(this.loss!.replace, this.lossRng)));
    }
  }
}

/** The damage an explicit data fault does; torn and misdirected writes corrupt what they touch. */
function damageOf(injection: FaultInjection): SlotDamage {
  const { params } = injection;
  switch (injection.fault) {
    case "latent-errors":
      return { kind: "latent-errors", fraction: params.fraction ?? 0.001 };
    case "corruption":
      return {
        kind: "corruption",
        fraction: params.fraction ?? 0.001,
        propagate: (params.propagate ?? 0) > 0,
      };
    case "lost-writes":
      return { kind: "lost-writes", windowMs: params.window ?? 0 };
    case "torn-writes":
    case "misdirected-writes":
      return { kind: "corruption", fraction: params.fraction ?? 0.001, propagate: false };
    default:
      throw new RangeError(`unknown fault ${injection.fault}`);
  }
}
