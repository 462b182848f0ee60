/**
 * `--html` end to end: each kind of report (run, compare, sweep, check) written by the real
 * CLI, opened in a real headless Chromium — every chart is an SVG of non-zero size, the
 * strategy names are in the charts, there are no console errors and no request leaves the
 * file — and the bytes are the same for the same input (twice for run; --threads 1 and 2 for
 * compare, whose command line shown in the report omits --threads).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openReport } from "../helpers/browser.js";
import { runCliQueued as cli } from "../helpers/runCli.js";

const FIXTURE = "test/fixtures/experiment/migration-small.yaml";
const STRATEGIES = ["big-bang", "canary", "dual-write"];
const scratch = mkdtempSync(join(tmpdir(), "maildrill-html-"));
const path = (name: string) => join(scratch, name);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the CLI writing `--html <name>` and returns the page's bytes (a second call overwrites it). */
async function html(name: string, args: string[], expectedCode = 0): Promise<string> {
  const outcome = await cli([...args, "--html", path(name)]);
  expect(outcome.stderr).toBe("");
  expect(outcome.code).toBe(expectedCode);
  return readFileSync(path(name), "utf8");
}

async function expectOpens(name: string, minCharts: number, names: readonly string[]) {
  const page = readFileSync(path(name), "utf8");
  const opened = await openReport(browser, path(name));
  expect(opened.consoleErrors).toEqual([]);
  expect(opened.outsideRequests).toEqual([]);
  expect(opened.charts.length).toBe(page.split('<figure class="chart"').length - 1);
  expect(opened.charts.length).toBeGreaterThanOrEqual(minCharts);
  for (const chart of opened.charts) {
    expect(chart.width, chart.id).toBeGreaterThan(100);
    expect(chart.height, chart.id).toBeGreaterThan(50);
  }
  const chartText = opened.charts.map((c) => c.text).join(" ");
  for (const strategy of names) expect(chartText).toContain(strategy);
  return opened;
}

describe("maildrill --html", () => {
  it("run: the same page twice, with the scenario, seed, version and command; charts open in Chromium", async () => {
    const args = ["run", FIXTURE, "--strategy", "canary", "--seed", "5"];
    const first = await html("run.html", args);
    const second = await html("run.html", args);
    expect(second).toBe(first);
    expect(first).toContain("migration-small");
    expect(first).toContain("seed 5");
    expect(first).toMatch(/<dd>\d+\.\d+\.\d+<\/dd>/);
    expect(first).toContain(`maildrill run ${FIXTURE} --strategy canary --seed 5 --html ${path("run.html")}`);
    expect(first).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const opened = await expectOpens("run.html", 3, ["canary"]);
    expect(opened.charts.map((c) => c.id)).toContain("chart-availability");
  });

  it("compare: byte-identical for --threads 1 and 2; every chart names the strategies it draws", async () => {
    const args = ["compare", FIXTURE, "--runs", "3", "--strategies", STRATEGIES.join(",")];
    const one = await html("compare.html", [...args, "--threads", "1"]);
    const two = await html("compare.html", [...args, "--threads", "2"]);
    expect(two).toBe(one);
    expect(one).not.toContain("--threads");
    const opened = await expectOpens("compare.html", 6, STRATEGIES);
    const forest = opened.charts.find((c) => c.id === "chart-forest")!;
    for (const strategy of STRATEGIES) expect(forest.text).toContain(strategy);
  });

  it("compare with variants: the regret table first, then one group of panels per variant", async () => {
    const variantsFixture = "test/fixtures/experiment/variants-small.yaml";
    const page = await html("variants.html", ["compare", variantsFixture, "--runs", "2"]);
    expect(page).toContain("Which plan, under each assumption");
    for (const variant of ["as-written", "per-node-threshold", "service-wide"])
      expect(page).toContain(`Under variant ${variant}`);
    const opened = await expectOpens("variants.html", 18, ["big-bang", "dual-write", "canary"]);
    // Each variant's forest plot is its own chart, drawn from that variant's runs.
    const forests = opened.charts.filter((c) => c.id.endsWith("forest")).map((c) => c.id);
    expect(forests).toEqual(["chart-v0-forest", "chart-v1-forest", "chart-v2-forest"]);
  });

  it("sweep: one chart per figure, each naming the strategy run", async () => {
    await html("sweep.html", [
      "sweep",
      FIXTURE,
      "--vary",
      "backends.legacy.takeover=none,2m",
      "--vary",
      "strategies.dual-write.retain=5d,10d",
      "--strategy",
      "dual-write",
      "--runs",
      "2",
      "--threads",
      "1",
    ]);
    const opened = await expectOpens("sweep.html", 11, ["dual-write"]);
    expect(opened.charts.every((c) => c.text.includes("dual-write"))).toBe(true);
  });

  it("check: the counterexample's schedule shaded on the failing run's timeline", async () => {
    const page = await html(
      "check.html",
      ["check", "test/fixtures/check/weak-async.yaml", "--property", "no-silent-loss"],
      1,
    );
    expect(page).toContain("crash on a/node/0");
    await expectOpens("check.html", 3, []);
  });
});
