/**
 * A scenario's memory needs, estimated before anything is allocated, so that a fleet that
 * cannot fit is refused with the figure instead of crashing the process half-way.
 */
import type { Scenario } from "../scenario/schema.js";
import { topologyOf } from "../scenario/topology.js";
import { BYTES_PER_MAILBOX } from "./Fleet.js";

/** Typed-array bytes per slot (protection groups and their shards (access, windows, exposure, totals, recorder state). */
const BYTES_PER_GROUP = 1 + 8 + 8 + 8 + 4 + 8 + 8 + 64;
const BYTES_PER_TIMELINE_POINT = 8;
/** Engine, module code and headroom that every run needs whatever its size. */
const BASE_BYTES = 64 * 1024 * 1024;

export function estimateMemoryBytes(scenario: Scenario): number {
  let groups = 0;
  for (const backend of Object.values(scenario.backends)) groups += topologyOf(backend).slots;
  const timelinePoints = Math.floor(scenario.horizon / scenario.timelineStep) + 1;
  return (
    BASE_BYTES +
    scenario.fleet.mailboxes * BYTES_PER_MAILBOX +
    groups * BYTES_PER_GROUP +
    timelinePoints * BYTES_PER_TIMELINE_POINT
  );
}
