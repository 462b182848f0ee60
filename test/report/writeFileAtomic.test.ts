import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openOutputFile, writeFileAtomic } from "../../src/report/writeFileAtomic.js";
import { REPO_ROOT } from "../helpers/runCli.js";

describe("writeFileAtomic", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "maildrill-atomic-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the content and leaves no temporary file", () => {
    const target = join(dir, "result.json");
    writeFileAtomic(target, '{"ok":true}\n');
    expect(readFileSync(target, "utf8")).toBe('{"ok":true}\n');
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });

  it("replaces an existing file whole", () => {
    const target = join(dir, "result.json");
    writeFileSync(target, "old content that is longer than the new one");
    writeFileAtomic(target, "new ✓");
    expect(readFileSync(target, "utf8")).toBe("new ✓");
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });

  it("throws and creates nothing when the directory is missing", () => {
    const target = join(dir, "missing", "result.json");
    expect(() => writeFileAtomic(target, "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves the target untouched and removes the temporary file when the rename fails", () => {
    const target = join(dir, "taken");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "keep");
    expect(() => writeFileAtomic(target, "x")).toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
    expect(readFileSync(join(target, "inside"), "utf8")).toBe("keep");
  });

  it("writes a symlink's target and keeps the link a link (also a dangling one)", () => {
    writeFileSync(join(dir, "real.json"), "old");
    symlinkSync("real.json", join(dir, "link.json"));
    writeFileAtomic(join(dir, "link.json"), "new");
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.json"), "utf8")).toBe("new");
    symlinkSync("later.json", join(dir, "dangling.json"));
    writeFileAtomic(join(dir, "dangling.json"), "made");
    expect(readlinkSync(join(dir, "dangling.json"))).toBe("later.json");
    expect(readFileSync(join(dir, "later.json"), "utf8")).toBe("made");
  });

  it("keeps an existing file's permission bits", () => {
    const target = join(dir, "private.json");
    writeFileSync(target, "old");
    chmodSync(target, 0o640);
    writeFileAtomic(target, "new");
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, "utf8")).toBe("new");
  });

  it("writes a FIFO in place instead of replacing it", async () => {
    const fifo = join(dir, "pipe");
    spawnSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      got += chunk;
    });
    const closed = new Promise((resolve) => reader.on("close", resolve));
    writeFileAtomic(fifo, "through the pipe\n");
    await closed;
    expect(got).toBe("through the pipe\n");
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it("streams: content reaches the temp file before commit, and abort leaves the old file", () => {
    const target = join(dir, "trace.jsonl");
    writeFileSync(target, "old");
    const file = openOutputFile(target);
    file.write("x".repeat(200_000));
    const temp = readdirSync(dir).find((name) => name.endsWith(".tmp"))!;
    expect(statSync(join(dir, temp)).size).toBeGreaterThan(100_000);
    file.abort();
    expect(readdirSync(dir)).toEqual(["trace.jsonl"]);
    expect(readFileSync(target, "utf8")).toBe("old");
  });

  it("a kill -9 mid-write leaves the old file whole, and the next write removes the dead process's temp file", async () => {
    const target = join(dir, "result.json");
    writeFileSync(target, "old and whole");
    // A writer that streams forever: it is killed with the temp file open and half written.
    const script = `import { openOutputFile } from "./src/report/writeFileAtomic.ts";
      const f = openOutputFile(${JSON.stringify(target)});
      for (let i = 0; ; i++) { f.write("y".repeat(70000)); if (i === 3) process.stdout.write("written\\n"); }`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const stale = `.result.json.${child.pid}.tmp`;
    expect(existsSync(join(dir, stale))).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("old and whole");
    writeFileAtomic(target, "new and whole");
    expect(readFileSync(target, "utf8")).toBe("new and whole");
    expect(readdirSync(dir)).toEqual(["result.json"]);
  });
});
