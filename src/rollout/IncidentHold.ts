/**
 * IncidentHold: the `onIncident: hold-and-continue-after-fix` policy. A gate that finds an
 * incident does not roll the migration back: the rollout holds where it is until the target
 * is healthy again — every unit with a target copy serving, and the nodes a scale test wrote
 * to taking writes (so in practice: the vendor's fix has landed and the blocked nodes
 * reopened) — and then continues after the operators' decision time.
 *
 * Health is looked at every `checkEveryMs` from the gate on (as operators re-check a held
 * rollout), so the rollout resumes at the first healthy check plus the decision time.
 *
 * Contract: one hold at a time; `heldMs` totals every hold of the run from the gate to the
 * resumption (or to `endMs` for a hold still running at the end). No randomness.
 */
import type { Simulation } from "../engine/Simulation.js";

export class IncidentHold {
  private sinceMs = -1;
  private timer = -1;
  private heldDoneMs = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly checkEveryMs: number,
    private readonly decisionMs: number,
    private readonly healthy: () => boolean,
    private readonly resume: () => void,
  ) {}

  get holding(): boolean {
    return this.sinceMs >= 0;
  }

  start(): void {
    this.sinceMs = this.sim.nowMs;
    this.check();
  }

  /** Cancels a running hold (an operator's abort). */
  cancel(): void {
    if (this.timer >= 0) this.sim.cancel(this.timer);
    this.timer = -1;
    if (this.holding) this.heldDoneMs += this.sim.nowMs - this.sinceMs;
    this.sinceMs = -1;
  }

  heldMs(endMs: number): number {
    return this.heldDoneMs + (this.holding ? endMs - this.sinceMs : 0);
  }

  private check(): void {
    const nowMs = this.sim.nowMs;
    if (this.healthy()) {
      this.timer = this.sim.callAt(nowMs + this.decisionMs, () => {
        this.timer = -1;
        this.heldDoneMs += this.sim.nowMs - this.sinceMs;
        this.sinceMs = -1;
        this.resume();
      });
      return;
    }
    this.timer = this.sim.callAt(nowMs + this.checkEveryMs, () => this.check());
  }
}
