/**
 * SharedDependencies: the blast radius of a hung store through the parts every mailbox shares —
 * IMAP and webmail front ends, delivery agents, the MX (scenario key `sharedDependencies`,
 * docs/model.md#blast-radius-shareddependencies).
 *
 * A request to a mailbox whose store is Down is taken to hang until its timeout (a blocked
 * store does not refuse, it stops answering). With h the share of the fleet's mailboxes whose
 * own store is Down, a pool serving `requestRate` requests per second holds, by Little's law,
 * `requestRate × ((1 − h)·serviceTime + h·hangTimeout)` requests at once. Past its `capacity`
 * the pool is exhausted: under `pool-exhaustion` every mailbox is Down (the front ends serve
 * nobody), under `service-wide-smtp` every mailbox stops accepting mail (ReadOnly: the MX
 * closes for everyone, mail already stored stays readable); under `isolated` nothing follows.
 * When h falls back below the limit the pool drains and service returns.
 *
 * Contract: the world tells it every change of a group's own access (`ownAccessChanged`); it
 * calls `imposedChanged` with the access every group is held to (Up when none) each time that
 * changes. Exhaustion is judged against the instantaneous h: queueing transients inside the
 * pool (seconds to minutes) are not modelled.
 */
import type { SharedDependencySpec } from "../scenario/sharedDependenciesSchema.js";
import { Access } from "./WorldObserver.js";

const MS_PER_SECOND = 1000;

export class SharedDependencies {
  private readonly pools: (readonly [string, SharedDependencySpec])[];
  /** Mailboxes of each group counted as hung (its own access Down), so a change subtracts exactly. */
  private readonly hungOfGroup: Float64Array;
  private hungMailboxes = 0;
  private imposedAccess: Access = Access.Up;

  constructor(
    specs: Record<string, SharedDependencySpec>,
    groupCount: number,
    private readonly totalMailboxes: number,
    private readonly imposedChanged: (access: Access, cause: string | null) => void,
  ) {
    this.pools = Object.entries(specs).filter(([, spec]) => spec.hang !== "isolated");
    this.hungOfGroup = new Float64Array(groupCount);
  }

  /** The access every group is held to at most: Up, ReadOnly (MX closed) or Down (front ends exhausted). */
  get imposed(): Access {
    return this.imposedAccess;
  }

  ownAccessChanged(group: number, to: Access, mailboxes: number): void {
    if (this.pools.length === 0) return;
    const hung = to === Access.Down ? mailboxes : 0;
    this.hungMailboxes += hung - this.hungOfGroup[group]!;
    this.hungOfGroup[group] = hung;
    const hungShare = this.totalMailboxes > 0 ? this.hungMailboxes / this.totalMailboxes : 0;
    let imposed: Access = Access.Up;
    let cause: string | null = null;
    for (const [name, spec] of this.pools) {
      if (!poolExhausted(spec, hungShare)) continue;
      const effect = spec.hang === "pool-exhaustion" ? Access.Down : Access.ReadOnly;
      if (effect > imposed) {
        imposed = effect;
        cause = name;
      }
    }
    if (imposed === this.imposedAccess) return;
    this.imposedAccess = imposed;
    this.imposedChanged(imposed, cause);
  }
}

/** Requests the pool holds at once (Little's law) exceed its capacity at this hung share. */
export function poolExhausted(spec: SharedDependencySpec, hungShare: number): boolean {
  const heldMs = (1 - hungShare) * spec.serviceTime + hungShare * spec.hangTimeout;
  return (spec.requestRate * heldMs) / MS_PER_SECOND > spec.capacity;
}
