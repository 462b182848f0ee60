/**
 * AccessStateMachine: each group's access moves only by legal transitions — from the access
 * it really has (every group starts Up), to a different valid state (Up, ReadOnly, Down), at
 * a time that never goes backwards. A transition the model forgets to report, or reports
 * twice, shows as a `from` that disagrees with the group's state.
 */
import { Access } from "../../src/model/WorldObserver.js";
import { Checker } from "./Checker.js";

const NAMES = ["Up", "ReadOnly", "Down"];

export class AccessStateMachine extends Checker {
  readonly name = "access-state-machine";
  private readonly access = new Map<number, Access>();
  private lastMs = 0;

  override accessChanged(timeMs: number, group: number, from: Access, to: Access): void {
    if (timeMs < this.lastMs) this.fail(`group ${group} changed at ${timeMs} ms, after ${this.lastMs} ms`);
    this.lastMs = timeMs;
    const now = this.access.get(group) ?? Access.Up;
    if (from !== now)
      this.fail(`group ${group} is ${NAMES[now]} but a change from ${NAMES[from]} was reported`);
    if (NAMES[to] === undefined) this.fail(`group ${group} went to an unknown access ${to}`);
    if (to === from) this.fail(`group ${group} went from ${NAMES[from]} to itself`);
    this.access.set(group, to);
  }

  override groupResized(timeMs: number, group: number): void {
    if (timeMs < this.lastMs) this.fail(`group ${group} resized at ${timeMs} ms, after ${this.lastMs} ms`);
    this.lastMs = timeMs;
  }
}
