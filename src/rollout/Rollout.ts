/**
 * Rollout: drives a migration through a compiled plan (docs/model.md#migrations-and-rollout-strategies)
 * through the world's narrow `MigrationPort` (groups, shards, copies, cut-overs; nothing of
 * the world's internals).
 *
 * Each migration unit (a protection group) has a source copy (shard 0, present from the
 * start) and a target copy (shard 1, absent). Moving a unit: copy it through the bandwidth
 * pipeline; when the copy lands the target copy joins the group (the target's counters grow
 * by what landed — so a threshold bug can trip part-way), then the unit cuts over (service
 * moves to the target, after an optional write pause) and its source copy is kept for
 * `retain` (written in step: a failure of the target fails over to it) or dropped at once.
 *
 * Incidents: a unit served with a target copy that loses service or data is an incident on
 * the target cohort. Operators notice it `detection` later: copying halts until the cohort is
 * whole again, and the next `analysis` gate aborts the rollout. An abort rolls every moved
 * unit back — a cut-over back where the source copy was kept, otherwise a copy back through
 * the same bandwidth, which has to wait until the target can be read.
 *
 * A prefill step, a hold after a failed gate (`onIncident: hold-and-continue-after-fix`) and
 * operator commands (`pause: {}` ends on a `promote`) have their mechanics in `Prefill.ts`,
 * `IncidentHold.ts` and `operatorCommands.ts`; while one of them (or an indefinite pause) holds
 * the plan, finished moves do not advance it. When each incident happened and is noticed is
 * kept by `IncidentLog.ts`; the extra storage held while two copies exist, by `ExtraStorage.ts`.
 *
 * Gates: a `no-incidents` step fails on a noticed incident; an analysis template (a step's,
 * or the background one) is run by `analysis/GateRunner.ts`: failed is treated as a failed
 * gate (abort, or the hold above), inconclusive holds the rollout where it is. Every decision
 * is logged for the judge of the judges.
 *
 * Contract: all decisions are functions of simulated state (the only randomness is an
 * analysis reading's noise, from its own stream), so strategies compared on one seed differ
 * only through what they do. With `ignoreGate` that gate decides but the rollout goes on.
 */
import type { Simulation } from "../engine/Simulation.js";
import type { MigrationPort } from "../model/MigrationPort.js";
import { SOURCE_SHARD, TARGET_SHARD } from "../model/protection/resolveProtection.js";
import { Access } from "../model/WorldObserver.js";
import type { MigrationSpec } from "../scenario/rolloutSchema.js";
import { type GateDecision, type GateDecisionKind, GateRunner } from "./analysis/GateRunner.js";
import { type CopyJob, CopyPipeline } from "./CopyPipeline.js";
import type { Plan } from "./compilePlan.js";
import { ExtraStorage } from "./ExtraStorage.js";
import { IncidentHold } from "./IncidentHold.js";
import { IncidentLog } from "./IncidentLog.js";
import { scheduleOperatorCommands } from "./operatorCommands.js";
import { Prefill } from "./Prefill.js";
import { emptyRolloutMeasurements, type RolloutMeasurements } from "./RolloutMeasurements.js";

/** How often a waiting copy or a waiting decommission looks again. */
const RETRY_MS = 15 * 60_000;

export class Rollout {
  private readonly sim: Simulation;
  private readonly pipeline: CopyPipeline;
  /** Units (prefix of the plan's order) that are queued or done towards the target. */
  private queuedUnits = 0;
  /** Units whose service is on the target (cut over and not rolled back). */
  private readonly onTarget: Uint8Array;
  private unitsOnTarget = 0;
  /** Units whose copy landed but whose cut-over waits for the target to take writes. */
  private readonly awaitingTarget: Uint8Array;
  private unitsAwaitingTarget = 0;
  private mailboxesOnTarget = 0;
  private readonly totalMailboxes: number;
  private stepIndex = 0;
  private wantedUnits = 0;
  private stepTimer = -1;
  /** Units with a target copy that are not Up. */
  private cohortNotUp = 0;
  /** Incidents on the target cohort: when each happened and is (or will be) noticed. */
  private readonly incidents = new IncidentLog();
  /** Units the plan currently wants on the target (a copy landing for an unwanted unit is discarded). */
  private readonly wanted: Uint8Array;
  private readonly result: RolloutMeasurements;
  private readonly extra = new ExtraStorage();
  private readonly prefill: Prefill;
  private readonly hold: IncidentHold | undefined;
  /** The current step waits for something other than moves (a prefill, a hold, a pause): moves do not advance it. */
  private held = false;
  /** The current step is a pause (a `promote` ends it). */
  private pausing = false;
  /** Analysis templates and the log of gate decisions (src/rollout/analysis/). */
  private readonly gates: GateRunner;
  /** An inconclusive analysis halted the rollout where it is (no further step). */
  private heldByAnalysis = false;

  constructor(
    private readonly world: MigrationPort,
    private readonly migration: MigrationSpec,
    private readonly plan: Plan,
    strategy: { name: string; kind: string },
    options: { ignoreGate?: string } = {},
  ) {
    this.sim = world.sim;
    this.onTarget = new Uint8Array(world.groupCount);
    this.wanted = new Uint8Array(world.groupCount);
    this.awaitingTarget = new Uint8Array(world.groupCount);
    this.totalMailboxes = world.mailboxCount;
    this.pipeline = new CopyPipeline(this.sim, migration.bandwidth, RETRY_MS, {
      bytes: (job) => world.copyBytes(job.group),
      mayStart: (job) => this.endsUsable(job) && (job.back || !this.halted()),
      intact: (job) => this.endsUsable(job),
      landed: (job) => this.landed(job),
    });
    this.result = emptyRolloutMeasurements(strategy);
    world.watchGroups({
      accessChanged: (group, from, to) => this.accessChanged(group, from, to),
      dataLost: (group) => {
        if (this.hasTargetCopy(group)) this.incident();
      },
    });
    this.prefill = new Prefill(world, RETRY_MS);
    this.hold = plan.holdOnIncident
      ? new IncidentHold(
          this.sim,
          RETRY_MS,
          migration.decision,
          () => this.cohortNotUp === 0 && this.prefill.targetHealthy(),
          () => {
            this.incidents.judged();
            this.world.rolloutEvent("rollout-resumed", { unitsOnTarget: this.unitsOnTarget });
            this.runStep();
          },
        )
      : undefined;
    scheduleOperatorCommands(this.sim, plan.commands ?? [], migration.decision, (action) =>
      action === "abort" ? this.operatorAbort() : this.promote(),
    );
    this.gates = new GateRunner(
      world,
      {
        port: world,
        targetShard: TARGET_SHARD,
        migrationStartMs: migration.start,
        noticedIncidents: () => this.incidents.noticedBy(this.sim.nowMs),
      },
      options.ignoreGate,
    );
    this.sim.callAt(migration.start, () => this.runStep());
  }

  /** When each incident on the target cohort happened, in order (the judge's ground truth). */
  get incidentTimesMs(): readonly number[] {
    return this.incidents.happenedTimesMs;
  }

  /** Every gate decision of the run, in order (docs/experiments.md#judging-the-gates). */
  get gateDecisions(): readonly GateDecision[] {
    return this.gates.decisions;
  }

  // ---------------------------------------------------------------- the plan

  private runStep(): void {
    this.stepTimer = -1;
    this.held = false;
    this.pausing = false;
    if (this.result.aborted || this.heldByAnalysis) return;
    const background = this.plan.background;
    if (background !== undefined && background.startingStep === this.stepIndex)
      this.gates.startBackground(background, (action) => this.act(action));
    const step = this.plan.steps[this.stepIndex];
    if (step === undefined) {
      this.gates.stopAll(true);
      this.result.completedMs = this.sim.nowMs;
      this.result.durationMs = this.sim.nowMs - this.migration.start;
      this.world.rolloutEvent("rollout-complete", { units: this.unitsOnTarget });
      return;
    }
    this.stepIndex++;
    switch (step.kind) {
      case "move":
        this.moveTo(step.units);
        return;
      case "pause":
        this.pausing = true;
        if (Number.isFinite(step.ms))
          this.stepTimer = this.sim.callAt(this.sim.nowMs + step.ms, () => this.runStep());
        else this.held = true; // until an operator's promote
        return;
      case "analysis":
        if (step.template === undefined) this.gate(step.gate);
        else this.gates.inline(step.gate, step.template, (action) => this.act(action));
        return;
      case "prefill":
        this.held = true;
        this.prefill.start(step, (failed) => {
          if (failed) this.incident(0); // the test's own check saw it: noticed at once
          this.runStep();
        });
        return;
    }
  }

  /** An operator's `promote`: ends the current pause; ignored outside one. */
  private promote(): void {
    if (!this.pausing || this.result.aborted) return;
    if (this.stepTimer >= 0) this.sim.cancel(this.stepTimer);
    this.runStep();
  }

  /** An operator's `abort`: rolls back whatever has moved, unless the rollout already ended. */
  private operatorAbort(): void {
    if (this.result.aborted || this.result.completedMs !== null) return;
    if (this.stepTimer >= 0) this.sim.cancel(this.stepTimer);
    this.stepTimer = -1;
    this.abort();
  }

  /** Moves (or rolls back) units until the first `units` of the order are on the target. */
  private moveTo(units: number): void {
    this.wantedUnits = units;
    for (let i = units; i < this.queuedUnits; i++) this.rollBack(this.plan.order[i]!);
    for (let i = this.queuedUnits; i < units; i++) {
      const group = this.plan.order[i]!;
      this.wanted[group] = 1;
      this.pipeline.push({ group, back: false });
    }
    this.queuedUnits = units;
    this.checkMoveDone();
  }

  private checkMoveDone(): void {
    if (this.stepTimer >= 0 || this.held || this.result.aborted) return;
    // A unit waiting for its degraded target counts as moved for the step, so a gate after it runs on time.
    if (this.unitsOnTarget + this.unitsAwaitingTarget !== this.wantedUnits || !this.pipeline.idle) return;
    this.stepTimer = this.sim.callAt(this.sim.nowMs, () => this.runStep());
  }

  /** A `no-incidents` step: it fails if an incident has been noticed since the last gate. */
  private gate(name: string): void {
    this.act(
      this.gates.decide(name, this.incidents.unjudgedNoticedBy(this.sim.nowMs) ? "aborted" : "promoted"),
    );
  }

  /** What a gate's decision does: go on, fail (roll back, or hold under that policy), or halt where it is. */
  private act(action: GateDecisionKind): void {
    if (this.result.aborted || this.heldByAnalysis) return;
    if (action === "promoted") this.runStep();
    else if (action === "inconclusive") this.heldByAnalysis = true;
    else if (this.hold === undefined) this.abort();
    else {
      this.held = true;
      this.world.rolloutEvent("rollout-held", { unitsOnTarget: this.unitsOnTarget });
      this.hold.start();
    }
  }

  private abort(): void {
    this.gates.stopAll(false);
    this.prefill.stop();
    this.hold?.cancel();
    this.result.aborted = true;
    this.result.abortedAtMs = this.sim.nowMs;
    this.world.rolloutEvent("rollout-aborted", { unitsOnTarget: this.unitsOnTarget });
    this.pipeline.dropForwardJobs();
    for (let i = this.queuedUnits - 1; i >= 0; i--) this.rollBack(this.plan.order[i]!);
    this.queuedUnits = 0;
    this.checkRolledBack();
  }

  private checkRolledBack(): void {
    if (!this.result.aborted || this.result.rolledBackAtMs !== null) return;
    for (let g = 0; g < this.world.groupCount; g++) if (this.hasTargetCopy(g)) return;
    this.result.rolledBackAtMs = this.sim.nowMs;
  }

  // ---------------------------------------------------------------- moving one unit

  private shard(group: number, which: number): number {
    return group * this.world.shardCount + which;
  }

  private hasTargetCopy(group: number): boolean {
    return this.world.isPresent(this.shard(group, TARGET_SHARD));
  }

  /** A copy needs a readable source end and a destination that can take it. */
  private endsUsable(job: CopyJob): boolean {
    const from = this.shard(job.group, job.back ? TARGET_SHARD : SOURCE_SHARD);
    const to = this.shard(job.group, job.back ? SOURCE_SHARD : TARGET_SHARD);
    return this.world.isReadable(from) && this.world.canReceive(to);
  }

  private halted(): boolean {
    return this.incidents.anyNoticedBy(this.sim.nowMs) && this.cohortNotUp > 0;
  }

  private landed(job: CopyJob): void {
    if (!job.back && (this.wanted[job.group] === 0 || this.result.aborted)) return; // no longer wanted there
    const to = this.shard(job.group, job.back ? SOURCE_SHARD : TARGET_SHARD);
    const from = this.shard(job.group, job.back ? TARGET_SHARD : SOURCE_SHARD);
    this.addCopy(to);
    // After what the landing set off at this instant (a threshold it crosses trips then), so the switch sees it.
    this.sim.callAt(this.sim.nowMs, () => this.switchThenDrop(to, from, job.back ? 0 : this.plan.retainMs));
  }

  /**
   * Cuts service over to `to`, then drops `from` after `keepMs` (never if Infinity). Service
   * never moves onto a copy that cannot take writes (blocked, read-only, full, slow past the
   * timeout): the switch waits until `to` is writable, and is tried again if `to` degraded
   * during the write pause; meanwhile both copies stay.
   */
  private switchThenDrop(to: number, from: number, keepMs: number): void {
    const group = Math.floor(to / this.world.shardCount);
    const toTarget = to === this.shard(group, TARGET_SHARD);
    if (!this.world.isPresent(to) || !this.switchWanted(group, toTarget)) {
      if (toTarget) this.setAwaitingTarget(group, false);
      return;
    }
    if (!this.world.isWritable(to)) {
      if (toTarget) this.setAwaitingTarget(group, true);
      this.sim.callAt(this.sim.nowMs + RETRY_MS, () => this.switchThenDrop(to, from, keepMs));
      return;
    }
    if (toTarget) this.setAwaitingTarget(group, false);
    const pauseMs = this.migration.cutover;
    this.world.cutOver(to, pauseMs);
    this.sim.callAt(this.sim.nowMs + pauseMs, () => {
      if (this.world.primaryShard(group) !== to) {
        this.switchThenDrop(to, from, keepMs);
        return;
      }
      this.cutOverDone(group, toTarget);
      if (Number.isFinite(keepMs)) this.sim.callAt(this.sim.nowMs + keepMs, () => this.retire(from, to));
    });
  }

  private setAwaitingTarget(group: number, awaiting: boolean): void {
    if ((this.awaitingTarget[group] === 1) === awaiting) return;
    this.awaitingTarget[group] = awaiting ? 1 : 0;
    this.unitsAwaitingTarget += awaiting ? 1 : -1;
    if (awaiting) this.checkMoveDone();
  }

  /** Whether a waiting switch still fits the plan: onto the target while the unit is wanted there, back while not. */
  private switchWanted(group: number, toTarget: boolean): boolean {
    const wantedThere = this.wanted[group] === 1 && !this.result.aborted;
    return toTarget === wantedThere;
  }

  private cutOverDone(group: number, toTarget: boolean): void {
    if (toTarget === (this.onTarget[group] === 1)) return;
    const mailboxes = this.world.groupMailboxes(group);
    this.onTarget[group] = toTarget ? 1 : 0;
    this.unitsOnTarget += toTarget ? 1 : -1;
    this.mailboxesOnTarget += toTarget ? mailboxes : -mailboxes;
    this.world.rolloutEvent(toTarget ? "migration-cutover" : "rollback-cutover", { group });
    this.checkMoveDone();
    this.checkRolledBack();
  }

  /**
   * Drops the copy `from` once `keep` serves: never the last good copy, and never while `keep`
   * cannot take writes (a read-only target "is readable" but is no home for the unit). If
   * service is still (or again) on `from` — it failed over there — service moves back first.
   */
  private retire(from: number, keep: number): void {
    const w = this.world;
    if (!w.isPresent(from) || !w.isPresent(keep)) return;
    if (!w.isWritable(keep)) {
      this.sim.callAt(this.sim.nowMs + RETRY_MS, () => this.retire(from, keep));
      return;
    }
    if (w.primaryShard(Math.floor(keep / w.shardCount)) !== keep) {
      this.switchThenDrop(keep, from, 0);
      return;
    }
    this.dropCopy(from);
  }

  /** Takes a unit back to the source: a cut-over where its source copy was kept, else a copy back. */
  private rollBack(group: number): void {
    this.wanted[group] = 0;
    const source = this.shard(group, SOURCE_SHARD);
    const target = this.shard(group, TARGET_SHARD);
    if (!this.world.isPresent(target)) return; // still queued: the abort dropped its copy
    if (this.world.isPresent(source)) this.switchThenDrop(source, target, 0);
    else this.pipeline.push({ group, back: true });
  }

  // ---------------------------------------------------------------- copies and their cost

  private addCopy(shard: number): void {
    const group = Math.floor(shard / this.world.shardCount);
    // Accrued at every copy change, extra or not, so the integral's stretches never move.
    this.extra.change(this.copies(group) >= 1 ? this.world.groupBytes(group) : 0, this.sim.nowMs);
    if (shard % this.world.shardCount === TARGET_SHARD && this.world.groupAccess(group) !== Access.Up)
      this.cohortNotUp++;
    this.world.addCopy(shard);
  }

  private dropCopy(shard: number): void {
    const group = Math.floor(shard / this.world.shardCount);
    this.extra.change(this.copies(group) >= 2 ? -this.world.groupBytes(group) : 0, this.sim.nowMs);
    if (shard % this.world.shardCount === TARGET_SHARD && this.world.groupAccess(group) !== Access.Up)
      this.cohortNotUp--;
    this.world.dropCopy(shard);
    this.checkRolledBack();
  }

  private copies(group: number): number {
    return (
      (this.world.isPresent(this.shard(group, SOURCE_SHARD)) ? 1 : 0) +
      (this.world.isPresent(this.shard(group, TARGET_SHARD)) ? 1 : 0)
    );
  }

  // ---------------------------------------------------------------- incidents

  private accessChanged(group: number, from: Access, to: Access): void {
    if (!this.hasTargetCopy(group)) return;
    if (from === Access.Up && to !== Access.Up) {
      this.cohortNotUp++;
      if (to === Access.Down || !this.world.isWritePaused(group)) this.incident();
    } else if (from !== Access.Up && to === Access.Up) {
      this.cohortNotUp--;
      this.pipeline.tryStart();
    }
  }

  /** `noticeAfterMs`: how long until operators notice it (the migration's `detection` unless seen at once). */
  private incident(noticeAfterMs = this.migration.detection): void {
    const nowMs = this.sim.nowMs;
    if (this.result.firstIncidentMs === null) {
      this.result.firstIncidentMs = nowMs;
      this.result.shareMigratedAtFirstIncident = this.mailboxesOnTarget / this.totalMailboxes;
      this.world.rolloutEvent("rollout-incident", { unitsOnTarget: this.unitsOnTarget });
    }
    const noticedMs = nowMs + noticeAfterMs;
    this.incidents.record(nowMs, noticedMs);
  }

  /** The rollout's figures at the end of the run (`endMs`: the horizon or an early stop). */
  finish(endMs: number): RolloutMeasurements {
    return {
      ...this.result,
      mailboxesOnTargetAtHorizon: this.mailboxesOnTarget,
      copiedBytes: this.pipeline.bytesForward,
      rollbackBytes: this.pipeline.bytesBack,
      extraStorageTBDays: this.extra.tbDays(endMs),
      // Only plans that use them report these, so every other run's figures read as before.
      ...(this.plan.steps.some((s) => s.kind === "prefill")
        ? { prefillBytes: this.prefill.bytesWritten, prefillMs: this.prefill.elapsedMs }
        : {}),
      ...(this.hold === undefined ? {} : { heldMs: this.hold.heldMs(endMs) }),
    };
  }
}
