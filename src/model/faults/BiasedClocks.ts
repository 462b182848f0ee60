/**
 * BiasedClocks: the failure clocks of a biased run (`maildrill estimate`), held in groups whose
 * state sets the bias (docs/model.md#rare-events-by-importance-sampling).
 *
 * Unbiased, a component draws one time to failure when its clock starts. Biased, the bias
 * depends on the state of the component's group (whole, or degraded with a repair pending), so
 * every time the group changes, each running clock of the group is discarded and its residual
 * life redrawn from the component's age under the new bias (exact for exponential and Weibull
 * clocks, whose residual life given the age is known; the discarded draw keeps only "it survived
 * this long", its survival ratio, which keeps the run unbiased). The groups are:
 * - protection groups, one clock per shard (shard loss);
 * - a backend's nodes, one clock per node and failure process (crash, loss, latent errors,
 *   corruption), degraded while a node is down;
 * - a filer node's RAID shelf, one clock per disk, degraded while a disk is rebuilt.
 * Which clocks run and when the state changes is the owner's business; this class holds them.
 *
 * Units are numbered group by group (`unitsPerGroup` each); unit u's clock is
 * `clocks[u % clocks.length]`, so a group of nodes × processes lists one clock per process.
 *
 * Contract: `start` (re)starts a unit's clock (its age origin) without drawing, `draw` draws one
 * started unit under its group's last state, `redraw` sets the group's state and redraws every
 * running clock of it in unit order, `stop` cancels, `fire` is called when one runs out and the
 * unit is then stopped. `closeAt` takes back every pending draw's density ratio for its survival
 * ratio at the end of the run. Draws come from the stream given, so a run is reproducible.
 */
import type { BiasedDraw, HazardClock } from "../../engine/LikelihoodRatio.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { FailureBiasing, GroupState } from "./FailureBiasing.js";

export class BiasedClocks {
  /** When each unit's clock last started (its age origin); −1 when it is not running. */
  private readonly startedAtMs: Float64Array;
  private readonly drawnAtMs: Float64Array;
  private readonly timer: Float64Array;
  private readonly draws: (BiasedDraw | undefined)[];
  /** Groups that have been degraded at least once (their first failure is behind them). */
  private readonly everDegraded: Uint8Array;
  private readonly degraded: Uint8Array;
  private readonly repairDoneAtMs: Float64Array;

  constructor(
    private readonly biasing: FailureBiasing,
    private readonly clocks: readonly HazardClock[],
    unitCount: number,
    private readonly unitsPerGroup: number,
    private readonly sim: Simulation,
    private readonly rng: RandomStream,
    private readonly fire: (unit: number) => void,
  ) {
    this.startedAtMs = new Float64Array(unitCount).fill(-1);
    this.drawnAtMs = new Float64Array(unitCount);
    this.timer = new Float64Array(unitCount).fill(-1);
    this.draws = new Array<BiasedDraw | undefined>(unitCount);
    const groups = Math.ceil(unitCount / unitsPerGroup);
    this.everDegraded = new Uint8Array(groups);
    this.degraded = new Uint8Array(groups);
    this.repairDoneAtMs = new Float64Array(groups).fill(-1);
    biasing.track(this);
  }

  /** The unit's clock starts afresh now (it was rebuilt, replaced or joined); not yet drawn. */
  start(unit: number): void {
    this.stop(unit);
    this.startedAtMs[unit] = this.sim.nowMs;
  }

  stop(unit: number): void {
    this.cancelDraw(unit);
    this.startedAtMs[unit] = -1;
  }

  /** The group's first failure is behind it even though it never was degraded (an OS bug tripped). */
  markFailed(group: number): void {
    this.everDegraded[group] = 1;
  }

  /** Sets the group's state and redraws every running clock of it. */
  redraw(group: number, degraded: boolean, repairDoneAtMs: number): void {
    if (degraded) this.everDegraded[group] = 1;
    this.degraded[group] = degraded ? 1 : 0;
    this.repairDoneAtMs[group] = repairDoneAtMs;
    const first = group * this.unitsPerGroup;
    const last = Math.min(first + this.unitsPerGroup, this.startedAtMs.length);
    for (let u = first; u < last; u++) if (this.startedAtMs[u]! >= 0) this.draw(u);
  }

  /** Draws one started unit's residual life under its group's last state, replacing any pending draw. */
  draw(unit: number): void {
    this.cancelDraw(unit);
    const group = Math.floor(unit / this.unitsPerGroup);
    const first = group * this.unitsPerGroup;
    const last = Math.min(first + this.unitsPerGroup, this.startedAtMs.length);
    let running = 0;
    for (let u = first; u < last; u++) if (this.startedAtMs[u]! >= 0) running++;
    const state: GroupState = this.degraded[group]
      ? "degraded"
      : this.everDegraded[group]
        ? "whole-again"
        : "first";
    const nowMs = this.sim.nowMs;
    const clock = this.clocks[unit % this.clocks.length]!;
    const ageMs = nowMs - this.startedAtMs[unit]!;
    const drawn = this.biasing.draw(
      this.rng,
      clock,
      ageMs,
      nowMs,
      state,
      this.repairDoneAtMs[group]!,
      running,
    );
    this.draws[unit] = drawn;
    this.drawnAtMs[unit] = nowMs;
    this.timer[unit] = this.sim.callAt(nowMs + Math.max(0, Math.round(drawn.delayMs)), () => {
      this.timer[unit] = -1;
      this.draws[unit] = undefined;
      this.startedAtMs[unit] = -1;
      this.fire(unit);
    });
  }

  /** The run ends at `endMs`: every pending draw keeps only that it survived until then. */
  closeAt(endMs: number): void {
    for (let u = 0; u < this.draws.length; u++) {
      const pending = this.draws[u];
      if (pending !== undefined) this.biasing.discard(pending, endMs - this.drawnAtMs[u]!);
      this.draws[u] = undefined;
    }
  }

  private cancelDraw(unit: number): void {
    const pending = this.draws[unit];
    if (pending === undefined) return;
    this.sim.cancel(this.timer[unit]!);
    this.biasing.discard(pending, this.sim.nowMs - this.drawnAtMs[unit]!);
    this.timer[unit] = -1;
    this.draws[unit] = undefined;
  }
}
