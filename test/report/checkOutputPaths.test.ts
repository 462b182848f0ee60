/**
 * Output paths are checked before any run: a missing directory, a read-only directory or
 * file, a directory, the same file twice and an empty string are refused with one line
 * naming the flag; `-`, a FIFO and a device are accepted (written in place). Through the CLI,
 * the refusal comes before the scenario is even read, with exit 2.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOutputPaths } from "../../src/report/checkOutputPaths.js";
import { expectOneErrorLine, runCliQueued } from "../helpers/runCli.js";

const isRoot = process.getuid?.() === 0;

function refusal(targets: { flag: string; path: string | undefined }[]): string {
  try {
    checkOutputPaths(targets);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("checkOutputPaths", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "maildrill-out-"));
  });
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a missing directory, a directory, an empty string and the same file twice", () => {
    expect(refusal([{ flag: "--out", path: join(dir, "missing", "r.json") }])).toMatch(
      /^--out: expected a file in an existing directory \(.*missing does not exist\); found/,
    );
    expect(refusal([{ flag: "--trace", path: dir }])).toMatch(
      /^--trace: expected a file path, not a directory/,
    );
    expect(refusal([{ flag: "--out", path: "" }])).toBe(
      '--out: expected a file path (or - for standard output); found ""',
    );
    symlinkSync("r.json", join(dir, "alias.json"));
    expect(
      refusal([
        { flag: "--out", path: join(dir, "r.json") },
        { flag: "--trace", path: join(dir, "alias.json") },
      ]),
    ).toMatch(/^--trace: expected a different file from --out; found/);
    expect(readdirSync(dir)).toEqual(["alias.json"]);
  });

  it("refuses a read-only directory (probed by creating the temp file, so also as root)", () => {
    const readOnly = isRoot ? "/sys" : join(dir, "ro");
    if (!isRoot) {
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
    }
    expect(refusal([{ flag: "--out", path: join(readOnly, "r.json") }])).toMatch(
      /^--out: expected a file in a writable directory \(.* is not\)/,
    );
  });

  it.skipIf(isRoot)("refuses a read-only file", () => {
    const file = join(dir, "locked.json");
    writeFileSync(file, "keep");
    chmodSync(file, 0o444);
    expect(refusal([{ flag: "--out", path: file }])).toMatch(/^--out: expected a file that can be written/);
  });

  it("accepts -, a FIFO and a device, and a new file in a writable directory, creating nothing", () => {
    spawnSync("mkfifo", [join(dir, "pipe")]);
    expect(() =>
      checkOutputPaths([
        { flag: "--out", path: "-" },
        { flag: "--trace", path: join(dir, "pipe") },
        { flag: "--csv-out", path: "/dev/null" },
        { flag: "--html", path: join(dir, "new.html") },
      ]),
    ).not.toThrow();
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });
});

describe("output paths through the CLI", () => {
  it("compare refuses an --out in a missing directory with exit 2 before reading the scenario", async () => {
    const outcome = await runCliQueued([
      "compare",
      "no-such-scenario.yaml",
      "--out",
      "/nonexistent-dir/r.json",
    ]);
    expectOneErrorLine(outcome, /^maildrill: --out: expected a file in an existing directory/);
  });

  it("run refuses --out and --trace naming the same file", async () => {
    const outcome = await runCliQueued(["run", "--out", "same.json", "--trace", "./same.json"]);
    expectOneErrorLine(
      outcome,
      /^maildrill: --trace: expected a different file from --out; found "\.\/same\.json"/,
    );
  });
});
