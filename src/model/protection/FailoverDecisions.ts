/**
 * FailoverDecisions: the operators who decide manual failovers, one decision per backend.
 *
 * In manual mode a group whose serving copy failed waits, after detection, for an operator's
 * decision. An operator decides for a backend, not for a unit: every group whose serving copy
 * is on that backend and that waits for a decision joins the one decision queued for the
 * backend ("fail backend a over to b" is one decision however many volumes it moves).
 * Operators take decisions up only after every detection of the instant has joined; a decision
 * taken up is closed: groups detected after that wait for the next one. A bounded pool of `operators` takes queued decisions first in, first out; each takes
 * one draw of the decision time (docs/model.md#protection-groups).
 *
 * Contract: `decided(group)` is called once for each group still covered when its decision
 * ends (a group withdrawn meanwhile is not); the caller re-checks that the failover is still
 * needed. Operator time is counted per decision, not per group. No randomness but the
 * decision times, drawn in dispatch order.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStream } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";

interface Decision {
  readonly id: number;
  readonly backend: number;
  readonly groups: number[];
}

export class FailoverDecisions {
  private readonly queue: Decision[] = [];
  private head = 0;
  /** The decision queued (not yet taken up) for each backend. */
  private readonly queuedFor = new Map<number, Decision>();
  /** The decision covering each group (its id), 0 when none. */
  private readonly decisionOf: Int32Array;
  private nextId = 1;
  private busy = 0;
  private dispatchPending = false;
  /** Time operators spent on finished decisions, and when each running one began. */
  private doneMs = 0;
  private readonly startMs = new Map<number, number>();

  constructor(
    groupCount: number,
    private readonly operators: number,
    private readonly decisionTime: DistributionSpec,
    private readonly sim: Simulation,
    private readonly rng: RandomStream,
    private readonly decided: (group: number) => void,
  ) {
    this.decisionOf = new Int32Array(groupCount);
  }

  /** Whether a group waits for (or is covered by a running) decision. */
  awaiting(group: number): boolean {
    return this.decisionOf[group] !== 0;
  }

  /** The group's serving copy, on `backend`, failed and was detected: it joins that backend's queued decision. */
  request(group: number, backend: number): void {
    if (this.awaiting(group)) return;
    let decision = this.queuedFor.get(backend);
    if (decision === undefined) {
      decision = { id: this.nextId++, backend, groups: [] };
      this.queuedFor.set(backend, decision);
      this.queue.push(decision);
    }
    decision.groups.push(group);
    this.decisionOf[group] = decision.id;
    // Operators take decisions up after every detection of this instant, so groups detected together share one.
    if (this.dispatchPending) return;
    this.dispatchPending = true;
    this.sim.callAt(this.sim.nowMs, () => {
      this.dispatchPending = false;
      this.dispatch();
    });
  }

  /** The group no longer needs a failover (its copy came back): it leaves its decision. */
  withdraw(group: number): void {
    const id = this.decisionOf[group]!;
    if (id === 0) return;
    this.decisionOf[group] = 0;
    for (const decision of this.queuedFor.values()) {
      if (decision.id !== id) continue;
      decision.groups.splice(decision.groups.indexOf(group), 1);
      return;
    }
  }

  /** Operator time spent on decisions up to `endMs` (running ones counted so far). */
  busyMs(endMs: number): number {
    let busyMs = this.doneMs;
    for (const startMs of this.startMs.values()) busyMs += endMs - startMs;
    return busyMs;
  }

  private dispatch(): void {
    while (this.busy < this.operators && this.head < this.queue.length) {
      const decision = this.queue[this.head++]!;
      this.queuedFor.delete(decision.backend);
      if (decision.groups.length === 0) continue; // every group withdrew before an operator took it up
      this.busy++;
      const decisionMs = Math.max(0, Math.round(sampleSpec(this.decisionTime, this.rng)));
      const startMs = this.sim.nowMs;
      this.startMs.set(decision.id, startMs);
      this.sim.callAt(startMs + decisionMs, () => this.finish(decision, decisionMs));
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }

  private finish(decision: Decision, decisionMs: number): void {
    this.busy--;
    this.doneMs += decisionMs;
    this.startMs.delete(decision.id);
    for (const group of decision.groups) {
      if (this.decisionOf[group] !== decision.id) continue;
      this.decisionOf[group] = 0;
      this.decided(group);
    }
    this.dispatch();
  }
}
