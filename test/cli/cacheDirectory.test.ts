/** The default run cache: the OS cache directory per platform, or MAILDRILL_CACHE (a directory, or off). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCacheDirectory } from "../../src/cli/cacheDirectory.js";

describe("defaultCacheDirectory", () => {
  it("follows each platform's convention", () => {
    expect(defaultCacheDirectory({}, "linux", "/home/u")).toBe(
      join("/home/u", ".cache", "maildrill", "runs"),
    );
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: "/x" }, "linux", "/home/u")).toBe(
      join("/x", "maildrill", "runs"),
    );
    expect(defaultCacheDirectory({}, "darwin", "/Users/u")).toBe(
      join("/Users/u", "Library", "Caches", "maildrill", "runs"),
    );
    expect(defaultCacheDirectory({ LOCALAPPDATA: "C:/L" }, "win32", "C:/u")).toBe(
      join("C:/L", "maildrill", "Cache", "runs"),
    );
  });

  it("lets MAILDRILL_CACHE move it or turn it off", () => {
    expect(defaultCacheDirectory({ MAILDRILL_CACHE: "/tmp/c" }, "linux", "/home/u")).toBe("/tmp/c");
    expect(defaultCacheDirectory({ MAILDRILL_CACHE: "off" }, "linux", "/home/u")).toBeUndefined();
  });
});
