/**
 * WorldSpec: everything a `World` needs to run, compiled once from a validated scenario by
 * `compileWorldSpec` — the model's only input besides the seed.
 *
 * Compile, then run: every duration and size here is already a number in ms or bytes (units
 * last in the names), backends are referred to by their index in scenario order, fault and
 * operation targets are parsed into `{ backend, kind, index }`, sender rules are ready
 * `RetrySchedule`s, and faults and operations are timeline data sorted by time (each repeat
 * its own entry). So the running model splits no strings and parses no units, and a check
 * that could reject a scenario runs before any of this exists.
 *
 * It does not hold the fleet itself (drawn from `fleet` on the run's seed) nor anything
 * random: the same scenario always compiles to the same spec.
 */
import type { OsBugSpec } from "../scenario/bugSchema.js";
import type { TargetKind } from "../scenario/faultTarget.js";
import type { FleetSpec, Scenario } from "../scenario/schema.js";
import type { MailPolicy } from "./mail/DeferredMail.js";
import type { ProtectionSpec } from "./protection/ProtectionGroups.js";
import type { PlacementSpec } from "./protection/ShardPlacement.js";
import type { BackupSpec } from "./recovery/BackupRestore.js";
import type { FaultInjection } from "./storage/StorageBackend.js";

/** One backend as the scenario declares it (built into a `StorageBackend` per run). */
export interface BackendEntry {
  readonly name: string;
  readonly spec: Scenario["backends"][string];
}

/** The OS bugs of one built-in backend, and what its counters start from. */
export interface BackendBugs {
  readonly bugs: readonly OsBugSpec[];
  /** Node capacity; undefined: derived from the data at t = 0 (see attachBugs). */
  readonly nodeCapacityBytes: number | undefined;
  /** How long before t = 0 the nodes were installed. */
  readonly installedAgoMs: number;
}

/** A parsed target inside one backend (index 0 for a whole backend). */
export interface SpecTarget {
  readonly backend: number;
  readonly kind: TargetKind;
  readonly index: number;
}

/** One explicit fault at one time (a repeated fault is several entries). */
export interface TimedFault {
  readonly atMs: number;
  readonly backend: number;
  readonly injection: FaultInjection;
}

/** One planned operation at one time on the nodes of a target. */
export interface TimedOperation {
  readonly atMs: number;
  readonly target: SpecTarget;
  readonly operation: string;
  /** The version an upgrade installs, if it names one. */
  readonly version: string | undefined;
}

export interface WorldSpec {
  readonly horizonMs: number;
  /** End the run at the first total data loss of a group. */
  readonly stopAtFirstDataLoss: boolean;
  readonly fleet: FleetSpec;
  readonly messageSizeBytes: number;
  /** Restore priority of each fleet tier (lower restores first). */
  readonly tierRestorePriority: readonly number[];
  /** In scenario order: that order numbers the slots. */
  readonly backends: readonly BackendEntry[];
  /** By backend index; undefined where a backend declares no bugs (or is a plugin). */
  readonly bugs: readonly (BackendBugs | undefined)[];
  readonly groupCount: number;
  readonly protection: ProtectionSpec;
  /** The backend index of each shard of a group, in shard order. */
  readonly shardBackend: readonly number[];
  /** Shards (within a group) that start absent: a migration's target copy. */
  readonly absentShards: readonly number[];
  /** How a group's copies on one backend pick their nodes; undefined: the backend's chain. */
  readonly shardPlacement?: PlacementSpec;
  readonly mail: MailPolicy;
  readonly backup: BackupSpec | undefined;
  /** Dial-tone for blocked storage: how long a group is down before it gets an empty store; undefined: never. */
  readonly dialToneAfterMs: number | undefined;
  /** Shared front ends and the MX whose exhaustion imposes an access on every group. */
  readonly sharedDependencies: Scenario["sharedDependencies"];
  /** Sorted by time; entries at one time keep the scenario's order. */
  readonly faults: readonly TimedFault[];
  /** Sorted by time; entries at one time keep the scenario's order. */
  readonly operations: readonly TimedOperation[];
}
