/**
 * The scenario fuzzer in the test suite: a bounded number of mutated documents on fixed
 * seeds (so CI is reproducible), each of which must be refused with one clean line or run
 * with every invariant holding (fuzz/fuzzOutcome.ts), and every crasher the fuzzer ever kept
 * (test/fixtures/fuzz-crashers/) replayed as a regression. Long runs: `npm run fuzz -- --docs
 * 10000 --seed S` (docs/reliability.md). Time per document is measured there, not here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzOutcome } from "../../fuzz/fuzzOutcome.js";
import { documentArbitrary, fuzzBases } from "../../fuzz/scenarioMutations.js";
import { REPO_ROOT } from "../helpers/runCli.js";

const SEEDS = [11, 12, 13];
const DOCS_PER_SEED = 60;
const CRASHERS = join(REPO_ROOT, "test/fixtures/fuzz-crashers");

describe("fuzzed scenarios are refused cleanly or run with every invariant", () => {
  const bases = fuzzBases(REPO_ROOT);
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${DOCS_PER_SEED} documents`, () => {
      const texts = fc.sample(documentArbitrary(bases), { seed, numRuns: DOCS_PER_SEED });
      const outcomes = texts.map((text) => fuzzOutcome(text));
      const bad = outcomes.filter((o) => o.kind !== "refused" && o.kind !== "ran");
      expect(bad.map((o) => `${o.kind}: ${o.detail.split("\n")[0]}`)).toEqual([]);
      // The mutator must reach both sides, or it is not testing what it claims.
      expect(outcomes.some((o) => o.kind === "ran")).toBe(true);
      expect(outcomes.some((o) => o.kind === "refused")).toBe(true);
    }, 120_000);
  }
});

const crashers = existsSync(CRASHERS)
  ? readdirSync(CRASHERS)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
  : [];

describe.skipIf(crashers.length === 0)("crashers the fuzzer found stay fixed", () => {
  it.each(crashers)("%s", (file) => {
    const outcome = fuzzOutcome(readFileSync(join(CRASHERS, file), "utf8"));
    expect(`${outcome.kind}: ${outcome.detail.split("\n")[0]}`).toMatch(/^(ran|refused): /);
  });
});
