import { configDefaults, defineConfig } from "vitest/config";

/**
 * Three projects over one set of files, split by cost so that the edit-test loop is quick:
 *
 * - `unit`: everything in-process and fast, under a minute in all (`npm run test:unit`);
 * - `cli`: the end-to-end suites under test/cli that start the real CLI in child processes
 *   (each start loads TypeScript sources through tsx, about a second of CPU);
 * - `validation`: the suites that run thousands of simulations against closed forms or the
 *   public record (`*.validation.test.ts`), the incident scenarios and the slow property
 *   suites (`npm run test:validation`).
 *
 * `npm test` runs all three, as CI does.
 *
 * `unit` shares one module graph between its files (`isolate: false`): importing the sources
 * afresh for each of ~50 files cost more than the tests themselves. That is safe because no
 * test mocks a module, the one spy restores itself, the plugin registry is emptied before and
 * after each test that fills it, and the only cache (the last fleet drawn) is keyed by the
 * fleet section and seed. The slower projects keep per-file isolation.
 */
const CLI = ["test/cli/**/*.test.ts"];
const VALIDATION = [
  "test/**/*.validation.test.ts",
  "test/**/*.property.test.ts",
  "test/scenarios/**/*.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          isolate: false,
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...CLI, ...VALIDATION],
        },
      },
      { extends: true, test: { name: "cli", include: CLI } },
      { extends: true, test: { name: "validation", include: VALIDATION } },
    ],
  },
});
