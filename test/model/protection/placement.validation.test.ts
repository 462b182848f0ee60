/**
 * Placement against the closed forms of P(data loss | f simultaneous node losses)
 * (docs/validation.md#placement-and-correlated-failures; Cidon et al., Copysets, USENIX ATC 2013).
 *
 * G groups of R = 3 copies on one cluster of N nodes; nodes 0 … f−1 are lost together at
 * t = 1 ms (the placement is random per seed, so a fixed failed set is as good as a uniform
 * one). A run loses data when some group had every copy on a lost node.
 * - random: each group an independent uniform R-subset, so
 *   P = 1 − (1 − C(f, R) / C(N, R))^G.
 * - copysets with scatter width R − 1: one random partition into K = N / R disjoint sets and
 *   each group on a uniform set. With J the number of sets inside the failed set,
 *   P(J = j) = Σ_{i≥j} (−1)^{i−j} C(i, j) C(K, i) C(N − iR, f − iR) / C(N, f) (inclusion–exclusion),
 *   and P = Σ_{j≥1} P(J = j) (1 − ((K − j) / K)^G) (some group sits on one of those j sets).
 * Each case runs RUNS seeds and accepts the share of runs with data loss at |z| ≤ 4 against
 * the binomial standard error √(P(1 − P) / RUNS).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { zScore } from "../../helpers/fixtures.js";

const RUNS = 2000;
const R = 3;

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** P(some group inside the f failed nodes) for G independent uniform R-subsets of N nodes. */
function randomLossProbability(nodes: number, lost: number, groups: number): number {
  return 1 - (1 - choose(lost, R) / choose(nodes, R)) ** groups;
}

/** The same for K = N / R disjoint copysets, each group on a uniform copyset. */
function copysetLossProbability(nodes: number, lost: number, groups: number): number {
  const sets = nodes / R;
  const all = choose(nodes, lost);
  let p = 0;
  for (let j = 1; j <= sets; j++) {
    let exactly = 0;
    for (let i = j; i <= sets; i++)
      exactly += (-1) ** (i - j) * choose(i, j) * choose(sets, i) * choose(nodes - i * R, lost - i * R);
    p += (exactly / all) * (1 - ((sets - j) / sets) ** groups);
  }
  return p;
}

const FIXTURE = readFileSync(
  new URL("../../fixtures/placement/random-9-nodes-4-lost.yaml", import.meta.url),
  "utf8",
);

/** The fixture with another placement, node count, group count and number of lost nodes. */
function scenario(kind: string, nodes: number, lost: number, groups: number) {
  const faults = Array.from(
    { length: lost },
    (_, node) => `  - { at: 1ms, target: store/node/${node}, fault: node-loss, duration: 0s }`,
  ).join("\n");
  const text = FIXTURE.replace(/^ {2}placement: random$/m, `  placement: ${kind}`)
    .replace("nodesPerCluster: 9", `nodesPerCluster: ${nodes}`)
    .replace("mailboxes: 10,", `mailboxes: ${groups},`)
    .replace("groups: 10", `groups: ${groups}`)
    .replace(/faults:\n[\s\S]*$/, `faults:\n${faults}\n`);
  return parseScenarioText(text, `${kind}-${nodes}-${lost}-${groups}`);
}

function lossShare(kind: string, nodes: number, lost: number, groups: number): number {
  const s = scenario(kind, nodes, lost, groups);
  let losses = 0;
  for (let seed = 1; seed <= RUNS; seed++) {
    if (runChecked(s, { seed }).measurements.integrity.dataLossEvents > 0) losses++;
  }
  return losses / RUNS;
}

function expectBinomial(share: number, p: number): void {
  expect(p).toBeGreaterThan(0);
  expect(p).toBeLessThan(1);
  expect(zScore(share, p, Math.sqrt((p * (1 - p)) / RUNS))).toBeLessThanOrEqual(4);
}

describe("closed forms", () => {
  it("reproduce hand-computed values", () => {
    // C(4,3)/C(9,3) = 4/84 = 1/21.
    expect(randomLossProbability(9, 4, 1)).toBeCloseTo(1 / 21, 12);
    // One of 3 disjoint sets inside 4 of 9 nodes: 3·C(6,1)/C(9,4) = 18/126; all sets used as G → ∞.
    expect(copysetLossProbability(9, 4, 10_000)).toBeCloseTo(18 / 126, 12);
    // 6 of 12 nodes can hold two sets: P(J ≥ 1) = 1 − P(J = 0), written out: 4 sets, C(9, 3) sets of the rest, minus the 6 pairs.
    const atLeastOne = (4 * choose(9, 3) - 6 * choose(6, 0)) / choose(12, 6);
    expect(copysetLossProbability(12, 6, 10_000)).toBeCloseTo(atLeastOne, 12);
  });
});

describe("P(data loss | f nodes lost at once), R = 3, through the world", () => {
  // [kind, N, f, G]: the fixture's case, Cidon's point (many groups: random loses almost
  // surely, copysets stay at P(J ≥ 1)), and a case where two copysets fit in the failed set.
  const cases: Array<[string, number, number, number, (n: number, f: number, g: number) => number]> = [
    ["random", 9, 4, 10, randomLossProbability],
    ["random", 9, 4, 60, randomLossProbability],
    ["random", 12, 6, 20, randomLossProbability],
    ["copysets", 9, 4, 10, copysetLossProbability],
    ["copysets", 9, 4, 60, copysetLossProbability],
    ["copysets", 12, 6, 20, copysetLossProbability],
  ];
  for (const [kind, nodes, lost, groups, closedForm] of cases) {
    const p = closedForm(nodes, lost, groups);
    it(`${kind}, N = ${nodes}, f = ${lost}, G = ${groups}: P = ${p.toFixed(4)}`, () => {
      expectBinomial(lossShare(kind, nodes, lost, groups), p);
    });
  }
});
