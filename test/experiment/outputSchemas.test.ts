/**
 * The published output schemas describe exactly the result types the code builds (so neither
 * can move alone), hold for every pinned run result, and refuse what the outputs must never
 * contain (a -1 sentinel, a probability above 1). Real outputs of every command are validated
 * through the CLI in test/cli/commands/schema.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { CompareResult } from "../../src/experiment/compare.js";
import {
  type compareResultSchema,
  runResultSchema,
  type sweepResultSchema,
} from "../../src/experiment/outputSchemas.js";
import type { RunResult } from "../../src/experiment/runScenario.js";
import type { SweepResult } from "../../src/experiment/sweep.js";

const PINNED = "test/fixtures/pinned";
const pinned = readdirSync(PINNED).map((file) => JSON.parse(readFileSync(join(PINNED, file), "utf8")));

describe("output schemas", () => {
  it("describe exactly the result types", () => {
    expectTypeOf<z.infer<typeof runResultSchema>>().toEqualTypeOf<RunResult>();
    // Run records are an intersection type in the code: equal up to assignability both ways.
    expectTypeOf<z.infer<typeof compareResultSchema>>().toExtend<CompareResult>();
    expectTypeOf<CompareResult>().toExtend<z.infer<typeof compareResultSchema>>();
    expectTypeOf<z.infer<typeof sweepResultSchema>>().toExtend<SweepResult>();
    expectTypeOf<SweepResult>().toExtend<z.infer<typeof sweepResultSchema>>();
  });

  it("hold for every pinned run result", () => {
    expect(pinned.length).toBeGreaterThan(0);
    for (const result of pinned) runResultSchema.parse(result);
  });

  it("refuse a -1 sentinel and a probability above 1", () => {
    const run = pinned[0];
    const m = run.measurements;
    const sentinel = { ...run, measurements: { ...m, integrity: { ...m.integrity, firstDataLossMs: -1 } } };
    expect(runResultSchema.safeParse(sentinel).success).toBe(false);
    const above = {
      ...run,
      measurements: { ...m, availability: { ...m.availability, fleetAvailability: 1.2 } },
    };
    expect(runResultSchema.safeParse(above).success).toBe(false);
  });
});
