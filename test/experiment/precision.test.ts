/**
 * The precision stop (src/experiment/precision.ts): seeds are added a batch of --runs at a
 * time until every mean's 95% half-width is within the target, or --max-runs; the result is
 * exactly the compare with that many runs, whatever the thread count.
 */
import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/experiment/compare.js";
import { relativeHalfWidth, runUntilPrecise } from "../../src/experiment/precision.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const scenario = loadScenarioFile("test/fixtures/experiment/migration-small.yaml");

describe("relativeHalfWidth", () => {
  it("is t(0.975, n−1)·sd/√n over |mean|, 0 for exact agreement, ∞ without an interval", () => {
    // n = 4: t = 3.182446; half = 3.182446 × 2 / 2 = 3.182446; over mean 10.
    expect(relativeHalfWidth({ n: 4, mean: 10, sd: 2, lo: null, hi: null })).toBeCloseTo(0.3182446, 6);
    expect(relativeHalfWidth({ n: 3, mean: 0, sd: 0, lo: 0, hi: 0 })).toBe(0);
    expect(relativeHalfWidth({ n: 1, mean: 5, sd: null, lo: null, hi: null })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("runUntilPrecise", () => {
  it("adds batches of consecutive seeds until the widest interval is narrow enough", async () => {
    const asked: string[][] = [];
    const widths = [0.5, 0.2, 0.04];
    const out = await runUntilPrecise(
      "s",
      2,
      { precision: 0.05 },
      async (seeds) => {
        asked.push(seeds);
        return seeds;
      },
      () => ({ where: "x", relativeHalfWidth: widths[asked.length - 1]! }),
    );
    expect(asked).toEqual([
      ["s/1", "s/2"],
      ["s/3", "s/4"],
      ["s/5", "s/6"],
    ]);
    expect(out.stop).toEqual({
      target: 0.05,
      met: true,
      runs: 6,
      maxRuns: 40,
      widest: { where: "x", relativeHalfWidth: 0.04 },
    });
  });

  it("stops at --max-runs and says so", async () => {
    const out = await runUntilPrecise(
      "s",
      3,
      { precision: 0.01, maxRuns: 7 },
      async (seeds) => seeds,
      () => ({
        where: "y",
        relativeHalfWidth: 0.5,
      }),
    );
    expect(out.seeds).toEqual(["s/1", "s/2", "s/3", "s/4", "s/5", "s/6", "s/7"]);
    expect(out.stop!.met).toBe(false);
    expect(out.stop!.runs).toBe(7);
  });
});

describe("compare --precision", () => {
  it("equals the plain compare with the runs it stopped at, for one thread or two", async () => {
    const precise = await compareStrategies(scenario, { runs: 2, precision: 0.5, maxRuns: 4, threads: 1 });
    const pooled = await compareStrategies(scenario, { runs: 2, precision: 0.5, maxRuns: 4, threads: 2 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(precise));
    const stop = precise.precision!;
    expect([2, 4]).toContain(stop.runs);
    const { precision: _p, ...rest } = precise;
    const plain = await compareStrategies(scenario, { runs: stop.runs, threads: 1 });
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain));
    if (stop.met) expect(stop.widest!.relativeHalfWidth).toBeLessThanOrEqual(0.5);
    else expect(stop.runs).toBe(4);
  });

  it("refuses --max-runs without --precision, or below --runs", async () => {
    const error = (options: object) =>
      compareStrategies(scenario, { runs: 4, ...options }).then(
        () => new InputError("no error"),
        (e: unknown) => e as InputError,
      );
    expect((await error({ maxRuns: 8 })).message).toBe("--max-runs: expected --precision with it; found 8");
    expect((await error({ precision: 0.1, maxRuns: 2 })).message).toBe(
      "--max-runs: expected a whole number from --runs (4) to 100000; found 2",
    );
    expect(await error({ precision: 1.5 })).toBeInstanceOf(InputError);
  });
});
