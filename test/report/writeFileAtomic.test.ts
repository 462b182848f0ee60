import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/report/writeFileAtomic.js";

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
});
