/**
 * NodeStates: what is wrong with each node right now, as counted causes.
 *
 * A node can be down for several overlapping reasons (a crash, an explicit fault, an OS bug
 * that blocks access), read-only for others (ENOSPC, a read-only bug), or slow (fail-slow
 * hardware, a latency-collapse bug). Counting causes, rather than flipping a flag, is what
 * makes overlaps exact: a node comes back only when its last cause is lifted. A node whose
 * slowdown reaches the client timeout is as good as down (requests time out).
 *
 * Contract: `accessOf(node)` is Down if any down cause (or a timeout-level slowdown),
 * ReadOnly if any read-only cause, Up otherwise; `onChange(node)` is called after every
 * change of a node's access, and only then.
 */
import { Access } from "../WorldObserver.js";

export type NodeCause = "down" | "read-only";

export class NodeStates {
  private readonly downCauses: Uint16Array;
  private readonly readOnlyCauses: Uint16Array;
  /** Active slowdown factors per node; the effective factor is the largest. */
  private readonly slowFactors: Map<number, number[]> = new Map();
  private readonly access: Uint8Array;

  constructor(
    readonly nodeCount: number,
    private readonly timeoutSlowFactor: number,
    private readonly onChange: (node: number, access: Access) => void,
  ) {
    this.downCauses = new Uint16Array(nodeCount);
    this.readOnlyCauses = new Uint16Array(nodeCount);
    this.access = new Uint8Array(nodeCount);
  }

  accessOf(node: number): Access {
    return this.access[node] as Access;
  }

  add(node: number, cause: NodeCause): void {
    const counts = cause === "down" ? this.downCauses : this.readOnlyCauses;
    counts[node]! += 1;
    this.refresh(node);
  }

  remove(node: number, cause: NodeCause): void {
    const counts = cause === "down" ? this.downCauses : this.readOnlyCauses;
    if (counts[node] === 0) throw new RangeError(`node ${node} has no ${cause} cause to remove`);
    counts[node]! -= 1;
    this.refresh(node);
  }

  addSlow(node: number, factor: number): void {
    const list = this.slowFactors.get(node) ?? [];
    list.push(factor);
    this.slowFactors.set(node, list);
    this.refresh(node);
  }

  removeSlow(node: number, factor: number): void {
    const list = this.slowFactors.get(node) ?? [];
    const at = list.indexOf(factor);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.slowFactors.delete(node);
    this.refresh(node);
  }

  /** The node's effective slowdown (1 = normal speed). */
  slowFactor(node: number): number {
    const list = this.slowFactors.get(node);
    return list === undefined ? 1 : Math.max(...list);
  }

  private refresh(node: number): void {
    const timedOut = this.slowFactor(node) >= this.timeoutSlowFactor;
    const next =
      this.downCauses[node]! > 0 || timedOut
        ? Access.Down
        : this.readOnlyCauses[node]! > 0
          ? Access.ReadOnly
          : Access.Up;
    if (next === this.access[node]) return;
    this.access[node] = next;
    this.onChange(node, next);
  }
}
