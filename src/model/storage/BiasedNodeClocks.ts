/**
 * BiasedNodeClocks: a backend's node failure clocks in a biased run (`maildrill estimate`,
 * docs/model.md#rare-events-by-importance-sampling): crashes, permanent losses, latent sector
 * errors and silent corruption, each node's process drawn through faults/BiasedClocks.ts.
 *
 * All the clocks of one backend form one group: while every node is up, the backend's first
 * failure is forced within the horizon; while a node is down (crashed, lost, or taken down by
 * an explicit fault), another failure of any node gets the degraded bias before the down nodes
 * are back (the latest known return; the horizon while a crash waits for a repair crew); when
 * all are back, the clocks run unbiased. Every change redraws the backend's running clocks.
 *
 * Contract: `schedule(node, process)` starts the node's clock of that process (and draws it,
 * once `begin` has drawn the clocks started at t = 0 together) and returns true, or returns false when the process is not biased (no exponential or Weibull
 * time to failure): the caller then draws it unbiased as usual. `changed` is called after
 * each change of the nodes' state. Draws come from the stream `<backend>/failure-biasing`.
 */
import type { DistributionSpec } from "../../engine/distributions.js";
import type { HazardClock } from "../../engine/LikelihoodRatio.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import { BiasedClocks } from "../faults/BiasedClocks.js";
import type { FailureBiasing } from "../faults/FailureBiasing.js";

/** A node failure process: "crash", "loss", or the index of a damage process. */
export type NodeProcess = "crash" | "loss" | number;

export class BiasedNodeClocks {
  private readonly clocks: BiasedClocks;
  /** Before `begin`, clocks only start: the first draw shares the bias among all of them. */
  private live = false;

  private constructor(
    private readonly processes: readonly NodeProcess[],
    clocks: readonly HazardClock[],
    nodeCount: number,
    biasing: FailureBiasing,
    sim: Simulation,
    rng: RandomStream,
    fire: (node: number, process: NodeProcess) => void,
  ) {
    const perNode = processes.length;
    this.clocks = new BiasedClocks(
      biasing,
      clocks,
      nodeCount * perNode,
      nodeCount * perNode,
      sim,
      rng,
      (unit) => fire(Math.floor(unit / perNode), processes[unit % perNode]!),
    );
  }

  /** The biased clocks of the processes given (in order), or undefined when none can be biased. */
  static of(
    biasing: FailureBiasing | undefined,
    ttfs: readonly (readonly [NodeProcess, DistributionSpec])[],
    nodeCount: number,
    sim: Simulation,
    rng: () => RandomStream,
    fire: (node: number, process: NodeProcess) => void,
  ): BiasedNodeClocks | undefined {
    if (biasing === undefined) return undefined;
    const processes: NodeProcess[] = [];
    const clocks: HazardClock[] = [];
    for (const [process, ttf] of ttfs) {
      const clock = biasing.clockOf(ttf);
      if (clock === undefined) continue;
      processes.push(process);
      clocks.push(clock);
    }
    if (processes.length === 0) return undefined;
    return new BiasedNodeClocks(processes, clocks, nodeCount, biasing, sim, rng(), fire);
  }

  schedule(node: number, process: NodeProcess): boolean {
    const k = this.processes.indexOf(process);
    if (k < 0) return false;
    const unit = node * this.processes.length + k;
    this.clocks.start(unit);
    if (this.live) this.clocks.draw(unit);
    return true;
  }

  /** Every node's clocks have started: draw them all, the backend whole. */
  begin(): void {
    this.live = true;
    this.clocks.redraw(0, false, -1);
  }

  /** The nodes changed: degraded while one is down, until `repairDoneAtMs` (−1: not known). */
  changed(degraded: boolean, repairDoneAtMs: number): void {
    this.clocks.redraw(0, degraded, repairDoneAtMs);
  }
}
