/**
 * RestoreAndFailoverCausality: effects come after their causes. A restore from backup
 * completes for a group whose data was lost and not yet restored, no earlier than that loss,
 * and reports the loss's own time; a failover happens while its group is out of service
 * (the primary's failure comes first); event times never go backwards. A doubled restore, or
 * one reported for a loss that never happened, fails here.
 */
import { Access } from "../../src/model/WorldObserver.js";
import { Checker, type EventDetail } from "./Checker.js";

export class RestoreAndFailoverCausality extends Checker {
  readonly name = "restore-and-failover-causality";
  /** Groups whose data is lost and awaits a restore: when the first loss since the last restore happened. */
  private readonly lostAtMs = new Map<number, number>();
  private readonly access = new Map<number, Access>();
  private lastEventMs = 0;

  override accessChanged(_timeMs: number, group: number, _from: Access, to: Access): void {
    this.access.set(group, to);
  }

  override dataLost(timeMs: number, group: number): void {
    if (!this.lostAtMs.has(group)) this.lostAtMs.set(group, timeMs);
  }

  override dataRestored(timeMs: number, group: number, _mailboxes: number, lostAtMs: number): void {
    const expectedMs = this.lostAtMs.get(group);
    if (expectedMs === undefined)
      this.fail(`group ${group} restored at ${timeMs} ms with no loss awaiting it`);
    if (lostAtMs !== expectedMs)
      this.fail(`group ${group} restored for a loss at ${lostAtMs} ms; it was lost at ${expectedMs} ms`);
    if (timeMs < lostAtMs)
      this.fail(`group ${group} restored at ${timeMs} ms, before its loss at ${lostAtMs} ms`);
    this.lostAtMs.delete(group);
  }

  override storageEvent(kind: string, timeMs: number, detail: EventDetail): void {
    if (timeMs < this.lastEventMs) this.fail(`events went back from ${this.lastEventMs} ms to ${timeMs} ms`);
    this.lastEventMs = timeMs;
    if (kind !== "failover") return;
    const group = Number(detail.group);
    if ((this.access.get(group) ?? Access.Up) === Access.Up)
      this.fail(`group ${group} failed over at ${timeMs} ms while it was Up`);
  }
}
