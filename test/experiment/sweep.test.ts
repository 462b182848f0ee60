/**
 * sweep: `--vary` parsing (paths, YAML values, commas inside brackets and quotes), setting a
 * value in the raw file (a missing last key is settable, a missing parent is an error with a
 * hint), the grid's cartesian order, re-validation of every point with the loader's one-line
 * error, and common seeds across points.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { gridPoints, MAX_SWEEP_POINTS, readScenarioData, sweep } from "../../src/experiment/sweep.js";
import { parseVary, withValueAt } from "../../src/experiment/varyPath.js";
import { runFigures } from "../../src/metrics/runFigures.js";
import { InputError } from "../../src/scenario/InputError.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { inputErrorOf } from "../helpers/inputErrorOf.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/experiment/migration-small.yaml", import.meta.url));
const data = readScenarioData(FIXTURE);

async function sweepError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe("parseVary", () => {
  it("reads the path into keys and indices, and each value as YAML", () => {
    const vary = parseVary("strategies.canary.steps[1].pause=1d,7d,30d");
    expect(vary.path).toBe("strategies.canary.steps[1].pause");
    expect(vary.steps).toEqual(["strategies", "canary", "steps", 1, "pause"]);
    expect(vary.values).toEqual(["1d", "7d", "30d"]);
    expect(parseVary("backends.vendor.bugs[0].trigger.threshold=3e9,6e9").values).toEqual([3e9, 6e9]);
    expect(parseVary("a.b=true,null,12").values).toEqual([true, null, 12]);
  });

  it("keeps commas inside brackets, braces and quotes", () => {
    expect(parseVary("x={ uniform: [3e9, 6e9] },5e9").values).toEqual([{ uniform: [3e9, 6e9] }, 5e9]);
    expect(parseVary(`r="F,2h,15m",'G,1h,1h,1.5'`).values).toEqual(["F,2h,15m", "G,1h,1h,1.5"]);
  });

  it.each([
    ["nopath", /^--vary: expected path=value1,value2,\.\.\. .*; found "nopath"$/],
    ["=1,2", /^--vary: expected path=value1/],
    ["a..b=1", /^--vary: expected a path of keys and \[index\]es/],
    ["a[x]=1", /^--vary: expected a path of keys and \[index\]es/],
    ["a.b=1,,2", /^--vary a\.b: expected non-empty values between commas; found "a\.b=1,,2"$/],
    ["a.b=", /^--vary a\.b: expected non-empty values/],
    ["a.b=[1,2", /^--vary: expected balanced brackets and quotes/],
  ])("refuses %s", (spec, message) => {
    expect(inputErrorOf(() => parseVary(spec))).toMatch(message);
  });
});

describe("withValueAt", () => {
  it("sets a value in a copy, leaving the original as it was", () => {
    const vary = parseVary("backends.vendor.bugs[0].trigger.threshold=1");
    const changed = withValueAt(data, vary, 42) as { backends: { vendor: { bugs: { trigger: unknown }[] } } };
    expect(changed.backends.vendor.bugs[0]!.trigger).toMatchObject({ counter: "objects", threshold: 42 });
    expect((data as typeof changed).backends.vendor.bugs[0]!.trigger).toMatchObject({
      threshold: { uniform: [3e6, 6e6] },
    });
  });

  it("sets a key the file leaves to its default when the parent exists", () => {
    const vary = parseVary("backends.legacy.repairBandwidth=1GB/s");
    const changed = withValueAt(data, vary, "1GB/s") as { backends: { legacy: Record<string, unknown> } };
    expect(changed.backends.legacy["repairBandwidth"]).toBe("1GB/s");
  });

  it("refuses a missing parent with a did-you-mean, and an index past the end", () => {
    expect(inputErrorOf(() => withValueAt(data, parseVary("backends.vendr.nodes=1"), 1))).toBe(
      '--vary backends.vendr.nodes: expected a key of backends (legacy, vendor); found "vendr" (did you mean "vendor"?)',
    );
    expect(
      inputErrorOf(() => withValueAt(data, parseVary("strategies.canary.steps[9].pause=1d"), "1d")),
    ).toBe(
      "--vary strategies.canary.steps[9].pause: expected an index below 4 (the length of strategies.canary.steps); found 9",
    );
    expect(inputErrorOf(() => withValueAt(data, parseVary("fleet.mailboxes.x=1"), 1))).toMatch(
      /^--vary fleet\.mailboxes\.x: expected a mapping at fleet\.mailboxes; found 300$/,
    );
  });
});

describe("gridPoints", () => {
  it("is the cartesian product, first vary slowest", () => {
    expect(gridPoints([{ values: ["1d", "7d", "30d"] }, { values: [3e9, 6e9] }])).toEqual([
      ["1d", 3e9],
      ["1d", 6e9],
      ["7d", 3e9],
      ["7d", 6e9],
      ["30d", 3e9],
      ["30d", 6e9],
    ]);
    expect(gridPoints([{ values: [1] }])).toEqual([[1]]);
  });
});

describe("sweep", () => {
  it("runs every grid point on the same seeds, in grid order, with the varied values", async () => {
    const result = await sweep(data, {
      runs: 2,
      vary: [parseVary("backends.legacy.takeover=none,2m"), parseVary("strategy=big-bang,canary")],
    });
    expect(result).toMatchObject({
      schemaVersion: 1,
      kind: "maildrill-sweep",
      runs: 2,
      seeds: ["7/1", "7/2"],
    });
    expect(result.points.map((p) => [p.point, ...p.values, p.strategy])).toEqual([
      [1, "none", "big-bang", "big-bang"],
      [2, "none", "canary", "canary"],
      [3, "2m", "big-bang", "big-bang"],
      [4, "2m", "canary", "canary"],
    ]);
    for (const p of result.points) expect(p.runs.map((r) => r.seed)).toEqual(["7/1", "7/2"]);
    // HA takeover shortens outages on the same seeds.
    const hoursDown = (k: number) => result.points[k]!.summary.figures.mailboxHoursDown.mean!;
    expect(hoursDown(2)).toBeLessThan(hoursDown(0));
  });

  it("re-validates every point: a bad value gets the loader's error, prefixed with the point", async () => {
    const message = await sweepError(
      sweep(data, { runs: 1, vary: [parseVary("backends.legacy.nodes=6,-1")] }),
    );
    expect(message).toMatch(
      /^sweep point backends\.legacy\.nodes=-1: backends\.legacy\.nodes: expected .*; found -1$/,
    );
  });

  it("lets the strict schema catch a misspelt last key", async () => {
    const message = await sweepError(sweep(data, { runs: 1, vary: [parseVary("backends.legacy.nodez=3")] }));
    expect(message).toMatch(
      /^sweep point backends\.legacy\.nodez=3: backends\.legacy.*nodez.*did you mean "nodes"/,
    );
  });

  it.each([
    [[], /^--vary: expected at least one path=values to vary; found "none"$/],
    [
      ["seed=1,2"],
      /^--vary seed: expected a scenario value \(every point runs on the same seeds; use --seed\)/,
    ],
    [
      ["fleet.mailboxes=1,2", "fleet.mailboxes=3"],
      /^--vary fleet\.mailboxes: expected each path varied once/,
    ],
  ])("refuses the varies %o", async (specs, message) => {
    expect(await sweepError(sweep(data, { runs: 1, vary: specs.map(parseVary) }))).toMatch(message);
  });

  it("refuses a grid too large to run, before running anything", async () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    const vary = [parseVary(`fleet.mailboxes=${many}`), parseVary(`horizon=${many}`)];
    expect(MAX_SWEEP_POINTS).toBeLessThan(101 * 101);
    expect(await sweepError(sweep(data, { runs: 1, vary }))).toMatch(
      /^--vary: expected a grid of at most 10,000 points; found 10201$/,
    );
  });

  it("refuses to vary a strategy that no point runs", async () => {
    const message = await sweepError(
      sweep(data, { runs: 1, vary: [parseVary("strategies.canary.steps[1].pause=1d,2d")] }),
    );
    expect(message).toBe(
      '--vary strategies.canary.steps[1].pause: expected a strategy the sweep runs (add --strategy canary); found "every point running big-bang"',
    );
  });

  it("refuses an unknown --strategy before building points", async () => {
    const message = await sweepError(
      sweep(data, { runs: 1, strategy: "yolo", vary: [parseVary("fleet.mailboxes=100")] }),
    );
    expect(message).toBe('--strategy: expected one of big-bang, dual-write, canary; found "yolo"');
  });
});

describe("sweep over variants", () => {
  const VARIANTS = fileURLToPath(new URL("../fixtures/experiment/variants-small.yaml", import.meta.url));
  const variantData = readScenarioData(VARIANTS);

  it("runs each point as the named variant, on the same seeds", async () => {
    const result = await sweep(variantData, {
      vary: [parseVary("variant=as-written,service-wide")],
      strategy: "big-bang",
      runs: 1,
    });
    expect(result.points.map((p) => p.values)).toEqual([["as-written"], ["service-wide"]]);
    const scenario = loadScenarioFile(VARIANTS);
    result.points.forEach((p) => {
      const alone = runScenario(scenario, {
        seed: "7/1",
        strategy: "big-bang",
        variant: String(p.values[0]),
      });
      const { run: _run, seed: _seed, ...figures } = p.runs[0]!;
      expect(figures).toEqual(runFigures(alone.measurements));
    });
  });

  it("refuses an unknown variant name", async () => {
    expect(await sweepError(sweep(variantData, { vary: [parseVary("variant=nope")], runs: 1 }))).toBe(
      '--vary variant: expected one of as-written, per-node-threshold, service-wide; found "nope"',
    );
  });
});
