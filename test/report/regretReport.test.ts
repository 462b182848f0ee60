/**
 * The regret report (src/report/regretReport.ts): the figure and regret tables, the verdict in
 * words — robust, or which variants flip the choice — and the commands that go deeper.
 */
import { describe, expect, it } from "vitest";
import type { CompareResult } from "../../src/experiment/compare.js";
import { decide } from "../../src/experiment/variants.js";
import type { RunsSummary } from "../../src/metrics/summarizeRuns.js";
import { palette } from "../../src/report/colors.js";
import { formatAmount, renderRegretReport } from "../../src/report/regretReport.js";
import type { Scenario } from "../../src/scenario/schema.js";

const plain = palette(false);

function summary(hours: number): RunsSummary {
  const estimate = { n: 2, mean: hours, sd: 0, lo: hours, hi: hours };
  return { figures: { mailboxHoursDown: estimate } } as unknown as RunsSummary;
}

function result(means: number[][]): CompareResult {
  const variants = [
    { name: "per-cluster", description: "as written", weight: 1 },
    { name: "per-node", description: null, weight: 1 },
  ];
  const names = ["big-bang", "mirror", "cells"];
  const summaries = variants.map((_, v) => names.map((_, s) => summary(means[s]![v]!)));
  const run = (hours: number) => ({ run: 1, seed: "9/1", mailboxHoursDown: hours });
  const outcomes = (v: number) =>
    names.map((name, s) => ({ name, kind: name, summary: summaries[v]![s]!, runs: [run(means[s]![v]!)] }));
  return {
    scenario: { name: "tiny", mailboxes: 100, horizonMs: 86_400_000 },
    baseSeed: 9,
    runs: 1,
    seeds: ["9/1"],
    strategies: outcomes(0),
    variants: variants.map((h, v) => ({ ...h, strategies: outcomes(v), differences: [] })),
    decision: decide({ name: "tiny" } as Scenario, variants, names, summaries),
  } as unknown as CompareResult;
}

describe("renderRegretReport", () => {
  it("names the robust strategy when one is best under every variant", () => {
    const text = renderRegretReport(
      result([
        [500, 400],
        [10, 10],
        [20, 300],
      ]),
      plain,
      "tiny.yaml",
    );
    expect(text).toContain("Verdict: mirror is robust — best under every variant (per-cluster, per-node).");
    expect(text).toContain("maildrill run tiny.yaml --variant per-cluster --strategy big-bang --seed 9/1");
  });

  it("says which variants flip the choice, and the least largest regret", () => {
    // per-cluster: cells 0 best (mirror regret 10); per-node: mirror best (cells regret 290).
    const text = renderRegretReport(
      result([
        [500, 400],
        [10, 10],
        [0, 300],
      ]),
      plain,
      "tiny.yaml",
    );
    expect(text).toContain("cells is best under per-cluster");
    expect(text).toContain("mirror is best under per-node");
    expect(text).toContain("least largest regret: mirror (10; worst case 10)");
    expect(text).toContain(
      "The deciding assumption is what per-cluster assume and the others do not: if it holds, cells wins; if you cannot tell, mirror keeps the largest regret smallest.",
    );
    const regretRow = text.split("\n").find((l) => l.startsWith("cells") && l.includes("290"));
    expect(regretRow).toBeDefined();
  });
});

describe("formatAmount", () => {
  it("keeps three significant digits with k, M, G", () => {
    expect(formatAmount(9_999)).toBe("9,999");
    expect(formatAmount(639_101_459)).toBe("639 M");
    expect(formatAmount(1_153_405_043)).toBe("1.15 G");
    expect(formatAmount(12_600)).toBe("12.6 k");
  });
});
