/**
 * The kinds of explicit fault a scenario can inject (`faults[].fault`) and a `check` fault
 * model can draw (`check.faults.kinds`), in one list so the two never drift apart.
 */
export const FAULT_KINDS = [
  "crash",
  "node-loss",
  "latent-errors",
  "corruption",
  "lost-writes",
  "torn-writes",
  "misdirected-writes",
  "fail-slow",
  "enospc",
] as const;

/** A kind of explicit fault (`crash`, `node-loss`, `corruption`, …). */
export type FaultKind = (typeof FAULT_KINDS)[number];
