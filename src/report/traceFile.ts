/**
 * The trace file (`--trace`) as one text: JSON lines, the first the header that names the
 * format and its version (src/experiment/traceHeader.ts), then one line per event in
 * simulated-time order. The CLI streams the same lines to disk as the run goes
 * (src/cli/traceFile.ts); this whole-text form is for callers that keep a trace in memory.
 *
 * Events: `{"tMs":…,"event":"<kind>",…}`; access changes name their states
 * (`"from":"up","to":"down"`; up, read-only, down), never by number.
 *
 * Contract: `traceFileText(run, lines)` is the whole file, header first, each line ending in
 * "\n"; a pure function of its arguments.
 */
import type { RunHeader } from "../experiment/runScenario.js";
import { traceHeader } from "../experiment/traceHeader.js";

export function traceFileText(run: RunHeader, eventLines: readonly string[]): string {
  return [JSON.stringify(traceHeader(run)), ...eventLines].map((line) => `${line}\n`).join("");
}
