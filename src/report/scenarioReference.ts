/**
 * docs/scenario-reference.md, written from the scenario's JSON Schema: one table row per key
 * (its path, its type, its default, its description), so the reference and what an editor
 * shows come from the same `.describe()` texts on the zod schema and cannot drift apart. A
 * test regenerates the page and fails when the committed one differs
 * (`UPDATE_DOCS=1 npx vitest run test/report/scenarioReference.test.ts` rewrites it).
 *
 * Paths: `a.b` for a key, `a.<name>` for a map's entries (backends, strategies), `a[]` for a
 * list's items. Keys of several forms (the backend kinds, the strategy kinds, a trigger's
 * forms) are listed once per path, with the first form's description. The forms of unit
 * fields and distributions are not unfolded: their description says how to write them.
 *
 * Contract: a pure function of the JSON Schema; deterministic order (the schema's own).
 */
import { UNIT_PATTERNS } from "../scenario/unitJsonSchema.js";

type Json = Record<string, unknown>;

interface Row {
  path: string;
  type: string;
  defaultValue: string;
  description: string;
}

export function scenarioReferenceMarkdown(schema: Json): string {
  const rows: Row[] = [];
  const seen = new Set<string>();
  visit(schema, "", rows, seen);
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "# Scenario reference",
    "",
    "<!-- Generated from the zod schema (src/report/scenarioReference.ts); do not edit by hand. -->",
    "",
    "Every key of a scenario file, as `maildrill schema` describes it to editors. Units and",
    "distributions are explained in `docs/model.md`; `scenarios/migration-template.yaml` is a",
    "commented example. `<name>` stands for a name you choose; `[]` for each item of a list.",
    "",
    "| key | type | default | description |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${cell(r.path)}\` | ${cell(r.type)} | ${r.defaultValue === "" ? "" : `\`${cell(r.defaultValue)}\``} | ${cell(r.description)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

function visit(node: Json, path: string, rows: Row[], seen: Set<string>): void {
  const properties = node.properties as Record<string, Json> | undefined;
  if (properties !== undefined)
    for (const [key, child] of Object.entries(properties)) {
      const childPath = path === "" ? key : `${path}.${key}`;
      if (!seen.has(childPath)) {
        seen.add(childPath);
        rows.push({
          path: childPath,
          type: typeOf(child),
          defaultValue: child.default === undefined ? "" : JSON.stringify(child.default),
          description: typeof child.description === "string" ? child.description : "",
        });
      }
      if (!isUnitField(child)) visit(child, childPath, rows, seen);
    }
  const entries = node.additionalProperties;
  if (typeof entries === "object" && entries !== null) visit(entries as Json, `${path}.<name>`, rows, seen);
  const items = node.items;
  if (typeof items === "object" && items !== null && !Array.isArray(items))
    visit(items as Json, `${path}[]`, rows, seen);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const members = node[key];
    if (Array.isArray(members)) for (const member of members) visit(member as Json, path, rows, seen);
  }
}

/** The unit a field's pattern stands for (a distribution's: of its plain value), if any. */
function unitOf(node: Json): string | undefined {
  if (typeof node.pattern === "string")
    return Object.entries(UNIT_PATTERNS).find(([, pattern]) => pattern === node.pattern)?.[0];
  const members = node.anyOf;
  if (!Array.isArray(members)) return undefined;
  for (const member of members) {
    const unit = unitOf(member as Json);
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/** A unit field or a distribution: its description says how to write it; its forms are not keys. */
function isUnitField(node: Json): boolean {
  return unitOf(node) !== undefined;
}

function typeOf(node: Json): string {
  const unit = unitOf(node);
  if (unit !== undefined) {
    const members = Array.isArray(node.anyOf) ? (node.anyOf as Json[]) : [];
    const forms = members.filter((m) => m.properties !== undefined);
    // An empty form is a bare `{}` (an indefinite pause), not a distribution.
    const empty = forms.some((m) => Object.keys(m.properties as object).length === 0);
    if (empty) return `${unit} or {}`;
    return forms.length > 0 ? `${unit} or distribution` : unit;
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => JSON.stringify(v)).join(", ");
  if (typeof node.type === "string")
    return node.type === "object" && node.additionalProperties !== undefined && node.properties === undefined
      ? "map"
      : node.type;
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = node[key];
    if (Array.isArray(members)) return [...new Set(members.map((m) => typeOf(m as Json)))].join(" or ");
  }
  return "any";
}
