// Regenerates the README's pictures of the HTML reports (docs/img/*.png): a compare and a run
// of the built-in Libero 2023 scenario, each written with --html by the CLI from the sources,
// opened in headless Chromium (the tests' launcher) and photographed section by section.
//
//   npm run screenshots                 # 4 runs per strategy (about 3 minutes on 2 cores)
//   MAILDRILL_SCREENSHOT_RUNS=8 npm run screenshots
//
// The compare uses fewer runs than the default 8 (MAILDRILL_SCREENSHOT_RUNS, default 4) so that
// the script finishes in a few minutes; the run is the one the compare report names as the
// worst big-bang run of the default compare (seed 2023/2). The HTML pages go to a temporary
// directory and are not kept: only the PNGs are committed.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../test/helpers/browser.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const outDir = join(root, "docs/img");
const runs = process.env.MAILDRILL_SCREENSHOT_RUNS ?? "4";
const scratch = mkdtempSync(join(tmpdir(), "maildrill-screenshots-"));

function maildrill(args) {
  execFileSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * Photographs, for each title in `shots` (title → PNG name), the first section whose heading
 * is that title or ends with it (a compare under variants heads each variant's panels
 * "<variant>: <title>"; the first variant is the scenario as written).
 */
async function photograph(page, file, shots) {
  await page.goto(`file://${file}`, { waitUntil: "load" });
  const sections = await page.$$("section");
  const taken = new Set();
  for (const section of sections) {
    const heading = await section.$eval("h2", (h) => h.textContent ?? "");
    const prefix = Object.keys(shots).find(
      (p) => !taken.has(p) && (heading.startsWith(p) || heading.endsWith(`: ${p}`)),
    );
    if (prefix === undefined) continue;
    taken.add(prefix);
    await section.screenshot({ path: join(outDir, shots[prefix]) });
    console.log(`docs/img/${shots[prefix]}  ←  ${heading}`);
  }
}

mkdirSync(outDir, { recursive: true });
const compareHtml = join(scratch, "compare.html");
const runHtml = join(scratch, "run.html");
try {
  maildrill(["compare", "scenarios/libero-2023.yaml", "--runs", runs, "--html", compareHtml]);
  maildrill([
    "run",
    "scenarios/libero-2023.yaml",
    "--strategy",
    "big-bang",
    "--seed",
    "2023/2",
    "--html",
    runHtml,
  ]);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1150, height: 900, deviceScaleFactor: 1 });
    await photograph(page, compareHtml, {
      "Which plan, under each assumption": "compare-regret.png",
      "Figures with their 95% intervals": "compare-figures.png",
      "Mailboxes down over time": "compare-over-time.png",
      "Risk and cost": "compare-risk-cost.png",
    });
    await photograph(page, runHtml, {
      "Availability over time": "run-availability.png",
      "Deferred mail over time": "run-deferred-mail.png",
    });
  } finally {
    await browser.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
