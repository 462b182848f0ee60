/**
 * compare under variants (src/experiment/variants.ts, compare.ts): every strategy under every
 * variant runs on the same seeds (common random numbers across strategies and variants), each
 * recorded run is exactly that run replayed alone, the result does not depend on the thread
 * count, and the decision's regret table is the arithmetic of the per-variant means.
 */
import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/experiment/compare.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import { runFigures } from "../../src/metrics/runFigures.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const scenario = loadScenarioFile("test/fixtures/experiment/variants-small.yaml");
const RUNS = 3;
const inProcess = compareStrategies(scenario, { runs: RUNS, threads: 1 });

describe("compare under variants: common random numbers", () => {
  it("runs run i of every strategy under every variant on seed <base>/i", async () => {
    const result = await inProcess;
    expect(result.variants!.map((v) => v.name)).toEqual(["as-written", "per-node-threshold", "service-wide"]);
    for (const v of result.variants!) {
      expect(v.strategies.map((s) => s.name)).toEqual(["big-bang", "dual-write", "canary"]);
      for (const s of v.strategies) expect(s.runs.map((r) => r.seed)).toEqual(["7/1", "7/2", "7/3"]);
    }
  });

  it("records each variant's run i as that variant, strategy and seed replayed alone", async () => {
    const result = await inProcess;
    for (const v of result.variants!) {
      const s = v.strategies[1]!;
      const alone = runScenario(scenario, { seed: result.seeds[2]!, strategy: s.name!, variant: v.name });
      const { run: _run, seed: _seed, ...figures } = s.runs[2]!;
      expect(figures).toEqual(runFigures(alone.measurements));
    }
  });

  it("meets the same draws under a variant that changes only the blast radius", () => {
    // service-wide changes what a hang does, not the bug: the same seed draws the same
    // threshold, fix delay and node crashes for every strategy under both, so their difference
    // is the assumption's. (Mail arrivals are drawn per outage window, so they differ.)
    for (const strategy of ["big-bang", "canary"])
      for (const seed of ["7/1", "7/2"]) {
        const asWritten = runScenario(scenario, { seed, strategy, variant: "as-written" }).measurements;
        const serviceWide = runScenario(scenario, { seed, strategy, variant: "service-wide" }).measurements;
        expect(serviceWide.bugs).toEqual(asWritten.bugs);
        expect(serviceWide.events["node-crash"]).toBe(asWritten.events["node-crash"]);
      }
  });

  it("keeps the reference world (the first variant) as the top-level strategies", async () => {
    const result = await inProcess;
    expect(result.strategies).toEqual(result.variants![0]!.strategies);
    expect(result.differences).toEqual(result.variants![0]!.differences);
  });

  it("is byte-identical with one thread and with a pool of two", async () => {
    const pooled = await compareStrategies(scenario, { runs: RUNS, threads: 2 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(await inProcess));
  });
});

describe("compare under variants: the regret table", () => {
  it("is the arithmetic of the per-variant mean costs, recomputed here", async () => {
    const result = await inProcess;
    const d = result.decision!;
    expect(d.figure).toBe("cost");
    const variants = result.variants!;
    // The mean of each strategy's total cost under each variant, from the recorded runs.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const means = variants.map((v) => v.strategies.map((s) => mean(s.runs.map((r) => r.cost!))));
    const weights = [2 / 4, 1 / 4, 1 / 4]; // as-written 2, the others 1 each
    d.rows.forEach((row, s) => {
      variants.forEach((_, v) => {
        expect(row.perVariant[v]).toBeCloseTo(means[v]![s]!, 6);
        const best = Math.min(...means[v]!);
        expect(row.regret[v]).toBeCloseTo(means[v]![s]! - best, 6);
      });
      const weighted = weights.reduce((sum, w, v) => sum + w * means[v]![s]!, 0);
      expect(row.weightedMean).toBeCloseTo(weighted, 6);
      expect(row.worst).toBe(Math.max(...row.perVariant));
      expect(row.maxRegret).toBe(Math.max(...row.regret));
    });
    const bestPerVariant = variants.map((_, v) =>
      d.rows.filter((r) => r.regret[v] === 0).map((r) => r.strategy),
    );
    expect(d.best).toEqual(bestPerVariant);
    expect(d.robust).toEqual(d.rows.filter((r) => r.maxRegret === 0).map((r) => r.strategy));
  });

  it("runs only the variants asked for, or the file as written with `none`", async () => {
    const one = await compareStrategies(scenario, {
      runs: 1,
      variants: ["service-wide"],
      strategies: ["big-bang"],
    });
    expect(one.variants!.map((v) => v.name)).toEqual(["service-wide"]);
    const none = await compareStrategies(scenario, { runs: 1, variants: ["none"], strategies: ["big-bang"] });
    expect(none.variants).toBeUndefined();
    expect(none.decision).toBeUndefined();
  });

  it("refuses an unknown variant with one line naming --variants", async () => {
    const error = await compareStrategies(scenario, { runs: 1, variants: ["per-nod"] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      '--variants: expected names from as-written, per-node-threshold, service-wide (or none); found "per-nod"',
    );
  });
});
