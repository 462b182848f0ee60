/**
 * losslessJson keeps every number exactly (−0, NaN, ±Infinity included) and an object's key
 * order; canonicalJson sorts keys, so content built in any order hashes alike; values JSON
 * would silently mangle are refused.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  losslessJson,
  parseLosslessJson,
} from "../../../src/experiment/cache/losslessJson.js";

describe("losslessJson", () => {
  it("gives back -0, NaN, ±Infinity and ordinary numbers exactly, keys in their order", () => {
    const value = { z: -0, a: [Number.NaN, Infinity, -Infinity, 0.1 + 0.2, null], m: { y: true, b: "s" } };
    const back = parseLosslessJson(losslessJson(value)) as typeof value;
    expect(Object.is(back.z, -0)).toBe(true);
    expect(back.a[0]).toBeNaN();
    expect(back.a.slice(1)).toEqual([Infinity, -Infinity, 0.30000000000000004, null]);
    expect(Object.keys(back)).toEqual(["z", "a", "m"]);
    expect(JSON.stringify(back.m)).toBe('{"y":true,"b":"s"}');
  });

  it("spells the same content the same way whatever its key order, when canonical", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: -0 } })).toBe(
      canonicalJson({ a: { c: -0, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 0 })).not.toBe(canonicalJson({ a: -0 }));
  });

  it("refuses what JSON would silently change", () => {
    expect(() => losslessJson({ m: new Map() })).toThrow(/Map/);
    expect(() => losslessJson({ $n: "NaN" })).toThrow(/reserved/);
  });
});
