/**
 * The code identity keys the run cache and names the Redis queue, so it must change when any
 * module's bytes change and stay put for everything that cannot change a figure (declarations,
 * source maps, the order a directory lists in). It does not verify that every figure-changing
 * input is covered: plugins and scenarios enter the unit key separately (unitKey.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { codeDigest, codeIdentity } from "../../src/cli/codeIdentity.js";
import { packageVersion } from "../../src/cli/packageVersion.js";

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "maildrill-code-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("codeIdentity", () => {
  it("is the package version and 16 hex digits of the running code, with no ':'", () => {
    expect(codeIdentity()).toMatch(new RegExp(`^${packageVersion().replaceAll(".", "\\.")}-[0-9a-f]{16}$`));
    expect(codeIdentity()).toBe(codeIdentity());
  });

  it("changes with one byte of one module, and with a renamed module", () => {
    const base = { "a.js": "export const a = 1;", "engine/b.js": "export const b = 2;" };
    const digest = codeDigest(tree(base));
    expect(codeDigest(tree(base))).toBe(digest);
    expect(codeDigest(tree({ ...base, "engine/b.js": "export const b = 3;" }))).not.toBe(digest);
    expect(codeDigest(tree({ "a.js": base["a.js"], "engine/c.js": base["engine/b.js"] }))).not.toBe(digest);
  });

  it("ignores declarations, source maps and other files, and the order files were written in", () => {
    const digest = codeDigest(tree({ "engine/b.js": "b", "a.ts": "a" }));
    expect(codeDigest(tree({ "a.ts": "a", "engine/b.js": "b" }))).toBe(digest);
    expect(
      codeDigest(tree({ "a.ts": "a", "engine/b.js": "b", "a.d.ts": "x", "a.js.map": "y", "README.md": "z" })),
    ).toBe(digest);
  });
});
