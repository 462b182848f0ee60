/**
 * FaultSchedule: a list of explicit faults exactly as a scenario file writes them under
 * `faults:` — durations as text with units (`"29d23h12m"`), shares as plain fractions — so a
 * schedule prints as YAML that pastes into a scenario, encodes into a replay command, and
 * goes through the same schema as the user's own faults (`withFaults`).
 */
import type { FaultKind } from "../../scenario/faultKinds.js";

/** One explicit fault: when, where, what and for how long. */
export interface ScheduledFault {
  /** When the fault strikes, a duration since the run's start (`"12d3h"`). */
  readonly at: string;
  /** `backend`, `backend/cluster/N`, `backend/node/N` or `backend/slot/N`. */
  readonly target: string;
  readonly fault: FaultKind;
  /** Outage (crash, fail-slow, enospc) or replacement time (node-loss). */
  readonly duration?: string;
  /** Share of the stored data hit (latent errors, corruption, torn or misdirected writes). */
  readonly fraction?: number;
  /** Lost writes: the window of acknowledged writes that never persisted. */
  readonly window?: string;
  /** Fail-slow: the slowdown factor. */
  readonly factor?: number;
  /** Corruption: it copies to the other shards. */
  readonly propagate?: boolean;
}

/** Explicit faults in the scenario's `faults:` format, in time order. */
export type FaultSchedule = readonly ScheduledFault[];
