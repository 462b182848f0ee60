import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInside } from "../../src/scenario/parseInside.js";

/** A field that takes either the word "none" or an object, as the scenario schemas do. */
function wordOrObject(prefix: PropertyKey[]) {
  const inner = z.object({ count: z.number().int() });
  return z.object({
    field: z
      .unknown()
      .transform((raw, ctx) => (raw === "none" ? null : parseInside(inner, raw, ctx, prefix))),
  });
}

describe("parseInside", () => {
  it("returns the sub-schema's output", () => {
    expect(wordOrObject([]).parse({ field: { count: 3 } })).toEqual({ field: { count: 3 } });
  });

  it("reports the sub-schema's issues under the field's path, then the prefix", () => {
    const plain = wordOrObject([]).safeParse({ field: { count: 1.5 } });
    expect(plain.success).toBe(false);
    expect(plain.error?.issues.map((i) => i.path)).toEqual([["field", "count"]]);
    const prefixed = wordOrObject(["patch"]).safeParse({ field: { count: "x" } });
    expect(prefixed.error?.issues.map((i) => i.path)).toEqual([["field", "patch", "count"]]);
  });
});
