/**
 * The first line of a trace (`--trace`): which format and version the lines after it follow,
 * and which run they are of, so a reader can check before trusting them and a later change of
 * the event format can be told apart (docs/experiments.md, "The trace").
 *
 * Contract: `traceHeader(run)` is a plain record, `format` and `version` first; `runScenario`
 * hands it to the trace sink before the first event, so every trace, streamed or kept in
 * memory, opens with it.
 */
import type { RunHeader } from "./runScenario.js";

const TRACE_FORMAT = "maildrill-trace";
export const TRACE_FORMAT_VERSION = 1;

export function traceHeader(run: RunHeader): Record<string, string | number | null> {
  return {
    format: TRACE_FORMAT,
    version: TRACE_FORMAT_VERSION,
    scenario: run.scenario,
    strategy: run.strategy,
    seed: run.seed,
    horizonMs: run.horizonMs,
    mailboxes: run.mailboxes,
    ...(run.variant !== undefined ? { variant: run.variant } : {}),
  };
}
