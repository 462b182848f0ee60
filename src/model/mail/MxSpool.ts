/**
 * MxSpool: the receiving MX's spool, shared by the whole fleet.
 *
 * When a mailbox's store goes away, the MX keeps accepting its mail for `acceptForMs` and
 * holds it (Libero did so for ~16 h). The spool has a capacity: in a mass outage every
 * mailbox is spooling at once, and the spool can fill long before `acceptFor` runs out. Then
 * the MX refuses (4xx) and senders must retry.
 *
 * Model (a fluid, documented in docs/model.md): the spool's *expected* content grows at the
 * summed rate of the groups that are spooling (with the diurnal profile) and shrinks when a
 * group reopens (its mail is delivered) or when its held mail has all expired. When the
 * expected content reaches the capacity, every group spooling at that moment stops
 * spooling for the rest of its outage; outages that start after the spool has drained
 * below capacity spool again. Each group spools over one interval [outage start, spool
 * end), which is what `DeferredMail` needs to settle its mail exactly.
 *
 * Contract: `spoolEndMs(g)` is final once the group's outage has ended or its spooling
 * stopped; the total expected content never goes below zero.
 */
import type { Simulation } from "../../engine/Simulation.js";
import type { DiurnalProfile } from "./DiurnalProfile.js";

export class MxSpool {
  private readonly spooling: Uint8Array;
  private readonly spoolStartMs: Float64Array;
  private readonly spoolEnd: Float64Array;
  private readonly spoolRatePerMs: Float64Array;
  private readonly spoolingGroups = new Set<number>();
  private contentMessages = 0;
  private inflowRatePerMs = 0;
  private updatedAtMs = 0;
  private full = false;
  private fullHandle = -1;
  private readonly windowEndKind: number;
  private readonly fullKind: number;
  private readonly windowHandles: Float64Array;

  constructor(
    private readonly sim: Simulation,
    private readonly diurnal: DiurnalProfile,
    groupCount: number,
    private readonly acceptForMs: number,
    private readonly holdMaxMs: number,
    private readonly capacityMessages: number,
  ) {
    this.spooling = new Uint8Array(groupCount);
    this.spoolStartMs = new Float64Array(groupCount);
    this.spoolEnd = new Float64Array(groupCount);
    this.spoolRatePerMs = new Float64Array(groupCount);
    this.windowHandles = new Float64Array(groupCount).fill(-1);
    this.windowEndKind = sim.register("mx/spool-window-end", (g) => this.stopSpooling(g));
    this.fullKind = sim.register("mx/spool-full", () => this.onFull());
  }

  /** A group stopped accepting mail at the store: the MX spools for it if it can. */
  outageStarted(group: number, baseRatePerMs: number): void {
    const nowMs = this.sim.nowMs;
    this.spoolStartMs[group] = nowMs;
    if (this.acceptForMs <= 0 || this.full || baseRatePerMs <= 0) {
      this.spoolEnd[group] = nowMs;
      return;
    }
    this.advance();
    this.spoolEnd[group] = nowMs + this.acceptForMs;
    this.spooling[group] = 1;
    this.spoolRatePerMs[group] = baseRatePerMs;
    this.spoolingGroups.add(group);
    this.inflowRatePerMs += baseRatePerMs;
    this.windowHandles[group] = this.sim.at(nowMs + this.acceptForMs, this.windowEndKind, group);
    this.predictFull();
  }

  /** The group's store is back: its spooled mail leaves the spool. Returns its spool end. */
  outageEnded(group: number): number {
    if (this.spooling[group]) {
      this.sim.cancel(this.windowHandles[group]!);
      this.stopSpooling(group);
    }
    this.advance();
    const endMs = this.spoolEnd[group]!;
    const heldForMs = this.sim.nowMs - endMs;
    // Mail held longer than holdMax already left (bounced) when it expired; see `expire`.
    if (heldForMs < this.holdMaxMs) this.release(group);
    return endMs;
  }

  spoolEndMs(group: number): number {
    return this.spoolEnd[group]!;
  }

  private stopSpooling(group: number): void {
    this.advance();
    this.spooling[group] = 0;
    this.spoolingGroups.delete(group);
    this.inflowRatePerMs = Math.max(0, this.inflowRatePerMs - this.spoolRatePerMs[group]!);
    this.spoolEnd[group] = Math.min(this.spoolEnd[group]!, this.sim.nowMs);
    // Once the youngest spooled message has passed holdMax, the group's mail has all left.
    this.sim.callAt(this.sim.nowMs + this.holdMaxMs, () => this.expire(group, this.spoolStartMs[group]!));
    this.predictFull();
  }

  private expire(group: number, startedAtMs: number): void {
    // Only if that same outage is still open (the group did not reopen and fail again).
    if (this.spoolStartMs[group] !== startedAtMs || this.released(group)) return;
    this.advance();
    this.release(group);
  }

  private readonly releasedFlags = new Map<number, number>();

  private released(group: number): boolean {
    return this.releasedFlags.get(group) === this.spoolStartMs[group];
  }

  private release(group: number): void {
    if (this.released(group)) return;
    this.releasedFlags.set(group, this.spoolStartMs[group]!);
    const mass = this.diurnal.integralMs(this.spoolStartMs[group]!, this.spoolEnd[group]!);
    this.contentMessages = Math.max(0, this.contentMessages - this.spoolRatePerMs[group]! * mass);
    if (this.full && this.contentMessages < this.capacityMessages) this.full = false;
    this.predictFull();
  }

  private advance(): void {
    const nowMs = this.sim.nowMs;
    this.contentMessages += this.inflowRatePerMs * this.diurnal.integralMs(this.updatedAtMs, nowMs);
    this.updatedAtMs = nowMs;
  }

  /** Schedules the moment the expected content reaches capacity at the current inflow. */
  private predictFull(): void {
    if (this.fullHandle >= 0) this.sim.cancel(this.fullHandle);
    this.fullHandle = -1;
    if (!Number.isFinite(this.capacityMessages) || this.full || this.inflowRatePerMs <= 0) return;
    const room = this.capacityMessages - this.contentMessages;
    const massNeeded = Math.max(0, room / this.inflowRatePerMs);
    const fullAtMs = this.diurnal.timeAtCumulativeMs(this.diurnal.cumulativeMs(this.sim.nowMs) + massNeeded);
    this.fullHandle = this.sim.at(Math.max(this.sim.nowMs, Math.ceil(fullAtMs)), this.fullKind);
  }

  private onFull(): void {
    this.fullHandle = -1;
    this.advance();
    this.full = true;
    const groups = [...this.spoolingGroups].sort((a, b) => a - b);
    for (const group of groups) {
      this.sim.cancel(this.windowHandles[group]!);
      this.stopSpooling(group);
    }
  }
}
