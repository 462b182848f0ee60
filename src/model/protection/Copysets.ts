/**
 * Copysets: Cidon et al.'s permutation scheme (Copysets, USENIX ATC 2013) for choosing the few
 * node sets that may hold a whole replica group, so that a correlated loss of f ≥ R nodes
 * rarely contains one.
 *
 * With R replicas and scatter width S (how many other nodes each node shares data with), the
 * scheme draws P = ⌈S / (R − 1)⌉ random permutations of the nodes and cuts each into
 * consecutive chunks of R: every chunk is a copyset. With S = R − 1 there is one permutation,
 * so the N / R copysets are disjoint. When R does not divide N, the last n mod R nodes of a
 * permutation form one more copyset with its first R − (n mod R) nodes, so every node belongs
 * to at least one copyset per permutation. A group is placed by picking its primary node
 * uniformly, then one of the copysets containing it uniformly (the paper's rule), which with
 * disjoint copysets makes each group's copyset uniform over the K = N / R copysets.
 *
 * Contract: every copyset holds R distinct nodes of `nodes`; the draws come only from the
 * stream given, in a fixed order. It does not place slots (ShardPlacement does).
 */
import type { RandomStream } from "../../engine/RandomStreams.js";

export class Copysets {
  /** The copysets, each R distinct nodes in permutation order. */
  readonly sets: ReadonlyArray<readonly number[]>;
  /** Indices into `sets` of the copysets containing each node, keyed by node. */
  private readonly byNode = new Map<number, number[]>();

  constructor(
    private readonly nodes: readonly number[],
    replicas: number,
    scatterWidth: number,
    private readonly stream: RandomStream,
  ) {
    const permutations = replicas <= 1 ? 1 : Math.ceil(scatterWidth / (replicas - 1));
    const sets: number[][] = [];
    for (let p = 0; p < permutations; p++) {
      const order = shuffled(nodes, stream);
      const whole = order.length - (order.length % replicas);
      for (let i = 0; i < whole; i += replicas) sets.push(order.slice(i, i + replicas));
      if (whole < order.length)
        sets.push([...order.slice(whole), ...order.slice(0, replicas - (order.length - whole))]);
    }
    this.sets = sets;
    sets.forEach((set, index) => {
      for (const node of set) {
        const list = this.byNode.get(node);
        if (list) list.push(index);
        else this.byNode.set(node, [index]);
      }
    });
  }

  /** The nodes of one group: a uniform primary, then a uniform copyset holding it (primary first). */
  drawGroup(): number[] {
    const primary = this.nodes[this.stream.nextInt(this.nodes.length)]!;
    const holding = this.byNode.get(primary)!;
    const set = this.sets[holding[this.stream.nextInt(holding.length)]!]!;
    return [primary, ...set.filter((node) => node !== primary)];
  }
}

/** A uniform random permutation (Fisher–Yates), drawing from `stream` front to back. */
export function shuffled(items: readonly number[], stream: RandomStream): number[] {
  const order = items.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = stream.nextInt(i + 1);
    const held = order[i]!;
    order[i] = order[j]!;
    order[j] = held;
  }
  return order;
}
