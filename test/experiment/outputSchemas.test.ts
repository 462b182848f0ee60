/**
 * The published output schemas hold for real outputs: the JSON every command writes, produced
 * through the real CLI (run, replay via run's shape, compare, sweep, check --out) and the
 * pinned run results, parses against the schema `maildrill schema --output` prints; and the
 * schemas' types are exactly the result types the code builds, so neither can move alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { CompareResult } from "../../src/experiment/compare.js";
import {
  type compareResultSchema,
  OUTPUT_KINDS,
  OUTPUT_SCHEMAS,
  outputJsonSchema,
  runResultSchema,
  type sweepResultSchema,
} from "../../src/experiment/outputSchemas.js";
import type { RunResult } from "../../src/experiment/runScenario.js";
import type { SweepResult } from "../../src/experiment/sweep.js";
import { runCliQueued as cli } from "../helpers/runCli.js";
import { SMALL_MIGRATION, SMALL_SWEEP_ARGS } from "../helpers/smallExperiment.js";

const scratch = mkdtempSync(join(tmpdir(), "maildrill-schemas-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outputs = {
  run: cli(["run", SMALL_MIGRATION, "--strategy", "canary", "--json"]),
  compare: cli(["compare", SMALL_MIGRATION, "--runs", "2", "--threads", "1", "--json"]),
  sweep: cli([...SMALL_SWEEP_ARGS, "--json"]),
  check: cli([
    "check",
    "test/fixtures/check/weak-async.yaml",
    "--property",
    "no-silent-loss",
    "--seed",
    "1",
    "--out",
    join(scratch, "failing.json"),
  ]),
};

describe("output schemas", () => {
  it("describe exactly the result types", () => {
    expectTypeOf<z.infer<typeof runResultSchema>>().toEqualTypeOf<RunResult>();
    // Run records are an intersection type in the code: equal up to assignability both ways.
    expectTypeOf<z.infer<typeof compareResultSchema>>().toExtend<CompareResult>();
    expectTypeOf<CompareResult>().toExtend<z.infer<typeof compareResultSchema>>();
    expectTypeOf<z.infer<typeof sweepResultSchema>>().toExtend<SweepResult>();
    expectTypeOf<SweepResult>().toExtend<z.infer<typeof sweepResultSchema>>();
  });

  it.each(["run", "compare", "sweep"] as const)("hold for `maildrill %s --json`", async (kind) => {
    const out = await outputs[kind];
    expect(out.code).toBe(0);
    OUTPUT_SCHEMAS[kind].parse(JSON.parse(out.stdout));
  });

  it("hold for the failing run `maildrill check --out` writes", async () => {
    expect((await outputs.check).code).toBe(1);
    OUTPUT_SCHEMAS.check.parse(JSON.parse(readFileSync(join(scratch, "failing.json"), "utf8")));
  });

  it("hold for every pinned run result", () => {
    const folder = "test/fixtures/pinned";
    for (const file of readdirSync(folder))
      runResultSchema.parse(JSON.parse(readFileSync(join(folder, file), "utf8")));
  });

  it("reject a -1 sentinel and a probability above 1", async () => {
    const run = JSON.parse((await outputs.run).stdout);
    expect(
      runResultSchema.safeParse({
        ...run,
        measurements: {
          ...run.measurements,
          integrity: { ...run.measurements.integrity, firstDataLossMs: -1 },
        },
      }).success,
    ).toBe(false);
    const availability = { ...run.measurements.availability, fleetAvailability: 1.2 };
    expect(
      runResultSchema.safeParse({ ...run, measurements: { ...run.measurements, availability } }).success,
    ).toBe(false);
  });

  it.each(OUTPUT_KINDS)("`maildrill schema --output %s` prints the published JSON Schema", async (kind) => {
    const out = await cli(["schema", "--output", kind]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(outputJsonSchema(kind));
    expect(JSON.stringify(JSON.parse(out.stdout))).not.toContain('"properties":{}');
  });
});
