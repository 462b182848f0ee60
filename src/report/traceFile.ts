/**
 * The trace file (`--trace`): JSON lines, the first a header that names the format and its
 * version, then one line per event in simulated-time order. A reader checks the header before
 * trusting the lines after it, so a later change of the event format can be told apart
 * (docs/experiments.md, "The trace").
 *
 * Header: `{"format":"maildrill-trace","version":1,"scenario":…,"strategy":…|null,"seed":…,
 * "horizonMs":…,"mailboxes":…}`. Events: `{"tMs":…,"event":"<kind>",…}`; access changes name
 * their states (`"from":"up","to":"down"`; up, read-only, down), never by number.
 *
 * Contract: `traceFileText(run, lines)` is the whole file, header first, each line ending in
 * "\n"; a pure function of its arguments.
 */
import type { RunHeader } from "../experiment/runScenario.js";

const TRACE_FORMAT = "maildrill-trace";
export const TRACE_FORMAT_VERSION = 1;

export function traceFileText(run: RunHeader, eventLines: readonly string[]): string {
  const header = {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    scenario: run.scenario,
    strategy: run.strategy,
    seed: run.seed,
    horizonMs: run.horizonMs,
    mailboxes: run.mailboxes,
  };
  return [JSON.stringify(header), ...eventLines].map((line) => `${line}\n`).join("");
}
