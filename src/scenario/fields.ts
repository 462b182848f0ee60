/**
 * Scenario field types with units: zod schemas that accept what a person writes (`90s`,
 * `2.5TB`, `{ lognormal: { median: 300MB, sigma: 1 } }`) and produce canonical numbers
 * (milliseconds, bytes, bytes per second, events per second, fractions) or engine
 * distribution specs in those units.
 *
 * Contract: every rejection is one zod issue whose message reads `expected …; found …`, and
 * whose path points at the offending field, so the loader can print
 * `fleet.size.lognormal.sigma: expected …; found …`.
 */
import { z } from "zod";
import { type DistributionSpec, lognormalFromMeanCv, weibullFromMean } from "../engine/distributions.js";
import { describeValue } from "./InputError.js";
import { distributionJsonSchema, unitJsonSchema } from "./unitJsonSchema.js";
import {
  parseBandwidthBytesPerSec,
  parseCount,
  parseDurationMs,
  parseFraction,
  parseRatePerSec,
  parseSizeBytes,
  UnitError,
} from "./units.js";

type UnitParser = (input: string | number) => number;
type IssueSink = { addIssue(issue: { code: "custom"; message: string; path?: PropertyKey[] }): void };

/** Thrown inside field parsing to report a bad value at a sub-path of the field. */
class FieldIssue extends Error {
  constructor(
    readonly subPath: PropertyKey[],
    message: string,
  ) {
    super(message);
  }
}

function unitValue(parse: UnitParser, raw: unknown, subPath: PropertyKey[]): number {
  if (typeof raw !== "string" && typeof raw !== "number") {
    throw new FieldIssue(subPath, `expected a number or a string with a unit; found ${describeValue(raw)}`);
  }
  try {
    return parse(raw);
  } catch (error) {
    if (error instanceof UnitError) throw new FieldIssue(subPath, error.message);
    throw error;
  }
}

function report(ctx: IssueSink, error: unknown): typeof z.NEVER {
  if (!(error instanceof FieldIssue)) throw error;
  ctx.addIssue({ code: "custom", message: error.message, path: error.subPath });
  return z.NEVER;
}

/** A scalar field parsed by a unit parser, with an optional range check in canonical units. */
function quantity(parse: UnitParser, check?: (value: number) => string | undefined) {
  return z.unknown().transform((raw, ctx) => {
    try {
      const value = unitValue(parse, raw, []);
      const problem = check?.(value);
      if (problem !== undefined) throw new FieldIssue([], `expected ${problem}; found ${describeValue(raw)}`);
      return value;
    } catch (error) {
      return report(ctx, error);
    }
  });
}

const positive = (value: number) => (value > 0 ? undefined : "a value greater than zero");

/**
 * Upper bounds, so that no total can overflow to Infinity and no sampler gets a non-finite
 * argument. Times are integer ms held in doubles, exact only below 2^53 ms (285,000 years):
 * a duration of at most 30,000 years (the validation runs go to 1e8 h, 11,400 years) keeps
 * sums of several of them exact. A size
 * of at most 1000 PB, a bandwidth of at most 1 PB/s and a count of at most 10^12 are far past
 * any mail system and keep the fleet totals finite. Each limit is a parser wrapped with its
 * check, so every field of the kind gets it, also inside distributions.
 */
const MAX_DURATION_MS = 30_000 * 365.25 * 86_400_000;
const MAX_SIZE_BYTES = 1e18;
const MAX_BANDWIDTH_BYTES_PER_SEC = 1e15;
const MAX_COUNT = 1e12;

function bounded(parse: UnitParser, max: number, limitText: string, why: string): UnitParser {
  return (input) => {
    const value = parse(input);
    if (value > max)
      throw new UnitError(`expected at most ${limitText} (${why}); found ${describeValue(input)}`);
    return value;
  };
}

const EXACT_TIMES = "times are whole milliseconds, exact below 2^53";
const boundedDurationMs = bounded(parseDurationMs, MAX_DURATION_MS, "30000 years", EXACT_TIMES);
const boundedSizeBytes = bounded(parseSizeBytes, MAX_SIZE_BYTES, "1000PB", "so fleet totals stay finite");
const SUB_MS_ROUNDING = "so transfer times stay above a millisecond's rounding";
const boundedBandwidth = bounded(
  parseBandwidthBytesPerSec,
  MAX_BANDWIDTH_BYTES_PER_SEC,
  "1PB/s",
  SUB_MS_ROUNDING,
);
const boundedCount = bounded(parseCount, MAX_COUNT, "10^12", "so totals stay exact integers below 2^53");

export const durationMs = () => quantity(boundedDurationMs).meta(unitJsonSchema("duration"));
export const positiveDurationMs = () =>
  quantity(boundedDurationMs, positive).meta(unitJsonSchema("duration"));
export const fraction = () => quantity(parseFraction).meta(unitJsonSchema("fraction"));
export const sizeBytes = () => quantity(boundedSizeBytes).meta(unitJsonSchema("size"));
export const bandwidthBytesPerSec = () =>
  quantity(boundedBandwidth, positive).meta(unitJsonSchema("bandwidth"));
export const count = () => quantity(boundedCount).meta(unitJsonSchema("count"));
export const ratePerSec = () => quantity(parseRatePerSec, positive).meta(unitJsonSchema("rate"));

/** A whole number within [min, max], written plainly or with separators/suffixes (`9_000_000`, `1.5M`). */
export function integer(min: number, max: number, what = "a whole number") {
  return quantity(parseCount, (value) =>
    Number.isInteger(value) && value >= min && value <= max ? undefined : `${what} from ${min} to ${max}`,
  ).meta({
    ...unitJsonSchema("count"),
    description: `${what} from ${min} to ${max} (e.g. 9_000_000 or 1.5M)`,
  });
}

const DISTRIBUTION_FORMS =
  "a value, or one of { exponential: {mean} }, { lognormal: {median, sigma} | {mean, cv} }, " +
  "{ weibull: {shape, scale} | {shape, mean} }, { gamma: {shape, scale} | {shape, mean} }, " +
  "{ uniform: [min, max] }, { deterministic: value }, { empirical: [[value, weight], ...] }";

type Params = Record<string, unknown>;

function paramsOf(raw: unknown, kind: string, allowed: string[][]): Params {
  const where = [kind];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new FieldIssue(
      where,
      `expected an object with ${allowed.map((k) => `{${k}}`).join(" or ")}; found ${describeValue(raw)}`,
    );
  }
  const keys = Object.keys(raw).sort();
  const match = allowed.find(
    (set) => set.length === keys.length && [...set].sort().every((k, i) => k === keys[i]),
  );
  if (match === undefined) {
    throw new FieldIssue(
      where,
      `expected the keys ${allowed.map((k) => `{${k.join(", ")}}`).join(" or ")}; found {${keys.join(", ")}}`,
    );
  }
  return raw as Params;
}

/**
 * Bounds of the shape parameters, so every sampler's arguments stay finite: a lognormal sigma
 * above 4 (or cv above 100) puts the mean thousands of times above the median and single draws
 * beyond 2^53; a Weibull or gamma shape below 0.05 needs Γ(1 + 1/shape) beyond 10^18 to turn
 * a mean into a scale, and above 1000 is a constant in all but name.
 */
const SHAPE_BOUNDS: Record<string, readonly [number, number]> = {
  sigma: [0, 4],
  cv: [0, 100],
  shape: [0.05, 1000],
};

function shapeParameter(raw: unknown, subPath: PropertyKey[]): number {
  const key = String(subPath[subPath.length - 1]);
  const [min, max] = SHAPE_BOUNDS[key] ?? [0, Number.POSITIVE_INFINITY];
  if (typeof raw !== "number" || !Number.isFinite(raw) || raw <= min || raw > max) {
    const range = min === 0 ? `greater than zero and at most ${max}` : `from ${min} to ${max}`;
    throw new FieldIssue(subPath, `expected a plain number ${range}; found ${describeValue(raw)}`);
  }
  return raw;
}

function requirePositive(value: number, subPath: PropertyKey[], raw: unknown): number {
  if (!(value > 0))
    throw new FieldIssue(subPath, `expected a value greater than zero; found ${describeValue(raw)}`);
  return value;
}

function parseLognormal(raw: unknown, parse: UnitParser): DistributionSpec {
  const p = paramsOf(raw, "lognormal", [
    ["median", "sigma"],
    ["mean", "cv"],
  ]);
  if ("median" in p) {
    const median = requirePositive(
      unitValue(parse, p.median, ["lognormal", "median"]),
      ["lognormal", "median"],
      p.median,
    );
    const sigma = shapeParameter(p.sigma, ["lognormal", "sigma"]);
    return { kind: "lognormal", median, sigma };
  }
  const mean = requirePositive(
    unitValue(parse, p.mean, ["lognormal", "mean"]),
    ["lognormal", "mean"],
    p.mean,
  );
  return lognormalFromMeanCv(mean, shapeParameter(p.cv, ["lognormal", "cv"]));
}

function parseShapeScale(kind: "weibull" | "gamma", raw: unknown, parse: UnitParser): DistributionSpec {
  const p = paramsOf(raw, kind, [
    ["shape", "scale"],
    ["shape", "mean"],
  ]);
  const shape = shapeParameter(p.shape, [kind, "shape"]);
  const key = "scale" in p ? "scale" : "mean";
  const value = requirePositive(unitValue(parse, p[key], [kind, key]), [kind, key], p[key]);
  if (key === "scale") return { kind, shape, scale: value };
  return kind === "weibull" ? weibullFromMean(shape, value) : { kind: "gamma", shape, scale: value / shape };
}

function parseUniform(raw: unknown, parse: UnitParser): DistributionSpec {
  const pair = Array.isArray(raw)
    ? raw
    : raw !== null && typeof raw === "object"
      ? [(raw as Params).min, (raw as Params).max]
      : [];
  if (pair.length !== 2)
    throw new FieldIssue(["uniform"], `expected [min, max]; found ${describeValue(raw)}`);
  const min = unitValue(parse, pair[0], ["uniform", 0]);
  const max = unitValue(parse, pair[1], ["uniform", 1]);
  if (!(max >= min)) throw new FieldIssue(["uniform"], `expected min <= max; found ${describeValue(raw)}`);
  return { kind: "uniform", min, max };
}

function parseEmpirical(raw: unknown, parse: UnitParser): DistributionSpec {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new FieldIssue(
      ["empirical"],
      `expected a non-empty list of [value, weight] pairs; found ${describeValue(raw)}`,
    );
  }
  const values: number[] = [];
  const weights: number[] = [];
  raw.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== 2) {
      throw new FieldIssue(["empirical", i], `expected a [value, weight] pair; found ${describeValue(row)}`);
    }
    values.push(unitValue(parse, row[0], ["empirical", i, 0]));
    const weight = row[1];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0 || weight > MAX_COUNT) {
      // Bounded so the weights' total stays finite and a small weight is not lost in it.
      throw new FieldIssue(
        ["empirical", i, 1],
        `expected a weight from 0 to 10^12; found ${describeValue(weight)}`,
      );
    }
    weights.push(weight);
  });
  if (!weights.some((w) => w > 0))
    throw new FieldIssue(["empirical"], "expected at least one positive weight; found all zero");
  return { kind: "empirical", values, weights };
}

function parseDistribution(raw: unknown, parse: UnitParser): DistributionSpec {
  if (typeof raw === "string" || typeof raw === "number")
    return { kind: "deterministic", value: unitValue(parse, raw, []) };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Object.keys(raw).length !== 1) {
    throw new FieldIssue([], `expected ${DISTRIBUTION_FORMS}; found ${describeValue(raw)}`);
  }
  const [kind, params] = Object.entries(raw)[0]!;
  switch (kind) {
    case "exponential": {
      const p = paramsOf(params, kind, [["mean"]]);
      return {
        kind,
        mean: requirePositive(unitValue(parse, p.mean, [kind, "mean"]), [kind, "mean"], p.mean),
      };
    }
    case "lognormal":
      return parseLognormal(params, parse);
    case "weibull":
    case "gamma":
      return parseShapeScale(kind, params, parse);
    case "uniform":
      return parseUniform(params, parse);
    case "deterministic":
      return { kind, value: unitValue(parse, params, [kind]) };
    case "empirical":
      return parseEmpirical(params, parse);
    default:
      throw new FieldIssue(
        [],
        `expected ${DISTRIBUTION_FORMS}; found the unknown distribution ${describeValue(kind)}`,
      );
  }
}

/** A random quantity: a plain value (deterministic) or a distribution whose values use `parse`'s unit. */
function distribution(parse: UnitParser) {
  return z.unknown().transform((raw, ctx) => {
    try {
      return parseDistribution(raw, parse);
    } catch (error) {
      return report(ctx, error);
    }
  });
}

export const durationDistribution = () =>
  distribution(boundedDurationMs).meta(distributionJsonSchema("duration"));
export const sizeDistribution = () => distribution(boundedSizeBytes).meta(distributionJsonSchema("size"));
export const countDistribution = () => distribution(boundedCount).meta(distributionJsonSchema("count"));
