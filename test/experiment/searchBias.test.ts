/**
 * searchBias: every candidate runs the same pilot seeds, disjoint from the estimate's; the
 * lowest pilot relative error wins, a heavy-tailed pilot only when no clean one saw a break,
 * ties go to the earlier candidate, and with no break at all the default bias is kept.
 */
import { describe, expect, it } from "vitest";
import { BIAS_CANDIDATES, pilotRunsFor, searchBias } from "../../src/experiment/searchBias.js";
import type { ImportanceEstimate } from "../../src/metrics/importanceEstimate.js";
import type { BiasSettings } from "../../src/model/faults/FailureBiasing.js";

/** A pilot's estimate with just the fields the search reads. */
function pilot(breakingRuns: number, relativeError: number, largestWeightShare = 0.05): ImportanceEstimate {
  const interval = { estimate: 1e-6, standardError: 0, low: 0, high: 0, relativeError };
  return {
    runs: 100,
    breakingRuns,
    probability: interval,
    lossGivenBreak: interval,
    effectiveSampleSize: breakingRuns,
    varianceReduction: 1,
    largestWeightShare,
    warnings: [],
  };
}

async function search(byDegraded: Record<number, ImportanceEstimate>, runs = 1000) {
  const seen: { bias: BiasSettings; seeds: string[] }[] = [];
  const out = await searchBias("7", runs, async (bias, seeds) => {
    seen.push({ bias, seeds });
    return byDegraded[bias.degraded]!;
  });
  return { ...out, seen };
}

describe("searchBias", () => {
  it("runs every candidate on the same pilot seeds and keeps the lowest relative error", async () => {
    const {
      bias,
      search: s,
      seen,
    } = await search({
      0.2: pilot(10, 0.9),
      0.35: pilot(20, 0.4),
      0.5: pilot(30, 0.3),
      0.65: pilot(40, 0.35),
      0.8: pilot(50, 0.5),
    });
    expect(seen.map((x) => x.bias.degraded)).toEqual([...BIAS_CANDIDATES]);
    expect(new Set(seen.map((x) => x.seeds.join()))).toHaveProperty("size", 1);
    expect(seen[0]!.seeds).toHaveLength(100);
    expect(seen[0]!.seeds[0]).toBe("7/pilot/1");
    expect(bias.degraded).toBe(0.5);
    expect(bias.forceFirst).toBe(0.8);
    expect(s.chosen).toBe(0.5);
    expect(s.pilotSeeds).toBe("7/pilot/1..100");
  });

  it("ranks a heavy-tailed pilot after every clean one, and a pilot with no break last", async () => {
    const { bias } = await search({
      0.2: pilot(0, Number.POSITIVE_INFINITY),
      0.35: pilot(20, 0.1, 0.5),
      0.5: pilot(30, 0.6),
      0.65: pilot(40, 0.6),
      0.8: pilot(50, 0.7),
    });
    // 0.35 has the lowest error but one run carries half of it; 0.5 ties 0.65 and comes first.
    expect(bias.degraded).toBe(0.5);
  });

  it("keeps the default bias when no pilot broke the property", async () => {
    const none = pilot(0, Number.POSITIVE_INFINITY);
    const { bias } = await search(Object.fromEntries(BIAS_CANDIDATES.map((p) => [p, none])));
    expect(bias.degraded).toBe(0.5);
  });

  it("pilots a tenth of the runs, at least 100 and never more than the runs", () => {
    expect(pilotRunsFor(50)).toBe(50);
    expect(pilotRunsFor(300)).toBe(100);
    expect(pilotRunsFor(10_000)).toBe(1000);
  });
});
