/**
 * StorageBackend: the pluggable interface between the mail world and a kind of storage.
 *
 * A backend owns nodes and *placement groups* (volumes): a group is the unit that holds a
 * set of mailboxes and that fails, fails over and reopens together. The world never looks
 * inside a backend; it only learns, through `BackendContext.setAccess`, when one of the
 * backend's groups changes between Up, ReadOnly and Down. That is what makes backends
 * pluggable: a user's plugin implements this interface and the rest of maildrill works
 * unchanged.
 *
 * Contract:
 * - `groupCount` is fixed once constructed; groups are numbered 0..groupCount−1 locally.
 * - Every group starts Up. A backend calls `setAccess` only on a real change.
 * - All randomness comes from `context.streams` under names that start with the backend's
 *   name, so two backends never share a stream (common random numbers across strategies).
 * - `injectFault` applies an explicit fault from the scenario at the current time.
 */
import type { RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { Access } from "../WorldObserver.js";

export interface BackendContext {
  readonly sim: Simulation;
  readonly streams: RandomStreams;
  readonly horizonMs: number;
  /** Reports that a local group's access changed (Up / ReadOnly / Down). */
  setAccess(localGroup: number, access: Access): void;
  /** Counts a storage event and writes it to the trace. */
  event(kind: string, detail: Record<string, number | string>): void;
}

/** An explicit fault, already validated: what, where (a target within this backend), how long. */
export interface FaultInjection {
  readonly fault: string;
  readonly targetKind: "backend" | "node" | "volume";
  readonly targetIndex: number;
  readonly durationMs: number;
}

export interface StorageBackend {
  readonly name: string;
  readonly kind: string;
  readonly version: string;
  readonly nodeCount: number;
  readonly groupCount: number;
  /** Starts the backend's own processes (random faults, timers). Called once before the run. */
  start(context: BackendContext): void;
  injectFault(injection: FaultInjection): void;
}
