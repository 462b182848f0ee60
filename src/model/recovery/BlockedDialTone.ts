/**
 * BlockedDialTone: dial-tone for blocked storage (`service.dialTone.after`).
 *
 * Exchange's dial-tone recovery mounts an empty database so users can send and receive at
 * once, and brings the old data back behind it (docs/model.md#dial-tone-recovery). Backups
 * offer it after a data loss (`backup.dialTone`); this is the same policy for storage that is
 * blocked — down with its data intact, for instance behind an OS bug until the vendor's fix.
 * A group whose storage has been Down for `after` without a break is served on an empty
 * writable store (Up: service restored); its history stays where it is, pending, until the
 * storage serves writes again, when it is merged back and the group simply stays Up.
 *
 * Contract: it sits between the storage's access of a group and what the group is served:
 * `served` is told every change of the former and returns the latter; when a dial-tone
 * begins it calls `serve(group, Up)`. `historyPending(group, true)` is called when a
 * dial-tone begins and `(group, false)` when its history is back, once each. It does not
 * move mail: the world's usual outage settlement does (docs/model.md#dial-tone-for-blocked-storage).
 */
import type { Simulation } from "../../engine/Simulation.js";
import { Access } from "../WorldObserver.js";

export interface DialToneHooks {
  /** A dial-tone began: the group is served this access from now on. */
  serve(group: number, access: Access): void;
  /** The group's history became pending behind a dial-tone (true), or is back (false). */
  historyPending(group: number, pending: boolean): void;
}

export class BlockedDialTone {
  /** The pending dial-tone start of each group blocked now; −1 when none. */
  private readonly timer: Float64Array;
  /** Groups served on an empty store while their history waits. */
  private readonly active: Uint8Array;

  constructor(
    groupCount: number,
    private readonly afterMs: number,
    private readonly sim: Simulation,
    private readonly hooks: DialToneHooks,
  ) {
    this.timer = new Float64Array(groupCount).fill(-1);
    this.active = new Uint8Array(groupCount);
  }

  /** The storage gives the group `storage` now: returns the access the group is served. */
  served(group: number, storage: Access): Access {
    if (storage === Access.Down) {
      if (this.active[group] === 1) return Access.Up;
      if (this.timer[group]! < 0)
        this.timer[group] = this.sim.callAt(this.sim.nowMs + this.afterMs, () => this.begin(group));
      return Access.Down;
    }
    if (this.timer[group]! >= 0) {
      this.sim.cancel(this.timer[group]!);
      this.timer[group] = -1;
    }
    if (this.active[group] === 0) return storage;
    // Read-only storage cannot take the merge: the dial-tone store keeps serving until it can.
    if (storage === Access.ReadOnly) return Access.Up;
    this.active[group] = 0;
    this.hooks.historyPending(group, false);
    return storage;
  }

  private begin(group: number): void {
    this.timer[group] = -1;
    this.active[group] = 1;
    this.hooks.historyPending(group, true);
    this.hooks.serve(group, Access.Up);
  }
}
