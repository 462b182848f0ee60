/**
 * Loading a scenario: text (YAML or JSON) → plain data → schema → cross-field checks → a
 * typed `Scenario`.
 *
 * Contract: any problem a user can fix becomes one InputError with a one-line message that
 * names the field path, what was expected and what was found. YAML aliases are capped so a
 * "billion laughs" file is refused instead of exhausting memory; the size cap, a linear
 * pre-scan (preScanYaml.ts) and a linear duplicate-key check (the yaml library's own
 * `uniqueKeys` compares every pair of keys: 40,000 keys took 52 s) bound the parse time:
 * any file up to the cap is refused or parsed within 2 s (docs/reliability.md).
 */
import { readFileSync } from "node:fs";
import { type Document, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { checkScenario } from "./crossChecks.js";
import { closestMatch } from "./didYouMean.js";
import { describeValue, formatPath, InputError } from "./InputError.js";
import { preScanYaml } from "./preScanYaml.js";
import { currentScenarioSchema, type Scenario } from "./schema.js";
import { variantScenarios } from "./variantScenarios.js";

const MAX_ALIASES = 100;
/** 1 MB: a hundred times the largest shipped scenario, and parsed within 2 s whatever its shape. */
const MAX_FILE_BYTES = 1024 * 1024;

/** Reads, parses (YAML or JSON) and validates a scenario file; a bad file throws an `InputError` naming the field. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `${path}: cannot read the scenario file (${code === "ENOENT" ? "no such file" : (code ?? "unknown error")})`,
    );
  }
  return parseScenarioText(text, path);
}

/** Parses and validates scenario text; `sourceName` names it in error messages. Throws `InputError`. */
export function parseScenarioText(text: string, sourceName: string): Scenario {
  if (text.length > MAX_FILE_BYTES)
    throw new InputError(`${sourceName}: the scenario file is larger than 1 MB`);
  const data = parseData(text, sourceName);
  return validateScenario(data);
}

/** Validates already-parsed data (from a file, or built in code), with the backend plugins registered now. */
export function validateScenario(data: unknown): Scenario {
  const result = currentScenarioSchema().safeParse(data, { reportInput: true });
  if (!result.success) {
    // A misspelt key also makes the key it was meant to be "missing"; the unknown key, with its
    // "did you mean", is the cause the user needs to see, so it is reported first.
    const issues = result.error.issues;
    throw new InputError(describeIssue(issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!));
  }
  const { variants, ...scenario } = result.data;
  checkScenario(scenario);
  if (variants === undefined) return scenario;
  return { ...scenario, variants: variantScenarios(data, variants, validateScenario) };
}

function parseData(text: string, sourceName: string): unknown {
  if (text.trim() === "") throw new InputError(`${sourceName}: the scenario file is empty`);
  preScanYaml(text, sourceName);
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    // Positions computed here: the library's own (`prettyErrors`) cost a scan of the text per error.
    const where = ` at ${lineAndColumn(text, error.pos[0])}`;
    // The yaml library ends its first line with the position again ("... at line 7, column 1:").
    const what = firstLine(error.message).replace(/\s*at line \d+, column \d+:?$/, "");
    throw new InputError(`${sourceName}: YAML syntax error${where}: ${what}`);
  }
  checkUniqueKeys(doc, text, sourceName);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new InputError(`${sourceName}: ${firstLine((e as Error).message)}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError(
      `${sourceName}: expected a mapping of scenario keys (name, horizon, fleet, ...); found ${describeValue(data)}`,
    );
  }
  return data;
}

/** Every mapping's keys distinct, checked with one set per mapping (linear, unlike `uniqueKeys`). */
function checkUniqueKeys(doc: Document, text: string, sourceName: string): void {
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isSeq(node)) for (const item of node.items) pending.push(item);
    else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? `s:${String(pair.key.value)}` : `j:${JSON.stringify(pair.key)}`;
        if (seen.has(key)) {
          const offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
          throw new InputError(
            `${sourceName}: YAML syntax error at ${lineAndColumn(text, offset)}: Map keys must be unique`,
          );
        }
        seen.add(key);
        pending.push(pair.value);
      }
    }
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split("\n").length}, column ${offset - before.lastIndexOf("\n")}`;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/\s+$/, "");
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** Turns a zod issue into `path: expected …; found …`. */
function describeIssue(issue: Issue): string {
  const path = formatPath(issue.path) || "scenario";
  if (issue.message.startsWith("expected ")) return `${path}: ${issue.message}`;
  const found = issue.input === undefined ? "nothing (the key is missing)" : describeValue(issue.input);
  switch (issue.code) {
    case "invalid_type":
      return `${path}: expected ${article(issue.expected)}; found ${found}`;
    case "invalid_value": {
      const options = issue.values.map((v) => JSON.stringify(v));
      const hint =
        typeof issue.input === "string" ? closestMatch(issue.input, issue.values.map(String)) : undefined;
      return `${path}: expected one of ${options.join(", ")}; found ${found}${hint ? ` (did you mean "${hint}"?)` : ""}`;
    }
    case "too_small":
    case "too_big":
      return `${path}: expected ${boundText(issue)}; found ${found}`;
    case "invalid_union":
      return `${path}: expected ${unionForms(issue)}; found ${found}`;
    default:
      return `${path}: expected a valid value (${issue.message}); found ${found}`;
  }
}

/**
 * What a union accepts: the sender retry forms at a retry, else what each branch's first
 * issue expected (`one of "flat", "consumer", "business" or a list`).
 */
function unionForms(issue: Issue & { code: "invalid_union" }): string {
  if (issue.path[issue.path.length - 1] === "retry") {
    return "one of { backoff: {...} }, { fixed: {...} }, { perHost: {...} }";
  }
  const forms = new Set<string>();
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first?.code === "invalid_type") forms.add(article(first.expected));
    else if (first?.code === "invalid_value")
      forms.add(`one of ${first.values.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  return forms.size > 0 ? [...forms].join(" or ") : "one of the accepted forms (see maildrill schema)";
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    number: "a number",
  };
  return names[type] ?? type;
}

function boundText(issue: Issue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const bound = small ? issue.minimum : issue.maximum;
  const kind = issue.origin === "array" ? "items" : issue.origin === "string" ? "characters" : "";
  const op = small ? (issue.inclusive ? "at least" : "more than") : issue.inclusive ? "at most" : "less than";
  return `${op} ${String(bound)} ${kind}`.trim();
}
