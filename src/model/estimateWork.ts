/**
 * A scenario's work, estimated before the run: the expected number of simulation events,
 * counted from the schedules and the random processes' mean rates over the horizon, so a
 * scenario that would run for hours (`backup.every: 1ms` over a month is 2.6 billion fleet-wide
 * backups; a node crash whose time to failure is 0 never lets time move) is refused up front
 * with the field to blame, the way the memory guard (estimateMemory.ts) refuses a fleet.
 *
 * Contract: `estimateWork` returns the total and the single field contributing most, as a
 * field path. It is an estimate of the mean, not a bound: random processes can exceed it,
 * which is what the run's own event limit (`maxEvents`) is for. It does not count mail
 * (mail costs work only at state changes) nor a plugin backend's own processes.
 */
import { meanOf } from "../engine/distributions.js";
import type { Scenario } from "../scenario/schema.js";
import { topologyOf } from "../scenario/topology.js";

export interface WorkEstimate {
  events: number;
  /** The field path whose schedule or process contributes most. */
  field: string;
  fieldEvents: number;
}

/** Fourteen days, as resolveProtection.ts defaults the scrub interval. */
const DEFAULT_SCRUB_EVERY_MS = 14 * 24 * 3_600_000;

export function estimateWork(s: Scenario): WorkEstimate {
  const parts: [string, number][] = [];
  const horizonMs = s.horizon;
  const groups = protectionGroups(s);
  parts.push(["timelineStep", horizonMs / s.timelineStep]);
  if (s.backup) parts.push(["backup.every", Math.floor(horizonMs / s.backup.every) * groups]);
  const copies = s.protection?.copies?.length ?? (s.protection?.erasure ? 2 : 1);
  if (copies > 1 || s.migration) {
    parts.push([
      "protection.scrub.every",
      (horizonMs / (s.protection?.scrub?.every ?? DEFAULT_SCRUB_EVERY_MS)) * groups,
    ]);
  }
  const shardTtf = s.protection?.shardLoss?.ttf;
  if (shardTtf)
    parts.push(["protection.shardLoss.ttf", perUnit(horizonMs, meanOf(shardTtf)) * groups * copies]);
  for (const [name, backend] of Object.entries(s.backends)) {
    if ("plugin" in backend) continue;
    const nodes = topologyOf(backend).nodes;
    const at = `backends.${name}`;
    const processes: [string, Parameters<typeof meanOf>[0] | undefined, number][] = [
      ["nodeCrash.ttf", backend.nodeCrash?.ttf, nodes],
      ["nodeLoss.ttf", backend.nodeLoss?.ttf, nodes],
      ["latentErrors.ttf", backend.latentErrors?.ttf, nodes],
      ["corruption.ttf", backend.corruption?.ttf, nodes],
    ];
    if (backend.kind === "filer" && backend.raid)
      processes.push(["raid.diskTtf", backend.raid.diskTtf, nodes * backend.raid.disks]);
    for (const [field, ttf, units] of processes)
      if (ttf) parts.push([`${at}.${field}`, perUnit(horizonMs, meanOf(ttf)) * units]);
  }
  for (const [i, f] of s.faults.entries()) parts.push([`faults[${i}].repeat.count`, f.repeat?.count ?? 1]);
  for (const [i, o] of s.operations.entries())
    parts.push([`operations[${i}].repeat.count`, o.repeat?.count ?? 1]);
  let events = 0;
  let worst: [string, number] = ["horizon", 0];
  for (const part of parts) {
    events += part[1];
    if (part[1] > worst[1]) worst = part;
  }
  return { events, field: worst[0], fieldEvents: worst[1] };
}

/** Expected events of one unit's renewal process over the horizon (a mean of 0 never ends). */
function perUnit(horizonMs: number, meanMs: number): number {
  return meanMs > 0 ? horizonMs / meanMs + 1 : Number.POSITIVE_INFINITY;
}

function protectionGroups(s: Scenario): number {
  if (s.protection?.groups !== undefined) return s.protection.groups;
  let most = 1;
  for (const backend of Object.values(s.backends)) most = Math.max(most, topologyOf(backend).slots);
  return most;
}
