/**
 * ServedAccess: what each protection group is served, and the one place that changes.
 *
 * Idea. A group's access passes three stages. Its own storage gives one (the protection
 * groups' verdict); a dial-tone may serve a group whose storage is blocked anyway
 * (`BlockedDialTone`); the shared front ends and the MX may impose worse on every group at
 * once (`SharedDependencies`). The group gets the worse of what its store serves and what is
 * imposed. When that changes, `setAccess` closes one window and opens the next: leaving Up
 * adds the Up stretch's exposure (∫ rate dt, to `StoredMail` and `GroupStock`) and opens an
 * outage (the MX spool starts holding); returning Up hands the closed outage to the
 * reopening batch, which settles its deferred mail (docs/model.md#mail-flow).
 *
 * Contract:
 * - `ownAccessChanged` is told every change of a group's access as its storage gives it;
 *   the bugs' writing counts, the rollout's listener, the observer and the trace hear of a
 *   change of what is served, once, in that order, and never of a non-change.
 * - `bringExposureUpToDate` adds an Up group's exposure up to now, so a settlement sees
 *   everything it has stored; `addExposure` adds it up to a given time (the run's end).
 * - It builds the dial-tone and the shared parts when the spec asks for them, and calls
 *   nothing but the parts it is given. It does not draw arrivals or settle outages: the
 *   reopening batch and `DeferredMail` do.
 */
import type { Simulation } from "../engine/Simulation.js";
import type { BugHooks } from "./faults/attachBugs.js";
import type { GroupAccess } from "./GroupAccess.js";
import type { GroupStock } from "./GroupStock.js";
import type { StoredMail } from "./integrity/StoredMail.js";
import type { GroupListener } from "./MigrationPort.js";
import type { DeferredMail } from "./mail/DeferredMail.js";
import type { MxSpool } from "./mail/MxSpool.js";
import type { ReopeningBatch } from "./mail/ReopeningBatch.js";
import type { Placement } from "./Placement.js";
import { BlockedDialTone } from "./recovery/BlockedDialTone.js";
import { SharedDependencies } from "./SharedDependencies.js";
import { ACCESS_NAMES, Access, type WorldObserver } from "./WorldObserver.js";
import type { WorldSpec } from "./WorldSpec.js";

/** The world's parts a change of access reaches. */
export interface ServedAccessParts {
  readonly sim: Simulation;
  readonly placement: Placement;
  readonly groups: GroupAccess;
  readonly mail: DeferredMail;
  readonly stored: StoredMail;
  readonly stock: GroupStock;
  readonly spool: MxSpool;
  readonly reopenings: ReopeningBatch;
  readonly bugs: BugHooks;
  readonly observer: WorldObserver;
  readonly trace: ((record: Record<string, number | string | null>) => void) | undefined;
  readonly mailboxCount: number;
  /** The rollout's listener, read at each change (it is attached after the world is built). */
  listener(): GroupListener | undefined;
  event(kind: string, detail: Record<string, number | string>): void;
}

export class ServedAccess {
  /** The blast radius through shared front ends and the MX; undefined without `sharedDependencies`. */
  private readonly shared: SharedDependencies | undefined;
  /** Dial-tone for blocked storage (`service.dialTone`); undefined without it. */
  private readonly dialTone: BlockedDialTone | undefined;
  /** Each group's access as its store serves it, before what the shared parts impose. */
  private readonly ownAccess: Uint8Array;

  constructor(
    spec: WorldSpec,
    private readonly parts: ServedAccessParts,
  ) {
    this.ownAccess = new Uint8Array(spec.groupCount);
    this.shared =
      spec.sharedDependencies === undefined
        ? undefined
        : new SharedDependencies(
            spec.sharedDependencies,
            spec.groupCount,
            parts.mailboxCount,
            (access, cause) => this.imposedChanged(access, cause),
          );
    this.dialTone =
      spec.dialToneAfterMs === undefined
        ? undefined
        : new BlockedDialTone(spec.groupCount, spec.dialToneAfterMs, parts.sim, {
            serve: (group, access) => this.servedAccessChanged(group, access),
            historyPending: (group, pending) => this.historyPending(group, pending),
          });
  }

  /** The storage changed a group's access: a dial-tone may serve it anyway (`BlockedDialTone`). */
  ownAccessChanged(group: number, access: Access): void {
    this.servedAccessChanged(group, this.dialTone?.served(group, access) ?? access);
  }

  /** A blocked group got a dial-tone, or its history came back behind one. */
  private historyPending(group: number, pending: boolean): void {
    const mailboxes = this.parts.placement.groupMailboxes[group]!;
    this.parts.event(pending ? "dial-tone" : "dial-tone-history-back", { group, mailboxes });
    this.parts.observer.historyPending(this.parts.sim.nowMs, group, mailboxes, pending);
  }

  /** What the group's own store serves changed: the group gets it, unless the shared parts impose worse. */
  private servedAccessChanged(group: number, access: Access): void {
    if (this.shared === undefined) {
      this.setAccess(group, access);
      return;
    }
    this.ownAccess[group] = access;
    this.setAccess(group, Math.max(access, this.shared.imposed) as Access);
    this.shared.ownAccessChanged(group, access, this.parts.placement.groupMailboxes[group]!);
  }

  /** A shared pool was exhausted or drained: every group gets the worse of its own access and the imposed one. */
  private imposedChanged(imposed: Access, cause: string | null): void {
    this.parts.event(imposed === Access.Up ? "shared-dependency-drained" : "shared-dependency-exhausted", {
      dependency: cause ?? "",
      imposed,
    });
    // Read `imposed` afresh for each group: a listener may change it again during the sweep.
    const groupCount = this.ownAccess.length;
    for (let g = 0; g < groupCount; g++)
      this.setAccess(g, Math.max(this.ownAccess[g]!, this.shared!.imposed) as Access);
  }

  /** The single place where a group's access changes: closes one window, opens the next. */
  private setAccess(group: number, access: Access): void {
    const { groups, bugs, spool, placement: p } = this.parts;
    const from = groups.of(group);
    if (from === access) return;
    const nowMs = this.parts.sim.nowMs;
    if (from === Access.Up) {
      bugs.groupWriting(group, -1);
      this.addExposure(group, nowMs);
      groups.leaveUp(group, nowMs);
      spool.outageStarted(group, p.groupRatePerMs[group]!);
    } else if (access === Access.Up) {
      bugs.groupWriting(group, 1);
      const spoolEndMs = spool.outageEnded(group);
      const outage = groups.returnUp(group, nowMs);
      this.parts.reopenings.add(group, {
        startMs: outage.startMs,
        spoolEndMs,
        restoredAtMs: nowMs,
        windowStartMs: outage.windowStartMs,
      });
    }
    groups.set(group, access);
    this.parts.listener()?.accessChanged(group, from, access);
    this.parts.observer.accessChanged(
      nowMs,
      group,
      from,
      access,
      p.groupMailboxes[group]!,
      p.groupLoginsPerDay[group]!,
    );
    this.parts.trace?.({
      tMs: nowMs,
      event: "access",
      group,
      from: ACCESS_NAMES[from],
      to: ACCESS_NAMES[access],
    });
  }

  /** Adds the group's exposure from its last settlement until `untilMs`. */
  addExposure(group: number, untilMs: number): void {
    const sinceMs = this.parts.groups.since(group);
    const mass = this.parts.mail.diurnalIntegralMs(sinceMs, untilMs);
    const ratePerMs = this.parts.placement.groupRatePerMs[group]!;
    this.parts.stored.addExposure(group, ratePerMs * mass);
    this.parts.stock.stored(group, ratePerMs * mass, sinceMs, untilMs);
  }

  /** Adds an Up group's exposure so far, so a settlement sees everything it has stored. */
  bringExposureUpToDate(group: number): void {
    const { groups, sim } = this.parts;
    if (!groups.isUp(group)) return;
    this.addExposure(group, sim.nowMs);
    groups.settledUntil(group, sim.nowMs);
  }
}
