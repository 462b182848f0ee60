/**
 * `maildrill estimate` end to end: the JSON result is byte-identical for 1 and 2 threads (also
 * with `--bias auto` and `--precision`), the text report shows the interval, relative error, ESS
 * and variance reduction, bad --bias, --precision or --property values are one error line with
 * exit 2 before any run, the flags of cached or distributed runs are not offered at all, and
 * `--html` writes the same page for any number of threads.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliOutcome, runCliQueued as cli, expectOneErrorLine } from "../helpers/runCli.js";

const SCENARIO = "test/fixtures/validation/rare-loss-2way.yaml";
const ARGS = ["estimate", SCENARIO, "--property", "no-silent-loss", "--runs", "300"];

let oneThread: Promise<CliOutcome>;
let twoThreads: Promise<CliOutcome>;
let text: Promise<CliOutcome>;
const AUTO_PRECISE = ["--runs", "100", "--bias", "auto", "--precision", "20%", "--json"];
// One file name in two directories; the page's reproduce command names the file, so the
// directory is the one difference allowed.
const HTML_DIRS = [1, 2].map(() => mkdtempSync(join(tmpdir(), "maildrill-estimate-")));
const page = (k: number) =>
  readFileSync(join(HTML_DIRS[k]!, "e.html"), "utf8").replaceAll(HTML_DIRS[k]!, "DIR");
let autoOneThread: Promise<CliOutcome>;
let autoTwoThreads: Promise<CliOutcome>;
beforeAll(() => {
  oneThread = cli([...ARGS, "--threads", "1", "--json"]);
  twoThreads = cli([...ARGS, "--threads", "2", "--json"]);
  text = cli([...ARGS, "--threads", "1"]);
  const html = (k: number) => ["--html", join(HTML_DIRS[k]!, "e.html")];
  autoOneThread = cli([...ARGS.slice(0, 4), ...AUTO_PRECISE, "--threads", "1", ...html(0)]);
  autoTwoThreads = cli([...ARGS.slice(0, 4), ...AUTO_PRECISE, "--threads", "2", ...html(1)]);
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

  it("biases node and RAID clocks the same way for any number of threads", async () => {
    const args = [
      "estimate",
      "test/fixtures/rare/raid5-rare.yaml",
      "--property",
      "no-silent-loss",
      "--runs",
      "200",
      "--json",
    ];
    const [a, b] = await Promise.all([cli([...args, "--threads", "1"]), cli([...args, "--threads", "2"])]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const result = JSON.parse(a.stdout);
    expect(result.biasedClocks).toEqual(["backends.filer.raid.diskTtf"]);
    // Exact P(RAID-5 loss within 1000 h) 5.543175e-7 (docs/validation.md): within 4 SE.
    const { estimate, standardError } = result.estimate.probability;
    expect(result.estimate.breakingRuns).toBeGreaterThan(30);
    expect(Math.abs(estimate - 5.543175e-7)).toBeLessThanOrEqual(4 * standardError);
  });

  it("prints the interval, the relative error, the ESS and the variance reduction", async () => {
    const out = await text;
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/probability +\d\.\d{3}e-\d+ {2}95% \[/);
    expect(out.stdout).toMatch(/relative error \d+\.\d%/);
    expect(out.stdout).toMatch(/effective sample size +\d/);
    expect(out.stdout).toMatch(/variance reduction +\d\.\d{3}e\+\d+× against plain Monte Carlo on 300 runs/);
  });

  it("chooses the bias by pilot runs and stops at --precision, the same for 1 and 2 threads", async () => {
    const [a, b] = await Promise.all([autoOneThread, autoTwoThreads]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const result = JSON.parse(a.stdout);
    expect(result.biasSearch.candidates.map((c: { degraded: number }) => c.degraded)).toEqual([
      0.2, 0.35, 0.5, 0.65, 0.8,
    ]);
    expect(result.biasSearch.pilotSeeds).toBe("2403/pilot/1..100");
    expect(result.bias.degraded).toBe(result.biasSearch.chosen);
    // The chosen candidate has the lowest pilot relative error (none warns here).
    const errors = result.biasSearch.candidates.map((c: { relativeError: number }) => c.relativeError);
    expect(
      errors[
        result.biasSearch.candidates.findIndex(
          (c: { degraded: number }) => c.degraded === result.biasSearch.chosen,
        )
      ],
    ).toBe(Math.min(...errors));
    // Batches of 100 until the relative error is within 20%: more than one batch, a whole number of them.
    expect(result.precision.met).toBe(true);
    expect(result.runs).toBeGreaterThan(100);
    expect(result.runs % 100).toBe(0);
    expect(result.estimate.probability.relativeError).toBeLessThanOrEqual(0.2);
    expect(result.estimate.runs).toBe(result.runs);
    // The HTML page: the same bytes for 1 and 2 threads, with the probability and the pilot table.
    expect(page(1)).toBe(page(0));
    expect(page(0)).toContain(result.estimate.probability.estimate.toExponential(3));
    expect(page(0)).toContain("pilot relative error");
    expect(page(0)).toContain("Reproduce this report");
  });

  it("rejects a bias outside (0, 1), a bad precision and an unknown property before running", async () => {
    expectOneErrorLine(
      await cli([...ARGS, "--bias", "1.5"]),
      /--bias: expected auto or a probability in \(0, 1\)/,
    );
    expectOneErrorLine(await cli([...ARGS, "--bias", "often"]), /--bias: expected auto or a probability/);
    expectOneErrorLine(
      await cli([...ARGS, "--precision", "0"]),
      /--precision: expected a relative half-width/,
    );
    expectOneErrorLine(await cli([...ARGS, "--precision", "wide"]), /--precision/);
    expectOneErrorLine(
      await cli([...ARGS, "--max-runs", "5000"]),
      /--max-runs: expected --precision with it/,
    );
    expectOneErrorLine(await cli(["estimate", SCENARIO, "--property", "no-such"]), /--property/);
  });

  it("offers no flag of cached, sharded or Redis runs: each is an unknown option", async () => {
    const flags = [
      ["--redis", "redis://localhost:6379"],
      ["--shard", "1/2"],
      ["--merge", "x"],
      ["--cache", "x"],
      ["--no-cache"],
    ];
    const outcomes = await Promise.all(flags.map((flag) => cli([...ARGS, ...flag])));
    for (const [k, flag] of flags.entries())
      expectOneErrorLine(outcomes[k]!, new RegExp(`unknown option '${flag[0]}'`));
    const help = await cli(["estimate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).not.toMatch(/--redis|--shard|--merge|--cache/);
    expect(help.stdout).toMatch(/--precision/);
  });
});
