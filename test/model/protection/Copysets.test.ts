/**
 * Copysets: the permutation scheme's sets have the shape Cidon et al. give them (R distinct
 * nodes, every node in a set of every permutation, scatter width at most S) and a group's
 * nodes are a copyset with the primary first.
 */
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../../src/engine/RandomStreams.js";
import { Copysets, shuffled } from "../../../src/model/protection/Copysets.js";

const nodes = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The other nodes each node shares a copyset with. */
function scatter(sets: ReadonlyArray<readonly number[]>, node: number): Set<number> {
  const others = new Set<number>();
  for (const set of sets) if (set.includes(node)) for (const n of set) if (n !== node) others.add(n);
  return others;
}

describe("Copysets", () => {
  it("S = R − 1: K = N / R disjoint sets covering every node once", () => {
    const c = new Copysets(nodes(9), 3, 2, new RandomStream("c", 1));
    expect(c.sets).toHaveLength(3);
    expect(c.sets.flat().sort((a, b) => a - b)).toEqual(nodes(9));
    for (let n = 0; n < 9; n++) expect(scatter(c.sets, n).size).toBe(2);
  });

  it("S = 2(R − 1): two permutations, each node in two sets, scatter width at most S", () => {
    const c = new Copysets(nodes(12), 3, 4, new RandomStream("c", 2));
    expect(c.sets).toHaveLength(8);
    for (let n = 0; n < 12; n++) {
      expect(c.sets.filter((set) => set.includes(n))).toHaveLength(2);
      expect(scatter(c.sets, n).size).toBeLessThanOrEqual(4);
    }
  });

  it("R not dividing N: the remainder forms one more set with the permutation's first nodes", () => {
    const c = new Copysets(nodes(10), 3, 2, new RandomStream("c", 3));
    expect(c.sets).toHaveLength(4);
    for (const set of c.sets) expect(new Set(set).size).toBe(3);
    for (let n = 0; n < 10; n++) expect(c.sets.some((set) => set.includes(n))).toBe(true);
  });

  it("a group's nodes are one copyset, primary first, every primary drawn", () => {
    const c = new Copysets(nodes(9), 3, 2, new RandomStream("c", 4));
    const primaries = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const group = c.drawGroup();
      primaries.add(group[0]!);
      const set = c.sets.find((s) => s.includes(group[0]!))!;
      expect([...group].sort()).toEqual([...set].sort());
    }
    expect(primaries.size).toBe(9);
  });

  it("shuffled is a permutation and a pure function of its stream", () => {
    const a = shuffled(nodes(20), new RandomStream("s", 5));
    expect([...a].sort((x, y) => x - y)).toEqual(nodes(20));
    expect(shuffled(nodes(20), new RandomStream("s", 5))).toEqual(a);
    expect(shuffled(nodes(20), new RandomStream("s", 6))).not.toEqual(a);
  });
});
