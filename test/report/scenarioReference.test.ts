/**
 * The scenario JSON Schema is what an editor shows, and docs/scenario-reference.md is drawn
 * from it: every key carries a description, no field is an empty `{}`, and the committed page
 * is exactly what the schema gives today (UPDATE_DOCS=1 rewrites it after a schema change).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarioReferenceMarkdown } from "../../src/report/scenarioReference.js";
import { scenarioJsonSchema } from "../../src/scenario/jsonSchema.js";
import { UNIT_PATTERNS } from "../../src/scenario/unitJsonSchema.js";

type Json = Record<string, unknown>;

/** Every property of the schema, with its path, wherever it is nested. */
function properties(node: unknown, path = ""): [string, unknown][] {
  if (Array.isArray(node)) return node.flatMap((item) => properties(item, path));
  if (typeof node !== "object" || node === null) return [];
  const found: [string, unknown][] = [];
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === "properties")
      for (const [name, child] of Object.entries(value as Json)) {
        found.push([`${path}.${name}`, child]);
        found.push(...properties(child, `${path}.${name}`));
      }
    else found.push(...properties(value, path));
  }
  return found;
}

const REFERENCE = new URL("../../docs/scenario-reference.md", import.meta.url);

describe("the scenario JSON Schema and its reference page", () => {
  const schema = scenarioJsonSchema();

  it("describes every key and types every field", () => {
    const all = properties(schema);
    expect(all.length).toBeGreaterThan(150);
    expect(
      all.filter(([, child]) => typeof (child as Json).description !== "string").map(([p]) => p),
    ).toEqual([]);
    expect(all.filter(([, child]) => Object.keys(child as Json).length === 0).map(([p]) => p)).toEqual([]);
  });

  it("gives unit fields patterns that accept what the parsers accept", () => {
    const accepts = (kind: keyof typeof UNIT_PATTERNS, text: string) =>
      new RegExp(UNIT_PATTERNS[kind]).test(text);
    for (const text of ["90s", "1h30m", "4 d", "250ms", "3mo", "1_000s"])
      expect(accepts("duration", text)).toBe(true);
    for (const text of ["6 hours", "h", "4"]) expect(accepts("duration", text)).toBe(false);
    for (const text of ["512MB", "2.5TB", "1GiB", "1024"]) expect(accepts("size", text)).toBe(true);
    expect(accepts("size", "2.5 TB/day")).toBe(false);
    expect(accepts("bandwidth", "60TB/day")).toBe(true);
    expect(accepts("bandwidth", "500/s")).toBe(false);
    expect(accepts("rate", "1.5M/day")).toBe(true);
    expect(accepts("fraction", "1.5%")).toBe(true);
    expect(accepts("count", "9_000_000")).toBe(true);
    expect(accepts("count", "3e9")).toBe(true);
  });

  it("is the committed docs/scenario-reference.md", () => {
    const markdown = scenarioReferenceMarkdown(schema);
    if (process.env.UPDATE_DOCS === "1") writeFileSync(REFERENCE, markdown);
    expect(markdown).toBe(readFileSync(REFERENCE, "utf8"));
    expect(markdown).toContain("| `migration.bandwidth` | bandwidth |");
    expect(markdown).toContain("| `fleet.size` | size or distribution |");
  });
});
