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
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...CLI, ...VALIDATION],
        },
      },
      { extends: true, test: { name: "cli", include: CLI } },
      { extends: true, test: { name: "validation", include: VALIDATION } },
    ],
  },
});
