/**
 * Pinned results: the whole `--json` output of fixed small scenarios and seeds, byte for byte.
 *
 * A speed-up must not change results; this test catches one that does. When a change to the
 * model is *meant* to change results, regenerate the files and say why in the commit:
 *
 *   UPDATE_PINNED=1 npx vitest run test/experiment/pinnedResults.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

const CASES = [
  {
    file: "test/fixtures/rollout/small-migration.yaml",
    strategy: "canary",
    seed: 3,
    pinned: "small-migration-canary-3.json",
  },
  { file: "scenarios/quickstart.yaml", seed: 7, pinned: "quickstart-7.json" },
  { file: "test/fixtures/regressions/damage-then-loss.yaml", seed: 5, pinned: "damage-then-loss-5.json" },
];

const pinnedPath = (name: string) => fileURLToPath(new URL(`../fixtures/pinned/${name}`, import.meta.url));

describe("pinned results", () => {
  for (const c of CASES) {
    it(`${c.file} (seed ${c.seed}${c.strategy ? `, ${c.strategy}` : ""}) is byte-identical to ${c.pinned}`, () => {
      const result = runScenario(loadScenarioFile(c.file), {
        seed: c.seed,
        ...(c.strategy ? { strategy: c.strategy } : {}),
      });
      const json = `${JSON.stringify(result, null, 2)}\n`;
      if (process.env.UPDATE_PINNED === "1") writeFileSync(pinnedPath(c.pinned), json);
      expect(json).toBe(readFileSync(pinnedPath(c.pinned), "utf8"));
    });
  }
});
