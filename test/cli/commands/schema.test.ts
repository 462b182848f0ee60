/**
 * `maildrill schema --output run|compare|sweep|check` prints the published JSON Schema of each
 * command's JSON, and the real outputs of every command, produced through the CLI, hold to it:
 * `run --json`, `compare --json`, `sweep --json` and the failing run `check --out` writes.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_KINDS, OUTPUT_SCHEMAS, outputJsonSchema } from "../../../src/experiment/outputSchemas.js";
import { runCliQueued as cli } from "../../helpers/runCli.js";
import { SMALL_MIGRATION, SMALL_SWEEP_ARGS } from "../../helpers/smallExperiment.js";

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

describe("maildrill schema --output", () => {
  it.each(["run", "compare", "sweep"] as const)("holds for `maildrill %s --json`", async (kind) => {
    const out = await outputs[kind];
    expect(out.code).toBe(0);
    OUTPUT_SCHEMAS[kind].parse(JSON.parse(out.stdout));
  });

  it("holds for the failing run `maildrill check --out` writes", async () => {
    expect((await outputs.check).code).toBe(1);
    OUTPUT_SCHEMAS.check.parse(JSON.parse(readFileSync(join(scratch, "failing.json"), "utf8")));
  });

  it.each(OUTPUT_KINDS)("prints the published JSON Schema of %s", async (kind) => {
    const out = await cli(["schema", "--output", kind]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(outputJsonSchema(kind));
    expect(out.stdout).not.toMatch(/"properties": \{\}/);
  });
});
