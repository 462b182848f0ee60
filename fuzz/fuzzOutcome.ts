/**
 * What one fuzzed document led to, and whether that is allowed. A document must be either
 * refused — an InputError whose message is one line, free of control characters and at most
 * 600 characters (the CLI prints it as `maildrill: <message>` and exits 2) — or run with
 * every invariant holding: each checker of test/checkers/ listening to the run (ledger
 * conservation, no negative populations, the access-state machine, copies never below zero,
 * restore and failover causality), and on the result: the ledger reconciles (each arrived message in exactly one of the
 * seven classes, all counts non-negative integers), the deferred queue's Little's-law
 * identity holds to 1e-9, availability is a fraction, and every number in the result is
 * finite. Anything else thrown is an internal error: a bug in maildrill.
 *
 * Contract: `fuzzOutcome(text)` never throws; runs use a 256 MB memory guard and stop at
 * 5 million events, as a user would with `--max-memory 256MB --max-events 5000000`.
 */
import type { runScenario } from "../src/experiment/runScenario.js";
import { InputError } from "../src/scenario/InputError.js";
import { parseScenarioText } from "../src/scenario/loadScenario.js";
import { CheckerViolation } from "../test/checkers/Checker.js";
import { runChecked } from "../test/helpers/checkedRun.js";

export type OutcomeKind = "refused" | "ran" | "bad-refusal" | "invariant-violation" | "internal-error";

export interface Outcome {
  kind: OutcomeKind;
  detail: string;
  ms: number;
}

const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;
const MAX_EVENTS = 5_000_000;

export function fuzzOutcome(text: string): Outcome {
  const started = performance.now();
  const done = (kind: OutcomeKind, detail: string): Outcome => ({
    kind,
    detail,
    ms: performance.now() - started,
  });
  let result: ReturnType<typeof runScenario>;
  try {
    const scenario = parseScenarioText(text, "fuzz.yaml");
    // Every invariant checker of test/checkers/ listens to the run (the first violation throws).
    result = runChecked(scenario, { memoryLimitBytes: MEMORY_LIMIT_BYTES, maxEvents: MAX_EVENTS });
  } catch (error) {
    if (error instanceof CheckerViolation) return done("invariant-violation", error.message);
    if (!(error instanceof InputError)) {
      const e = error as Error;
      return done("internal-error", `${e?.name}: ${e?.message}\n${e?.stack ?? ""}`);
    }
    const problem = refusalProblem(error.message);
    return problem === undefined
      ? done("refused", error.message)
      : done("bad-refusal", `${problem}: ${error.message}`);
  }
  const violation = invariantViolation(result);
  return violation === undefined ? done("ran", "") : done("invariant-violation", violation);
}

function refusalProblem(message: string): string | undefined {
  if (message.length > 600) return "longer than 600 characters";
  for (const c of message) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `control character U+${code.toString(16)}`;
  }
  return undefined;
}

function invariantViolation(result: ReturnType<typeof runScenario>): string | undefined {
  const m = result.measurements;
  const l = m.ledger;
  const classes = [
    l.storedIntact,
    l.deliveredLate,
    l.recovered,
    l.silentlyLost,
    l.corruptedServed,
    l.bounced,
    l.pending,
  ];
  if (!classes.every((c) => Number.isSafeInteger(c) && c >= 0))
    return `ledger class not a count: ${classes.join(", ")}`;
  const sum = classes.reduce((a, b) => a + b, 0);
  if (!l.reconciles || sum !== l.arrived)
    return `ledger does not reconcile: ${sum} in classes, ${l.arrived} arrived`;
  const { deferredIntegralMessageMs: integral, sojournSumMessageMs: sojourn } = m.smtp;
  if (Math.abs(integral - sojourn) > 1e-9 * Math.max(1, Math.abs(sojourn)))
    return `Little's law: integral ${integral} vs sojourn sum ${sojourn}`;
  const availability = m.availability.fleetAvailability;
  if (!(availability >= 0 && availability <= 1)) return `availability ${availability} not in [0, 1]`;
  const bad = nonFinite(result, "");
  return bad === undefined ? undefined : `non-finite number at ${bad}`;
}

function nonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== "object") return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}.${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
