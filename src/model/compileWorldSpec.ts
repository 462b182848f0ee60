/**
 * compileWorldSpec: a validated `Scenario` (under the strategy's topology) → the `WorldSpec`
 * a `World` runs. Compile, then run: everything that reads the scenario's shape happens
 * here, once — protection resolved, backends numbered in scenario order, fault and operation
 * targets parsed by the same parser the cross-field checks use (src/scenario/faultTarget.ts),
 * sender rules turned into retry schedules, repeats expanded into one timeline entry each.
 *
 * Contract: the scenario has passed `checkScenario` (a bad target here is a maildrill bug,
 * thrown as an Error, never an input error). Pure: no randomness, no side effects.
 */
import { parseFaultTarget } from "../scenario/faultTarget.js";
import type { Scenario } from "../scenario/schema.js";
import { topologyOf } from "../scenario/topology.js";
import { compileMailPolicy } from "./mail/compileMailPolicy.js";
import { resolveProtection } from "./protection/resolveProtection.js";
import type { PlacementSpec } from "./protection/ShardPlacement.js";
import type { BackupSpec } from "./recovery/BackupRestore.js";
import type { FaultInjection } from "./storage/StorageBackend.js";
import type {
  BackendBugs,
  BackendEntry,
  SpecTarget,
  TimedFault,
  TimedOperation,
  WorldSpec,
} from "./WorldSpec.js";

export function compileWorldSpec(scenario: Scenario): WorldSpec {
  const backends: BackendEntry[] = Object.entries(scenario.backends).map(([name, spec]) => ({ name, spec }));
  const backendIndex = (name: string) => {
    const index = backends.findIndex((b) => b.name === name);
    if (index < 0) throw new Error(`compileWorldSpec: unknown backend ${name}`);
    return index;
  };
  const resolved = resolveProtection(scenario);
  const shardBackend = resolved.shardBackends.map(backendIndex);
  const homeSlots = topologyOf(backends[shardBackend[0]!]!.spec).slots;
  return {
    horizonMs: scenario.horizon,
    stopAtFirstDataLoss: scenario.stopWhen === "first-data-loss",
    fleet: scenario.fleet,
    messageSizeBytes: scenario.fleet.messageSize,
    tierRestorePriority: scenario.fleet.tiers.map((t) => t.restorePriority),
    backends,
    bugs: backends.map(({ spec }) => backendBugs(spec)),
    groupCount: resolved.groups ?? homeSlots,
    protection: resolved.spec,
    shardBackend,
    absentShards: resolved.absentShards,
    ...shardPlacementOf(scenario),
    mail: compileMailPolicy(scenario),
    backup: backupSpec(scenario),
    dialToneAfterMs: scenario.service?.dialTone?.after,
    sharedDependencies: scenario.sharedDependencies,
    faults: byTime(scenario.faults.flatMap((fault) => timedFaults(fault, scenario.horizon, backendIndex))),
    operations: byTime(
      scenario.operations.flatMap((op) =>
        repeatTimes(op, scenario.horizon).map(
          (atMs): TimedOperation => ({
            atMs,
            target: specTarget(op.target, backendIndex),
            operation: op.operation,
            version: op.version,
          }),
        ),
      ),
    ),
  };
}

/** `protection.placement` as the world needs it; absent (chain) adds no key, so specs stay as before. */
function shardPlacementOf(scenario: Scenario): { shardPlacement?: PlacementSpec } {
  const p = scenario.protection;
  if (p?.placement === undefined || p.placement === "chain") return {};
  if (p.placement === "random") return { shardPlacement: { kind: "random" } };
  return {
    shardPlacement: {
      kind: "copysets",
      ...(p.scatterWidth === undefined ? {} : { scatterWidth: p.scatterWidth }),
    },
  };
}

function backendBugs(spec: Scenario["backends"][string]): BackendBugs | undefined {
  // Plugin backends carry only their own options: no OS bugs in this version.
  if (!("bugs" in spec) || spec.bugs.length === 0) return undefined;
  return { bugs: spec.bugs, nodeCapacityBytes: spec.nodeCapacity, installedAgoMs: spec.installedAgo };
}

function backupSpec(scenario: Scenario): BackupSpec | undefined {
  const b = scenario.backup;
  if (b === undefined) return undefined;
  return {
    everyMs: b.every,
    restoreBandwidthBytesPerSec: b.restoreBandwidth,
    streamBandwidthBytesPerSec: b.streamBandwidth ?? Number.POSITIVE_INFINITY,
    parallelism: b.parallelism ?? Number.POSITIVE_INFINITY,
    order: b.order,
    startAfterMs: b.startAfter,
    dialToneAfterMs: b.dialTone?.after,
  };
}

function timedFaults(
  fault: Scenario["faults"][number],
  horizonMs: number,
  backendIndex: (name: string) => number,
): TimedFault[] {
  const target = specTarget(fault.target, backendIndex);
  const params: Record<string, number> = {};
  if (fault.fraction !== undefined) params.fraction = fault.fraction;
  if (fault.window !== undefined) params.window = fault.window;
  if (fault.factor !== undefined) params.factor = fault.factor;
  if (fault.propagate !== undefined) params.propagate = fault.propagate ? 1 : 0;
  const injection: FaultInjection = {
    fault: fault.fault,
    targetKind: target.kind,
    targetIndex: target.index,
    durationMs: fault.duration,
    params,
  };
  return repeatTimes(fault, horizonMs).map((atMs) => ({ atMs, backend: target.backend, injection }));
}

/** The times of an entry and its repeats that fall within the horizon. */
function repeatTimes(entry: { at: number; repeat?: { count: number; every: number } }, horizonMs: number) {
  const times: number[] = [];
  for (let i = 0; i < (entry.repeat?.count ?? 1); i++) {
    const atMs = entry.at + i * (entry.repeat?.every ?? 0);
    if (atMs <= horizonMs) times.push(atMs);
  }
  return times;
}

function specTarget(text: string, backendIndex: (name: string) => number): SpecTarget {
  const target = parseFaultTarget(text);
  if (target === undefined) throw new Error(`compileWorldSpec: target ${text} was not checked`);
  return { backend: backendIndex(target.backend), kind: target.kind, index: target.index };
}

/** A stable sort: entries at one time stay in scenario order, as they were scheduled before. */
function byTime<T extends { atMs: number }>(entries: T[]): T[] {
  return entries.sort((a, b) => a.atMs - b.atMs);
}
