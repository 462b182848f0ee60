/**
 * Ctrl-C and kill during a compare of the built-in Libero scenario (seconds per run): exit 130 (SIGINT) or 143 (SIGTERM), one line saying how
 * many runs had finished, and no result file written.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/runCli.js";

const scratch = mkdtempSync(join(tmpdir(), "maildrill-interrupt-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function interrupted(signal: "SIGINT" | "SIGTERM", out: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "compare", "--runs", "200", "--threads", "1", "--out", out],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MAILDRILL_CACHE: "off" } },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  // Signalled once the program is well into its runs (tsx start-up takes a second or two).
  const timer = setTimeout(() => child.kill(signal), 6000);
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}

describe("interrupting an experiment", () => {
  it("SIGINT: exit 130, how many runs had finished, no output file", async () => {
    const out = join(scratch, "int.json");
    const { code, stderr } = await interrupted("SIGINT", out);
    expect(code).toBe(130);
    expect(stderr).toMatch(/^maildrill: interrupted by SIGINT after \d+ of \d+ runs had finished; [^\n]+\n$/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it("SIGTERM: exit 143", async () => {
    const { code, stderr } = await interrupted("SIGTERM", join(scratch, "term.json"));
    expect(code).toBe(143);
    expect(stderr).toMatch(/interrupted by SIGTERM after \d+ of \d+ runs/);
  }, 30_000);
});
