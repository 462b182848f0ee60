/**
 * UnitOrder: the order in which a `steps` plan moves its migration units, built step by step.
 *
 * Every move step moves a *prefix* of one order, so going back to a smaller step rolls back
 * exactly the units that came last. With weights alone the order is the group index
 * (placement is round-robin, so a prefix is spread evenly over nodes and clusters). A density
 * canary wants a few nodes full rather than every node a little, so its units are appended
 * to the order when its step comes; a later weight takes the prefix of that order first and
 * then the remaining units by index.
 *
 * Contract: `unitsForShare` and `append` return the prefix length the step moves; `finish`
 * appends every unit not yet listed, by index. With weights alone the result (order and
 * every prefix length) is the group index order and the shortest prefix holding the share,
 * as before density steps existed.
 */
export class UnitOrder {
  readonly order: number[] = [];
  private readonly listed: Uint8Array;
  private nextByIndex = 0;
  private readonly totalMailboxes: number;

  constructor(
    private readonly groupCount: number,
    private readonly groupMailboxes: (group: number) => number,
  ) {
    this.listed = new Uint8Array(groupCount);
    let total = 0;
    for (let g = 0; g < groupCount; g++) total += groupMailboxes(g);
    this.totalMailboxes = total;
  }

  /** The shortest prefix holding at least `share` of the mailboxes, listing more units by index if needed. */
  unitsForShare(share: number): number {
    if (share <= 0) return 0;
    const wanted = share * this.totalMailboxes * (1 - 1e-12);
    let held = 0;
    for (let i = 0; ; i++) {
      if (i === this.order.length && !this.listNextByIndex()) return this.order.length;
      held += this.groupMailboxes(this.order[i]!);
      if (held >= wanted) return i + 1;
    }
  }

  /** Lists `groups` (those not listed yet, in the given order) after the current order; the whole order moves. */
  append(groups: readonly number[]): number {
    for (const g of groups) this.list(g);
    return this.order.length;
  }

  /** The full order: what was listed, then every other unit by index. */
  finish(): number[] {
    while (this.listNextByIndex()) {}
    return this.order;
  }

  private listNextByIndex(): boolean {
    while (this.nextByIndex < this.groupCount && this.listed[this.nextByIndex] === 1) this.nextByIndex++;
    if (this.nextByIndex >= this.groupCount) return false;
    this.list(this.nextByIndex);
    return true;
  }

  private list(group: number): void {
    if (this.listed[group] === 1) return;
    this.listed[group] = 1;
    this.order.push(group);
  }
}
