/**
 * The fuzzer's documents: the shipped scenarios and test fixtures, mutated the way an
 * adversarial user would — keys deleted, values of the wrong type, extreme numbers, odd
 * units, unicode and control characters, deep nesting, huge strings, duplicated entries,
 * dangling references — and, as often, changed in ways that stay valid (scaled numbers,
 * other units) so that accepted runs are exercised too. Drawn by fast-check from a seed, so
 * a document is reproducible from (seed, index).
 *
 * Contract: `fuzzBases()` reads the base documents (fleets cut to at most 5,000 mailboxes so a
 * run stays short); `documentArbitrary(bases)` draws one document's text. What a document
 * must lead to is decided by fuzzOutcome.ts, not here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";

export interface FuzzBase {
  name: string;
  data: Record<string, unknown>;
}

const BASE_DIRS = [
  "scenarios",
  "test/fixtures/regressions",
  "test/fixtures/validation",
  "test/fixtures/rollout",
  "test/fixtures/experiment",
  "test/fixtures/check",
];
const MAX_BASE_MAILBOXES = 5000;

export function fuzzBases(root: string): FuzzBase[] {
  const bases: FuzzBase[] = [];
  for (const dir of BASE_DIRS) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (!file.endsWith(".yaml")) continue;
      const data = parse(readFileSync(join(root, dir, file), "utf8")) as Record<string, unknown>;
      shrink(data);
      bases.push({ name: `${dir}/${file}`, data });
    }
  }
  return bases;
}

/**
 * Bases cut to a size whose run takes well under a second, so that mutations (which may
 * multiply a number by 1,000) explore the input space rather than the validation fixtures'
 * million-hour horizons: at most 5,000 mailboxes, 200 nodes per backend, 2,000 groups.
 */
function shrink(data: Record<string, unknown>): void {
  const fleet = data.fleet as Record<string, unknown> | undefined;
  if (fleet && (typeof fleet.mailboxes !== "number" || fleet.mailboxes > MAX_BASE_MAILBOXES))
    fleet.mailboxes = MAX_BASE_MAILBOXES;
  for (const backend of Object.values((data.backends ?? {}) as Record<string, Record<string, unknown>>)) {
    if (typeof backend.nodes === "number") backend.nodes = Math.min(backend.nodes, 200);
    if (typeof backend.nodesPerCluster === "number")
      backend.nodesPerCluster = Math.min(backend.nodesPerCluster, 50);
    if (typeof backend.clusters === "number") backend.clusters = Math.min(backend.clusters, 4);
  }
  const protection = data.protection as Record<string, unknown> | undefined;
  if (protection && typeof protection.groups === "number")
    protection.groups = Math.min(protection.groups, 2000);
}

type Path = (string | number)[];

/** Every path to a value in the document, parents before children. */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v] as [number, unknown])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) {
    out.push([...prefix, key]);
    paths(child, [...prefix, key], out);
  }
  return out;
}

const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);

const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    1e-300,
    5e-324,
    0.5,
    1e15,
    1e20,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.constantFrom(
    "1ms",
    "0s",
    "1000y",
    "999999999d",
    "5 parsecs",
    "1e400GB",
    "-3h",
    "1.5",
    "100%",
    "250%",
    "1/s",
    "1EB/s",
    "NaN",
    "Infinity",
    "",
  ),
  fc.constantFrom(
    "\u202e\u2066x",
    "\u001b[2J\u001b[31mred",
    "nul\u0000bel\u0007",
    "😀🚀",
    "é\u0301",
    "\ud800",
    "a\nb",
  ),
  fc.constantFrom(true, false, null, [], {}, [1, 2], { a: 1 }),
  fc.integer({ min: 1, max: 120 }).map((n) => "x".repeat(n * 1000)),
  fc.integer({ min: 1, max: 100 }).map((d) => nested(d, 1)),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
);

/** A value of the same kind, still likely valid: scaled numbers, other units. */
function validLooking(old: unknown): fc.Arbitrary<unknown> {
  if (typeof old === "number")
    return fc
      .constantFrom(0.001, 0.5, 2, 10, 1000)
      .map((f) => (Number.isInteger(old) ? Math.max(0, Math.round(old * f)) : old * f));
  if (typeof old === "string") {
    const m = /^([\d.]+)\s*([A-Za-z%/]+)$/.exec(old);
    if (m)
      return fc.constantFrom(0.01, 0.5, 2, 100).map((f) => `${+(Number(m[1]) * f).toPrecision(6)}${m[2]}`);
  }
  return fc.constant(old);
}

type Mutation =
  | { op: "delete"; at: number }
  | { op: "set"; at: number; value: unknown }
  | { op: "tweak"; at: number; pick: number }
  | { op: "duplicate"; at: number }
  | { op: "dangle"; at: number }
  | { op: "addKey"; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: strangeValue }),
  fc.record({ op: fc.constant("tweak" as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant("tweak" as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("dangle" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("addKey" as const),
    at: fc.nat(),
    key: fc.constantFrom("\u001b[2J", "horizn", "bugs", "name", "x".repeat(5000), "kind"),
    value: strangeValue,
  }),
);

function containerAt(doc: unknown, path: Path): Record<string | number, unknown> {
  let node = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

function apply(
  doc: Record<string, unknown>,
  m: Mutation,
  tweakValue: (old: unknown, pick: number) => unknown,
): void {
  const all = paths(doc);
  if (all.length === 0) return;
  const path = all[m.at % all.length]!;
  const parent = containerAt(doc, path);
  const key = path[path.length - 1]!;
  switch (m.op) {
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case "set":
      parent[key] = m.value;
      return;
    case "tweak":
      parent[key] = tweakValue(parent[key], m.pick);
      return;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else parent[key] = [parent[key], parent[key]];
      return;
    case "dangle":
      if (typeof parent[key] === "string") parent[key] = `${String(parent[key])}-missing`;
      return;
    case "addKey": {
      const target = parent[key];
      if (target !== null && typeof target === "object" && !Array.isArray(target))
        (target as Record<string, unknown>)[m.key] = m.value;
      else parent[m.key] = m.value;
      return;
    }
  }
}

/** Text-level damage the data model cannot express: duplicate keys, cut files, deep flow nesting. */
type TextDamage = "none" | "duplicate-key" | "truncate" | "deep-flow" | "json";

export function documentArbitrary(bases: readonly FuzzBase[]): fc.Arbitrary<string> {
  return fc
    .record({
      base: fc.nat({ max: bases.length - 1 }),
      mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }),
      damage: fc.constantFrom<TextDamage>(
        "none",
        "none",
        "none",
        "none",
        "none",
        "none",
        "duplicate-key",
        "truncate",
        "deep-flow",
        "json",
      ),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    })
    .map(({ base, mutations, damage, cut, picks }) => {
      const doc = structuredClone(bases[base]!.data);
      for (const m of mutations) {
        apply(doc, m, (old, pick) => {
          const sample = fc.sample(validLooking(old), { seed: pick, numRuns: 1 })[0];
          return sample;
        });
      }
      let text = damage === "json" ? JSON.stringify(doc) : stringify(doc, { lineWidth: 0 });
      if (damage === "duplicate-key") text = `${text}name: again\n`;
      if (damage === "truncate") text = text.slice(0, Math.floor(text.length * cut));
      if (damage === "deep-flow")
        text = `${text}extra: ${"[".repeat(40 + (picks[0]! % 200))}1${"]".repeat(40 + (picks[0]! % 200))}\n`;
      return text;
    });
}
