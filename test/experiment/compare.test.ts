/**
 * compare at the experiment level (docs/experiments.md#seeds-common-random-numbers, #figures-and-statistics): common random numbers (run i of
 * every strategy uses seed <base>/i, and its figures are exactly those of that run replayed
 * alone), byte-identical results for one thread and a pool of two, the shape of the result,
 * honest intervals for one run, and one-line errors for bad options.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type CompareResult, compareStrategies, DEFAULT_COMPARE_RUNS } from "../../src/experiment/compare.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import { runSeeds } from "../../src/experiment/seeds.js";
import { runFigures } from "../../src/metrics/runFigures.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/experiment/migration-small.yaml", import.meta.url));
const QUICKSTART = fileURLToPath(new URL("../../scenarios/quickstart.yaml", import.meta.url));
const scenario = loadScenarioFile(FIXTURE);
const RUNS = 3;

// One in-process compare and one through a pool of two workers, shared by the tests below and
// started before them (not at import).
let inProcess: Promise<CompareResult>;
let pooled: Promise<CompareResult>;
beforeAll(() => {
  inProcess = compareStrategies(scenario, { runs: RUNS, threads: 1 });
  pooled = compareStrategies(scenario, { runs: RUNS, threads: 2 });
});

describe("compare: seeds and common random numbers", () => {
  it("derives run i's seed as <base>/i, from the scenario's seed or --seed", async () => {
    expect(runSeeds(2023, 3)).toEqual(["2023/1", "2023/2", "2023/3"]);
    expect(runSeeds("x", 1)).toEqual(["x/1"]);
    const result = await inProcess;
    expect(result.baseSeed).toBe(7);
    expect(result.seeds).toEqual(["7/1", "7/2", "7/3"]);
  });

  it("runs run i of every strategy on the same seed", async () => {
    const result = await inProcess;
    expect(result.strategies.map((s) => s.name)).toEqual(["big-bang", "dual-write", "canary"]);
    for (const s of result.strategies) {
      expect(s.runs.map((r) => r.seed)).toEqual(result.seeds);
      expect(s.runs.map((r) => r.run)).toEqual([1, 2, 3]);
    }
  });

  it("records for run i exactly the figures of that strategy replayed alone on seed <base>/i", async () => {
    const result = await inProcess;
    for (const s of [result.strategies[0]!, result.strategies[2]!]) {
      const i = 1;
      // Replayed as compare runs it: judged, so a strategy with gates brings its gate record too.
      const alone = runScenario(scenario, { seed: result.seeds[i]!, strategy: s.name!, judgeGates: true });
      const { run: _run, seed: _seed, ...figures } = s.runs[i]!;
      const gates = alone.gates !== undefined ? { gates: alone.gates } : {};
      expect(figures).toEqual({ ...runFigures(alone.measurements), ...gates });
      expect(figures.gates !== undefined).toBe(s.name === "canary");
    }
  });
});

describe("compare: threads never change the result", () => {
  it("gives byte-identical JSON with one thread and with a pool of two", async () => {
    const [a, b] = await Promise.all([inProcess, pooled]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe("compare: the result document", () => {
  it("is versioned and carries seeds, summaries, differences and per-run figures", async () => {
    const result = await inProcess;
    expect(result).toMatchObject({
      schemaVersion: 1,
      kind: "maildrill-compare",
      scenario: { name: "migration-small", mailboxes: 300 },
      runs: RUNS,
      confidence: 0.95,
      baseline: "big-bang",
    });
    expect(result.strategies.map((s) => s.kind)).toEqual(["big-bang", "dual-write", "steps"]);
    expect(result.differences.map((d) => [d.strategy, d.baseline])).toEqual([
      ["dual-write", "big-bang"],
      ["canary", "big-bang"],
    ]);
    const summary = result.strategies[0]!.summary;
    expect(summary.runs).toBe(RUNS);
    expect(summary.figures.mailboxHoursDown.n).toBe(RUNS);
    expect(summary.anySilentLoss.n).toBe(RUNS);
    expect(summary.migration.finished + summary.migration.unfinished + summary.migration.unmeasured).toBe(
      RUNS,
    );
  });

  it("measures the others against the --baseline asked for, in the order asked", async () => {
    const result = await compareStrategies(scenario, {
      runs: 1,
      strategies: ["canary", "big-bang"],
      baseline: "big-bang",
    });
    expect(result.strategies.map((s) => s.name)).toEqual(["canary", "big-bang"]);
    expect(result.differences.map((d) => d.strategy)).toEqual(["canary"]);
  });

  it("with one run gives means and no intervals", async () => {
    const result = await compareStrategies(scenario, { runs: 1, strategies: ["big-bang"], seed: "s" });
    expect(result.seeds).toEqual(["s/1"]);
    const e = result.strategies[0]!.summary.figures.mailboxHoursDown;
    expect(e.n).toBe(1);
    expect(e.mean).toEqual(expect.any(Number));
    expect([e.lo, e.hi, e.sd]).toEqual([null, null, null]);
  });

  it("compares a scenario without a migration as one configuration", async () => {
    const plain = loadScenarioFile(QUICKSTART);
    const small = { ...plain, fleet: { ...plain.fleet, mailboxes: 200 }, horizon: 2 * 86_400_000 };
    const result = await compareStrategies(small, { runs: 2 });
    expect(result.strategies.map((s) => s.name)).toEqual([null]);
    expect(result.baseline).toBeNull();
    expect(result.differences).toEqual([]);
    expect(result.strategies[0]!.summary.migration.unmeasured).toBe(2);
  });

  it("runs DEFAULT_COMPARE_RUNS per strategy when no run count is given", async () => {
    const plain = loadScenarioFile(QUICKSTART);
    const small = { ...plain, fleet: { ...plain.fleet, mailboxes: 200 }, horizon: 2 * 86_400_000 };
    const result = await compareStrategies(small);
    expect(DEFAULT_COMPARE_RUNS).toBe(8);
    expect(result.runs).toBe(DEFAULT_COMPARE_RUNS);
    expect(result.seeds).toEqual(runSeeds(plain.seed, DEFAULT_COMPARE_RUNS));
  });
});

describe("compare: bad options are one-line InputErrors naming the option", () => {
  it.each([
    [{ runs: 0 }, /^--runs: expected a whole number of runs from 1 to 100,000; found 0$/],
    [{ runs: 2.5 }, /^--runs: expected a whole number/],
    [{ runs: 2, threads: 0 }, /^--threads: expected a whole number of threads from 1 to 256; found 0$/],
    [
      { runs: 2, strategies: ["big-bang", "yolo"] },
      /^--strategies: expected one of big-bang, dual-write, canary; found "yolo"$/,
    ],
    [
      { runs: 2, strategies: ["canary", "canary"] },
      /^--strategies: expected each strategy named once; found "canary,canary"$/,
    ],
    [
      { runs: 2, strategies: ["canary", "dual-write"], baseline: "big-bang" },
      /^--baseline: expected one of the compared strategies \(canary, dual-write\); found "big-bang"$/,
    ],
  ])("%o", async (options, message) => {
    const error = await compareStrategies(scenario, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});
