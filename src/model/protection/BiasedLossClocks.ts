/**
 * BiasedLossClocks: the shard-loss clocks of the protection groups when a run is biased
 * (`maildrill estimate`, docs/model.md#rare-events-by-importance-sampling).
 *
 * Unbiased, each OK shard draws one time to failure when its clock starts. Biased, the bias
 * depends on the group's state (whole, or degraded with a repair pending), so every time the
 * group changes, each running clock of the group is discarded and its residual life redrawn
 * from the shard's age under the new bias (exact for exponential and Weibull clocks, whose
 * residual life given the age is known; docs/model.md explains why the discarded draw keeps the
 * run unbiased). Which clocks run and when they restart is ProtectionGroups' business; this
 * class only holds them.
 *
 * Contract: `start` (re)starts a shard's clock, `stop` cancels it, `redraw` redraws a group's
 * running clocks in shard order, `fire` is called when one runs out. Draws come from the
 * stream given (the shard-loss stream), so a biased run is reproducible from its seed.
 */
import type { BiasedDraw, HazardClock } from "../../engine/LikelihoodRatio.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { FailureBiasing, GroupState } from "../faults/FailureBiasing.js";

export class BiasedLossClocks {
  /** When each shard's clock last started (its age origin); −1 when it is not running. */
  private readonly startedAtMs: Float64Array;
  private readonly drawnAtMs: Float64Array;
  private readonly timer: Float64Array;
  private readonly draws: (BiasedDraw | undefined)[];
  /** Groups that have been degraded at least once (their first failure is behind them). */
  private readonly everDegraded: Uint8Array;

  constructor(
    private readonly biasing: FailureBiasing,
    private readonly clock: HazardClock,
    shardCount: number,
    private readonly shardsPerGroup: number,
    private readonly sim: Simulation,
    private readonly rng: RandomStream,
    private readonly fire: (shard: number) => void,
  ) {
    this.startedAtMs = new Float64Array(shardCount).fill(-1);
    this.drawnAtMs = new Float64Array(shardCount);
    this.timer = new Float64Array(shardCount).fill(-1);
    this.draws = new Array<BiasedDraw | undefined>(shardCount);
    this.everDegraded = new Uint8Array(Math.ceil(shardCount / shardsPerGroup));
  }

  /** The shard's clock starts afresh now (it was rebuilt or joined); `redraw` draws it. */
  start(shard: number): void {
    this.stop(shard);
    this.startedAtMs[shard] = this.sim.nowMs;
  }

  stop(shard: number): void {
    this.cancelDraw(shard);
    this.startedAtMs[shard] = -1;
  }

  /** Redraws every running clock of the group under the group's current state. */
  redraw(group: number, degraded: boolean, repairDoneAtMs: number): void {
    const first = group * this.shardsPerGroup;
    const last = first + this.shardsPerGroup;
    let running = 0;
    for (let s = first; s < last; s++) if (this.startedAtMs[s]! >= 0) running++;
    const nowMs = this.sim.nowMs;
    if (degraded) this.everDegraded[group] = 1;
    const state: GroupState = degraded ? "degraded" : this.everDegraded[group] ? "whole-again" : "first";
    for (let s = first; s < last; s++) {
      if (this.startedAtMs[s]! < 0) continue;
      this.cancelDraw(s);
      const ageMs = nowMs - this.startedAtMs[s]!;
      const draw = this.biasing.draw(this.rng, this.clock, ageMs, nowMs, state, repairDoneAtMs, running);
      this.draws[s] = draw;
      this.drawnAtMs[s] = nowMs;
      this.timer[s] = this.sim.callAt(nowMs + Math.max(0, Math.round(draw.delayMs)), () => {
        this.timer[s] = -1;
        this.draws[s] = undefined;
        this.startedAtMs[s] = -1;
        this.fire(s);
      });
    }
  }

  private cancelDraw(shard: number): void {
    const draw = this.draws[shard];
    if (draw === undefined) return;
    this.sim.cancel(this.timer[shard]!);
    this.biasing.discard(draw, this.sim.nowMs - this.drawnAtMs[shard]!);
    this.timer[shard] = -1;
    this.draws[shard] = undefined;
  }
}
