/**
 * GroupAccess: per protection group, its access now and the times the mail flow needs —
 * when its current Up stretch or outage window began (`sinceMs`), when its current or last
 * Up stretch began, and when its current outage began.
 *
 * Only the world's `setAccess` moves a group between states (through `leaveUp`, `returnUp`
 * and `set`), so these four columns always agree. This class keeps state; it decides
 * nothing and tells no one — the world does the telling.
 */
import { Access } from "./WorldObserver.js";

/** The outage a group is returning from. */
export interface ClosedOutage {
  readonly startMs: number;
  /** Where the outage's arrival window starts (its start, or a later settlement). */
  readonly windowStartMs: number;
}

export class GroupAccess {
  private readonly access: Uint8Array;
  private readonly sinceMs: Float64Array;
  private readonly upStartMs: Float64Array;
  private readonly outageStartMs: Float64Array;

  constructor(groupCount: number) {
    this.access = new Uint8Array(groupCount);
    this.sinceMs = new Float64Array(groupCount);
    this.upStartMs = new Float64Array(groupCount);
    this.outageStartMs = new Float64Array(groupCount);
  }

  of(group: number): Access {
    return this.access[group] as Access;
  }

  isUp(group: number): boolean {
    return this.access[group] === Access.Up;
  }

  /** When the current Up stretch (its unsettled exposure) or outage window began. */
  since(group: number): number {
    return this.sinceMs[group]!;
  }

  /** The exposure of an Up group up to `nowMs` has been settled. */
  settledUntil(group: number, nowMs: number): void {
    this.sinceMs[group] = nowMs;
  }

  /** When the group's current Up stretch began (its last one, while it is out). */
  upStart(group: number): number {
    return this.upStartMs[group]!;
  }

  /** When the group's current outage began (meaningful while it is not Up). */
  outageStart(group: number): number {
    return this.outageStartMs[group]!;
  }

  /** The group leaves Up at `nowMs`: an outage starts. */
  leaveUp(group: number, nowMs: number): void {
    this.outageStartMs[group] = nowMs;
    this.sinceMs[group] = nowMs;
  }

  /** The group returns to Up at `nowMs`; returns the outage it leaves. */
  returnUp(group: number, nowMs: number): ClosedOutage {
    const outage = { startMs: this.outageStartMs[group]!, windowStartMs: this.sinceMs[group]! };
    this.sinceMs[group] = nowMs;
    this.upStartMs[group] = nowMs;
    return outage;
  }

  set(group: number, access: Access): void {
    this.access[group] = access;
  }
}
