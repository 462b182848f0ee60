/**
 * `maildrill estimate` end to end: the JSON result is byte-identical for 1 and 2 threads, the
 * text report shows the interval, relative error, ESS and variance reduction, and bad --bias or
 * --property values are one error line with exit 2 before any run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type CliOutcome, runCliQueued as cli, expectOneErrorLine } from "../helpers/runCli.js";

const SCENARIO = "test/fixtures/validation/rare-loss-2way.yaml";
const ARGS = ["estimate", SCENARIO, "--property", "no-silent-loss", "--runs", "300"];

let oneThread: Promise<CliOutcome>;
let twoThreads: Promise<CliOutcome>;
let text: Promise<CliOutcome>;
beforeAll(() => {
  oneThread = cli([...ARGS, "--threads", "1", "--json"]);
  twoThreads = cli([...ARGS, "--threads", "2", "--json"]);
  text = cli([...ARGS, "--threads", "1"]);
});

describe("maildrill estimate", () => {
  it("gives the same JSON for any number of threads, with a tiny probability and its error", async () => {
    const [a, b] = await Promise.all([oneThread, twoThreads]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const result = JSON.parse(a.stdout);
    expect(result.biasedClocks).toEqual(["protection.shardLoss.ttf"]);
    expect(result.estimate.breakingRuns).toBeGreaterThan(30);
    // Exact data-loss probability 7.92e-8 (docs/validation.md); silent loss needs stored mail too.
    expect(result.estimate.probability.estimate).toBeGreaterThan(1e-8);
    expect(result.estimate.probability.estimate).toBeLessThan(2e-7);
    expect(result.estimate.varianceReduction).toBeGreaterThan(1e3);
  });

  it("prints the interval, the relative error, the ESS and the variance reduction", async () => {
    const out = await text;
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/probability +\d\.\d{3}e-\d+ {2}95% \[/);
    expect(out.stdout).toMatch(/relative error \d+\.\d%/);
    expect(out.stdout).toMatch(/effective sample size +\d/);
    expect(out.stdout).toMatch(/variance reduction +\d\.\d{3}e\+\d+× against plain Monte Carlo on 300 runs/);
  });

  it("rejects a bias outside (0, 1) and an unknown property before running", async () => {
    expectOneErrorLine(
      await cli([...ARGS, "--bias", "1.5"]),
      /--bias: expected auto or a probability in \(0, 1\)/,
    );
    expectOneErrorLine(await cli(["estimate", SCENARIO, "--property", "no-such"]), /--property/);
  });
});
