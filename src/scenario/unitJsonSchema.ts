/**
 * What a unit field looks like in the scenario's JSON Schema: a string pattern (and the plain
 * numbers the parser also takes) instead of an empty `{}`, so an editor can flag `6 hours` or
 * `2.5 TB/day` as the user types. The patterns are built from the parsers' own unit tables
 * (units.ts `UNIT_WORDS`), so a unit added there is accepted here.
 *
 * Contract: a pattern accepts every string its parser accepts (a test checks the parsers'
 * examples and more); it may accept a few the parser refuses (a duration whose units do not
 * decrease, a fraction above 100%), which the loader still rejects with its one-line error:
 * the schema helps an editor, the loader decides.
 */
import { UNIT_WORDS } from "./units.js";

type JsonSchema = Record<string, unknown>;

const NUMBER = String.raw`\d+(?:_\d+)*(?:\.\d+)?(?:e[+-]?\d+)?`;
const alternatives = (words: readonly string[]) =>
  `(?:${[...words].sort((a, b) => b.length - a.length).join("|")})`;
const TIME = alternatives(UNIT_WORDS.time);
const SIZE = alternatives(UNIT_WORDS.size);
const SUFFIX = alternatives(UNIT_WORDS.countSuffix);
const anchored = (body: string) => String.raw`^\s*${body}\s*$`;

const patterns = {
  duration: anchored(String.raw`(?:${NUMBER}\s*${TIME}\s*)+`),
  size: anchored(String.raw`${NUMBER}\s*${SIZE}?`),
  bandwidth: anchored(String.raw`${NUMBER}\s*${SIZE}\s*/\s*${TIME}`),
  rate: anchored(String.raw`${NUMBER}\s*${SUFFIX}?\s*/\s*${TIME}`),
  fraction: anchored(String.raw`${NUMBER}\s*%?`),
  count: anchored(String.raw`${NUMBER}\s*${SUFFIX}?`),
} as const;

export type UnitKind = keyof typeof patterns;

export const UNIT_PATTERNS: Readonly<Record<UnitKind, string>> = patterns;

const WORDS: Record<UnitKind, string> = {
  duration: "A duration: a number and a unit (ms s m h d w mo y), e.g. 90s, 6h, 1h30m, 4d; or 0",
  size: "A size: e.g. 512MB, 2.5TB, 1GiB (B KB MB GB TB PB, KiB … PiB); a bare number is bytes",
  bandwidth: "A bandwidth: a size per time unit, e.g. 20GB/s, 60TB/day, 500MB/h",
  rate: "A rate: a count per time unit, e.g. 100/h, 1.5M/day, 0.5/s",
  fraction: "A share: a number from 0 to 1, or a percentage such as 1.5%",
  count: "A count: e.g. 9_000_000, 3e9, 1.5M (suffixes k M G)",
};

/** The plain JSON numbers the parser takes besides strings (see units.ts). */
const NUMBERS: Record<UnitKind, JsonSchema | undefined> = {
  duration: { const: 0 },
  size: { type: "number", minimum: 0 },
  bandwidth: undefined,
  rate: undefined,
  fraction: { type: "number", minimum: 0, maximum: 1 },
  count: { type: "number", minimum: 0 },
};

/** The JSON Schema of a scalar field of this kind. */
export function unitJsonSchema(kind: UnitKind): JsonSchema {
  const text = { type: "string", pattern: UNIT_PATTERNS[kind] };
  const number = NUMBERS[kind];
  return {
    ...(number === undefined ? text : { anyOf: [text, number] }),
    description: WORDS[kind],
  };
}

const DISTRIBUTION_PARAMS = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
};

/** A random quantity: a plain value of the kind, or one distribution whose values are of that kind. */
export function distributionJsonSchema(kind: UnitKind): JsonSchema {
  const value = unitJsonSchema(kind);
  const params = (keys: string[], description: string) => ({
    type: "object",
    additionalProperties: false,
    description,
    properties: Object.fromEntries(
      keys.map((k) => [
        k,
        PARAMETER_WORDS[k] === undefined
          ? value
          : { type: "number", exclusiveMinimum: 0, description: PARAMETER_WORDS[k] },
      ]),
    ),
  });
  return {
    anyOf: [
      value,
      {
        ...DISTRIBUTION_PARAMS,
        properties: {
          exponential: { ...params(["mean"], "Exponential (memoryless) with this mean"), required: ["mean"] },
          lognormal: params(["median", "sigma", "mean", "cv"], "Lognormal: {median, sigma} or {mean, cv}"),
          weibull: params(["shape", "scale", "mean"], "Weibull: {shape, scale} or {shape, mean}"),
          gamma: params(["shape", "scale", "mean"], "Gamma: {shape, scale} or {shape, mean}"),
          uniform: {
            type: "array",
            items: value,
            minItems: 2,
            maxItems: 2,
            description: "Uniform on [min, max]",
          },
          deterministic: { ...value, description: "Always this value" },
          empirical: {
            description: "Drawn from these values in proportion to their weights: [[value, weight], …]",
            type: "array",
            items: {
              type: "array",
              prefixItems: [value, { type: "number", minimum: 0 }],
              minItems: 2,
              maxItems: 2,
            },
          },
        },
      },
    ],
    description: `${WORDS[kind]}; or a distribution: { exponential: {mean} }, { lognormal: {median, sigma} | {mean, cv} }, { weibull|gamma: {shape, scale} | {shape, mean} }, { uniform: [min, max] }, { deterministic: value }, { empirical: [[value, weight], …] }`,
  };
}

/** The unitless distribution parameters; the others (mean, median, scale) take the field's unit. */
const PARAMETER_WORDS: Record<string, string | undefined> = {
  sigma: "Standard deviation of the logarithm (lognormal spread), a plain number > 0",
  cv: "Coefficient of variation (sd / mean), a plain number > 0",
  shape: "Shape parameter, a plain number > 0 (Weibull < 1: infant mortality; > 1: wear-out)",
};
