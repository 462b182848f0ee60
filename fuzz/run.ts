/**
 * `npm run fuzz -- --docs N --seed S [--timeout-ms 20000]`: mutates the shipped scenarios
 * and fixtures (scenarioMutations.ts), runs each document in turn in this process (run two
 * with different seeds to use two cores), and prints the count of each outcome, the slowest documents and the time taken. A document
 * over the time limit (measured; a run cannot hang, as runs stop at 5 million events), an internal error, an invariant violation or a refusal that is not
 * one clean line is a failure: the document is written to test/fixtures/fuzz-crashers/
 * (replayed by test/fuzz/fuzz.test.ts from then on) and the exit code is 1.
 *
 * Documents are drawn from the seed alone, so `--docs N --seed S` always makes the same ones.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { fuzzOutcome, type OutcomeKind } from "./fuzzOutcome.js";
import { documentArbitrary, fuzzBases } from "./scenarioMutations.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CRASHERS = join(ROOT, "test/fixtures/fuzz-crashers");

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const docs = flag("--docs", 1000);
const seed = flag("--seed", 1);
const timeoutMs = flag("--timeout-ms", 20_000);

const texts = fc.sample(documentArbitrary(fuzzBases(ROOT)), { seed, numRuns: docs });
const counts: Record<OutcomeKind | "over-time-limit", number> = {
  refused: 0,
  ran: 0,
  "bad-refusal": 0,
  "invariant-violation": 0,
  "internal-error": 0,
  "over-time-limit": 0,
};
const slowest: { ms: number; index: number }[] = [];
const failures: { index: number; kind: string; detail: string }[] = [];
const started = performance.now();

function keep(index: number, kind: string, detail: string): void {
  failures.push({ index, kind, detail });
  mkdirSync(CRASHERS, { recursive: true });
  const text = texts[index]!;
  const name = createHash("sha256").update(text).digest("hex").slice(0, 12);
  writeFileSync(
    join(CRASHERS, `${kind}-${name}.yaml`),
    `# ${kind} (fuzz seed ${seed}, document ${index}): ${detail.split("\n")[0]!.slice(0, 200)}\n${text}`,
  );
}

for (let index = 0; index < texts.length; index++) {
  const outcome = fuzzOutcome(texts[index]!);
  counts[outcome.kind]++;
  slowest.push({ ms: outcome.ms, index });
  slowest.sort((x, y) => y.ms - x.ms);
  slowest.length = Math.min(slowest.length, 5);
  if (outcome.ms > timeoutMs) {
    counts["over-time-limit"]++;
    keep(index, "over-time-limit", `took ${(outcome.ms / 1000).toFixed(1)} s`);
  }
  if (outcome.kind !== "refused" && outcome.kind !== "ran") keep(index, outcome.kind, outcome.detail);
  if ((index + 1) % 500 === 0) process.stderr.write(`${index + 1}/${texts.length}\n`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`maildrill fuzz: ${docs} documents, seed ${seed}, ${seconds.toFixed(0)} s`);
for (const [kind, n] of Object.entries(counts)) console.log(`  ${kind.padEnd(20)} ${n}`);
console.log(`  slowest: ${slowest.map((s) => `#${s.index} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}`);
for (const f of failures.slice(0, 20))
  console.log(`  FAIL #${f.index} ${f.kind}: ${f.detail.split("\n")[0]}`);
process.exitCode = failures.length > 0 ? 1 : 0;
