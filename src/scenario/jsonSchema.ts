/**
 * The JSON Schema of the scenario format, generated from the zod schema so the two cannot
 * drift. Fields with units are strings or numbers in the file; the schema says so, and the
 * descriptions name the accepted units.
 */
import { z } from "zod";
import { scenarioSchema } from "./schema.js";

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: "maildrill scenario",
    description:
      "A maildrill scenario. Durations: 250ms 90s 15m 6h 4d 2w 3mo 1y; sizes: 512KB 2.5TB 4PB (or KiB..PiB); " +
      "bandwidths: 20GB/s 60TB/day; rates: 1.5M/day 100/h; shares: 1.5%. Distributions: a value or " +
      "{exponential|lognormal|weibull|gamma|uniform|deterministic|empirical: ...}.",
  };
}
