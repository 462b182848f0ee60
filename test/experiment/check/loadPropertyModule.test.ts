/**
 * User property modules: a default-exported predicate (named after its file) or a
 * `{ name, holds }` object, or the export named `property`; anything else, or a missing
 * file, is one InputError naming `--property <file>`. Catalogue names are not paths.
 */
import { describe, expect, it } from "vitest";
import { loadPropertyModule, looksLikeModulePath } from "../../../src/experiment/check/loadPropertyModule.js";
import type { RunResult } from "../../../src/experiment/runScenario.js";
import { scratchFolder } from "../../helpers/scratchFolder.js";

const scratch = scratchFolder("maildrill-property");
const moduleFile = (name: string, source: string) => scratch.file(name, source);

const lossy = { measurements: { ledger: { silentlyLost: 5 } } } as unknown as RunResult;

describe("loadPropertyModule", () => {
  it("takes a default-exported predicate, named after the file", async () => {
    const path = moduleFile("few-lost.mjs", "export default (r) => r.measurements.ledger.silentlyLost < 3;");
    const property = await loadPropertyModule(path);
    expect(property.name).toBe("few-lost");
    expect(property.holds(lossy)).toBe(false);
  });

  it("takes an object { name, holds } exported as `property`", async () => {
    const source = 'export const property = { name: "any", holds: () => true };';
    const property = await loadPropertyModule(moduleFile("named.mjs", source));
    expect(property.name).toBe("any");
    expect(property.holds(lossy)).toBe(true);
  });

  it.each([
    ["nothing usable", "export const other = 1;", /expected a predicate .*; found neither$/],
    [
      "a module that fails to load",
      "throw new Error('boom');",
      /expected a module that loads; found it failing with Error: boom/,
    ],
  ])("refuses %s with one line naming --property", async (_, source, message) => {
    const path = moduleFile(`bad-${source.length}.mjs`, source);
    await expect(loadPropertyModule(path)).rejects.toThrow(message);
  });

  it("refuses a missing file", async () => {
    await expect(loadPropertyModule("no/such/property.mjs")).rejects.toThrow(
      "--property no/such/property.mjs: expected a JavaScript module file; found no such file",
    );
  });

  it("tells paths from catalogue names", () => {
    expect(looksLikeModulePath("./p.js")).toBe(true);
    expect(looksLikeModulePath("p.ts")).toBe(true);
    expect(looksLikeModulePath("availability>=99.9%")).toBe(false);
    expect(looksLikeModulePath("ttr-p99<=4h")).toBe(false);
  });
});
