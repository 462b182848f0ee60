/**
 * JSON that gives back exactly the numbers it was given, in two spellings: `losslessJson` keeps
 * an object's key order (a cached run's figures must come back in the order the report prints
 * them), `canonicalJson` sorts the keys (the same content always hashes to the same key,
 * whatever order it was built in).
 *
 * Plain JSON writes NaN and ±Infinity as null and −0 as 0. A run result that went through
 * Redis or the cache must be the value the run produced, bit for bit, or a resumed experiment
 * would not be byte-identical to an uninterrupted one; so those four numbers are written as
 * `{"$n":"NaN"}`, `{"$n":"Infinity"}`, `{"$n":"-Infinity"}` and `{"$n":"-0"}`.
 *
 * Contract: `parseLosslessJson(losslessJson(v))` is deep-equal to `v` for plain data (objects,
 * arrays, strings, booleans, null, numbers); object properties that are undefined are dropped,
 * as JSON does. A Map, Set or function, or an object that already has a `$n` key, is refused
 * with an Error rather than silently turned into something else.
 */

const TAG = "$n";
const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Infinity,
  "-Infinity": -Infinity,
  "-0": -0,
};

function tagged(value: unknown): unknown {
  if (typeof value === "number") {
    if (Object.is(value, -0)) return { [TAG]: "-0" };
    if (!Number.isFinite(value)) return { [TAG]: String(value) };
    return value;
  }
  if (value instanceof Map || value instanceof Set || typeof value === "function")
    throw new Error(`losslessJson: cannot encode a ${value.constructor.name}`);
  if (value !== null && typeof value === "object" && !Array.isArray(value) && TAG in value)
    throw new Error(`losslessJson: an object with a "${TAG}" key is reserved`);
  return value;
}

function sortedKeys(value: unknown): unknown {
  const plain = tagged(value);
  if (plain === null || typeof plain !== "object" || Array.isArray(plain)) return plain;
  const source = plain as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) sorted[key] = source[key];
  return sorted;
}

export function losslessJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => tagged(v));
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => sortedKeys(v));
}

export function parseLosslessJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0] !== TAG) return v;
    const name = (v as Record<string, unknown>)[TAG];
    if (typeof name !== "string" || !(name in SPECIAL))
      throw new Error(`losslessJson: unknown number ${String(name)}`);
    return SPECIAL[name];
  });
}
