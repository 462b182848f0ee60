/**
 * sweep: a grid of scenario variants, each run N times on the same N seeds (docs/experiments.md; "how
 * long must a canary bake…"). Each `--vary` gives a path into the scenario file and its
 * values (varyPath.ts); the grid is their cartesian product, in odometer order: the first
 * `--vary` changes slowest, the last fastest.
 *
 * Every point is the raw file with its values set, validated again by the scenario loader,
 * so a bad value gets the loader's one-line error (prefixed with the point) before anything
 * runs. All points share the base seed: run i of every point uses the same seed, so a
 * difference between points is the parameter's, not the draw's.
 *
 * Contract: as compare — the result depends on the data and the options but not on
 * `threads`; bad options are InputErrors naming their option.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { CONFIDENCE } from "../metrics/statistics.js";
import { type RunsSummary, summarizeRuns } from "../metrics/summarizeRuns.js";
import { InputError } from "../scenario/InputError.js";
import { loadScenarioFile, validateScenario } from "../scenario/loadScenario.js";
import type { Scenario } from "../scenario/schema.js";
import { chooseStrategy } from "../scenario/strategies.js";
import { withVariant } from "../scenario/variantScenarios.js";
import { type ScenarioHeader, scenarioHeader } from "./compare.js";
import { checkManyRunsOptions, type ManyRunsOptions, type RunRecord, runRecords } from "./manyRuns.js";
import { runJobGroups } from "./runPool.js";
import { runSeeds, SEED_RULE } from "./seeds.js";
import { type Vary, withValueAt } from "./varyPath.js";

/** The version of `SweepResult`'s JSON shape; raised on any incompatible change. */
export const SWEEP_SCHEMA_VERSION = 1;
export const MAX_SWEEP_POINTS = 10_000;

/** Options of `sweep`: the paths to vary, and the runs per grid point. */
export interface SweepOptions extends ManyRunsOptions {
  vary: readonly Vary[];
  /** The strategy every point runs; default: each point's `strategy`, else its first. */
  strategy?: string;
}

/** One grid point of a sweep: the values it set and the summary of its runs. */
export interface SweepPoint {
  /** The point's number, from 1, in grid order. */
  point: number;
  /** The value of each `vary` at this point, in the order of `SweepResult.vary`. */
  values: unknown[];
  strategy: string | null;
  summary: RunsSummary;
  runs: RunRecord[];
}

/** What `sweep` returns and `maildrill sweep --json` prints (docs/experiments.md). */
export interface SweepResult {
  schemaVersion: number;
  kind: "maildrill-sweep";
  /** The scenario as written, before any value was varied. */
  scenario: ScenarioHeader;
  vary: { path: string; values: unknown[] }[];
  seedRule: string;
  baseSeed: string | number;
  runs: number;
  seeds: string[];
  confidence: number;
  points: SweepPoint[];
}

/** A scenario file as written (the plain data a sweep varies), once the loader has accepted it. */
export function readScenarioData(path: string): unknown {
  // The loader reports a bad file with its usual one-line errors; reading it again as plain
  // data then cannot fail.
  loadScenarioFile(path);
  return parseYaml(readFileSync(path, "utf8"), { maxAliasCount: 100 }) as unknown;
}

/**
 * Runs every point of the grid of `options.vary` over the scenario data `data` (as read by
 * `readScenarioData`), each point on the same seeds. Each point is validated before any run starts.
 */
export async function sweep(data: unknown, options: SweepOptions): Promise<SweepResult> {
  checkManyRunsOptions(options);
  checkVaries(options.vary);
  const base = validateScenario(data);
  chooseStrategy(base, options.strategy); // a bad --strategy is the user's first problem, not a point's
  const baseSeed = options.seed ?? base.seed;
  const seeds = runSeeds(baseSeed, options.runs);
  const points = gridPoints(options.vary).map((values) => buildPoint(data, options, values));
  checkVariedStrategiesRun(options.vary, points);
  const groups = points.map((p) => ({
    scenario: p.scenario,
    jobs: seeds.map((seed) => ({ strategy: p.strategy ?? undefined, seed })),
  }));
  const figures = await runJobGroups(groups, { ...options, threads: options.threads ?? 1 });
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    kind: "maildrill-sweep",
    scenario: scenarioHeader(base),
    vary: options.vary.map((v) => ({ path: v.path, values: v.values })),
    seedRule: SEED_RULE,
    baseSeed,
    runs: options.runs,
    seeds,
    confidence: CONFIDENCE,
    points: points.map((p, k) => ({
      point: k + 1,
      values: p.values,
      strategy: p.strategy,
      summary: summarizeRuns(figures[k]!, scenarioHeader(p.scenario)),
      runs: runRecords(seeds, figures[k]!),
    })),
  };
}

function isVariantVary(v: Vary): boolean {
  return v.steps.length === 1 && v.steps[0] === "variant";
}

function checkVaries(varies: readonly Vary[]): void {
  if (varies.length === 0) throw InputError.at("--vary", "at least one path=values to vary", "none");
  const paths = new Set<string>();
  for (const v of varies) {
    if (v.steps[0] === "seed" && v.steps.length === 1)
      throw InputError.at(
        "--vary seed",
        "a scenario value (every point runs on the same seeds; use --seed)",
        "seed",
      );
    if (paths.has(v.path))
      throw InputError.at(`--vary ${v.path}`, "each path varied once", `${v.path} twice`);
    paths.add(v.path);
  }
  const size = varies.reduce((n, v) => n * v.values.length, 1);
  if (size > MAX_SWEEP_POINTS)
    throw InputError.at(
      "--vary",
      `a grid of at most ${MAX_SWEEP_POINTS.toLocaleString("en-US")} points`,
      size,
    );
}

/** The cartesian product of the values, first `vary` slowest. */
export function gridPoints(varies: readonly Pick<Vary, "values">[]): unknown[][] {
  let points: unknown[][] = [[]];
  for (const v of varies) points = points.flatMap((prefix) => v.values.map((value) => [...prefix, value]));
  return points;
}

/**
 * Varying `strategies.<name>.…` while every point runs another strategy would sweep a value
 * nothing reads, and print a flat table that looks like an answer; so it is refused.
 */
function checkVariedStrategiesRun(varies: readonly Vary[], points: readonly BuiltPoint[]): void {
  const running = new Set(points.map((p) => p.strategy));
  for (const v of varies) {
    const [section, name] = v.steps;
    if (section !== "strategies" || typeof name !== "string" || running.has(name)) continue;
    throw InputError.at(
      `--vary ${v.path}`,
      `a strategy the sweep runs (add --strategy ${name})`,
      `every point running ${[...running].join(", ")}`,
    );
  }
}

interface BuiltPoint {
  values: unknown[];
  scenario: Scenario;
  strategy: string | null;
}

function buildPoint(data: unknown, options: SweepOptions, values: unknown[]): BuiltPoint {
  let raw = data;
  options.vary.forEach((v, i) => {
    // `--vary variant=a,b` sets each point to one of the scenario's variants (its overlay).
    raw = isVariantVary(v)
      ? withVariant(raw, String(values[i]), `--vary ${v.path}`)
      : withValueAt(raw, v, values[i]);
  });
  try {
    const scenario = validateScenario(raw);
    const strategy = chooseStrategy(scenario, options.strategy)?.name ?? null;
    return { values, scenario, strategy };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const where = options.vary.map((v, i) => `${v.path}=${JSON.stringify(values[i])}`).join(", ");
    throw new InputError(`sweep point ${where}: ${error.message}`);
  }
}
