/**
 * The scenario file format: what a user may write, validated with zod into a typed `Scenario`
 * whose quantities are canonical numbers (ms, bytes, per-second rates, fractions) and whose
 * random quantities are engine `DistributionSpec`s.
 *
 * Contract: keys are strict (an unknown key is an error with a "did you mean" hint); every
 * default is written here, next to the field, with its source in docs/model.md; cross-field
 * rules (shares summing to 100%, names that must resolve) live in `crossChecks.ts`. A backend
 * entry of a plugin's kind is validated by that plugin (`pluginKinds.ts`): `scenarioSchema`
 * knows no plugins (it gives the types and the JSON Schema); `currentScenarioSchema()` also
 * accepts the kinds of the plugins registered now.
 */
import { z } from "zod";
import { osBugSchema } from "./bugSchema.js";
import { checkSchema } from "./checkSchema.js";
import { costsSchema } from "./costsSchema.js";
import { closestMatch } from "./didYouMean.js";
import { FAULT_KINDS } from "./faultKinds.js";
import {
  bandwidthBytesPerSec,
  count,
  countDistribution,
  durationDistribution,
  durationMs,
  fraction,
  integer,
  positiveDurationMs,
  sizeBytes,
  sizeDistribution,
} from "./fields.js";
import { describeValue } from "./InputError.js";
import { placementFields } from "./placementSchema.js";
import {
  BUILTIN_BACKEND_KINDS,
  describeEntry,
  type PluginBackendKind,
  type PluginBackendSpec,
  pluginKinds,
  pluginKindsVersion,
} from "./pluginKinds.js";
import { migrationSchema, strategiesSchema } from "./rolloutSchema.js";
import { sharedDependenciesSchema } from "./sharedDependenciesSchema.js";
import { strictObject } from "./strictObject.js";
import { type VariantSpec, variantsSchema } from "./variantsSchema.js";

const strict = strictObject;

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: (issue) =>
    `expected a name of letters, digits, "_", "." or "-"; found ${JSON.stringify(issue.input)}`,
});

/** A sender MTA's retry behaviour: one of the presets or a custom schedule. */
const MTA_PRESETS = ["postfix", "exim", "exchange", "gmail"] as const;

/** The sender's give-up rule, shared by the backoff and fixed retry forms. */
const giveUpAt = () =>
  z
    .enum(["at-attempt", "at-lifetime"])
    .prefault("at-attempt")
    .describe(
      "When the sender gives up: at the last attempt inside the lifetime (at-attempt), or at the lifetime itself (at-lifetime)",
    );

const backoffRetry = strict({
  first: positiveDurationMs(),
  max: positiveDurationMs(),
  lifetime: positiveDurationMs(),
  giveUp: giveUpAt(),
});
const fixedRetry = strict({
  every: positiveDurationMs(),
  lifetime: positiveDurationMs(),
  giveUp: giveUpAt(),
});
const eximRetry = strict({
  rule: z.string().min(1).describe('Exim retry rule, e.g. "F,2h,15m; G,16h,1h,1.5; F,4d,6h"'),
  lifetime: positiveDurationMs().optional(),
});

const retrySpec = z.union([
  strict({ backoff: backoffRetry.describe("Exponential backoff: first, max interval, lifetime") }).describe(
    "Exponential backoff retries (Postfix, Exchange, Gmail style)",
  ),
  strict({ fixed: fixedRetry.describe("A fixed interval: every, lifetime") }).describe(
    "Retries at a fixed interval",
  ),
  strict({ perHost: eximRetry.describe("An Exim retry rule") }).describe(
    'An Exim retry rule, e.g. "F,2h,15m; G,16h,1h,1.5; F,4d,6h"',
  ),
]);

const sender = strict({
  share: fraction(),
  mta: z
    .enum(MTA_PRESETS)
    .optional()
    .describe(
      "A sender MTA preset with its published retry schedule (postfix, exim, exchange, gmail, …); or give `retry`",
    ),
  retry: retrySpec.optional().describe("A custom retry schedule instead of an `mta` preset"),
  name: z.string().optional().describe("A label for this sender class in reports"),
});

const DEFAULT_SENDERS = [
  { share: "50%", mta: "gmail" as const },
  { share: "30%", mta: "postfix" as const },
  { share: "20%", mta: "exchange" as const },
];

const spool = strict({
  acceptFor: durationMs()
    .prefault("16h")
    .describe(
      "How long after a mailbox becomes unreachable the MX keeps accepting its mail (Libero: ~16 h).",
    ),
  holdMax: positiveDurationMs()
    .prefault("7d")
    .describe(
      'How long the MX holds accepted mail before bouncing it ("queue timeouts extended" at Libero).',
    ),
  capacityMessages: count()
    .optional()
    .describe("Spool size in messages (default unbounded); a full spool refuses (4xx) until it drains."),
});

const tier = strict({
  name: name.describe("The tier's name, in reports"),
  share: fraction(),
  restorePriority: integer(0, 1000).prefault(0).describe("Lower restores first under tier-first ordering."),
});

const DIURNAL_PRESETS = ["flat", "consumer", "business"] as const;

/**
 * 24 hourly weights, normalised to mean 1 by the model. Each is 0 or within [10^-6, 10^6]: the
 * weights' total then stays finite and no non-zero hour is lost when normalising (today's
 * `[1e308, 1e308, 1, ...]` summed to Infinity and silently made every hour zero); at least
 * one must be non-zero, or no mail would ever arrive.
 */
const MIN_DIURNAL_WEIGHT = 1e-6;
const MAX_DIURNAL_WEIGHT = 1e6;
const diurnalWeights = z
  .array(
    z.number().refine((w) => w === 0 || (w >= MIN_DIURNAL_WEIGHT && w <= MAX_DIURNAL_WEIGHT), {
      error: (issue) => `expected 0 or a weight from 1e-6 to 1e6; found ${describeValue(issue.input)}`,
    }),
  )
  .length(24)
  .refine((weights) => weights.some((w) => w > 0), {
    error: "expected 24 hourly weights, not all zero; found all zero",
  });

const fleet = strict({
  mailboxes: integer(1, 1e15, "a whole number of mailboxes"),
  size: sizeDistribution().prefault({ lognormal: { median: "300MB", sigma: 1.0 } }),
  inboundPerDay: countDistribution().prefault({ lognormal: { median: 30, sigma: 0.8 } }),
  loginsPerDay: countDistribution().prefault(4),
  diurnal: z
    .union([z.enum(DIURNAL_PRESETS), diurnalWeights])
    .prefault("consumer")
    .describe("The daily shape of mail and logins: flat, consumer, business, or 24 hourly weights"),
  tiers: z
    .array(tier)
    .min(1)
    .prefault([{ name: "standard", share: "100%" }])
    .describe("Service tiers: name, share of the mailboxes (adding up to 100%), restore priority"),
  sizes: z
    .array(sizeBytes())
    .min(1)
    .optional()
    .describe("Explicit mailbox sizes, cycled over the mailboxes in order (overrides `size`)."),
  messageSize: sizeBytes()
    .prefault("10KB")
    .describe(
      "Mean size of one message on disk: turns mailbox sizes into object counts (~10 KB, docs/model.md#mailboxes-volumes-and-sizes).",
    ),
  expungePerDay: fraction()
    .refine((share) => share < 1, { error: "a share of stored mail below 100% per day" })
    .optional()
    .describe(
      "Share of stored mail users delete (expunge) per day, e.g. 0.5%: lowers object counts and copy sizes (default 0, docs/model.md#fleet).",
    ),
});

const nodeCrash = strict({
  ttf: durationDistribution().describe("Time to the next crash of a node (per node)."),
  downtime: durationDistribution().describe(
    "How long a crashed node takes to repair; it returns with its data.",
  ),
  crews: integer(1, 1_000_000, "a whole number of crews")
    .optional()
    .describe(
      "Crashed nodes repaired at once; `1` is one shared crew (docs/validation.md#k-out-of-n-availability). Default: all in parallel.",
    ),
  burst: strict({
    probability: fraction(),
    extra: countDistribution().describe("Extra nodes (the crashing node's neighbours) taken by one burst."),
    window: durationMs().prefault("120s"),
  })
    .optional()
    .describe("Failure bursts (Ford et al. OSDI'10: 37% of failures in bursts within 120 s, rack-local)."),
});

/** A random data-damage process per node (latent sector errors, silent corruption). */
const damageProcess = strict({
  ttf: durationDistribution(),
  fraction: fraction().describe("Share of the node's stored messages hit each time."),
});

const raid = strict({
  disks: integer(2, 1000, "a whole number of disks per RAID group"),
  parity: integer(0, 16, "a whole number of parity disks"),
  diskTtf: durationDistribution().describe(
    "Time to failure of one disk (field: AFR 1.5%, Weibull shape 0.7–0.76; docs/model.md#storage-faults-in-the-field).",
  ),
  rebuild: durationDistribution().describe("Time to replace and rebuild one disk."),
  latentErrorFraction: fraction()
    .prefault(0)
    .describe("Share of data unreadable when a rebuild runs with no redundancy left (latent errors met)."),
});

const nodeLoss = strict({
  ttf: durationDistribution().describe("Time to the permanent loss of a node (its data with it)."),
  replace: durationDistribution()
    .prefault(0)
    .describe("Time until the lost node is replaced by an empty one."),
});

const backendCommon = {
  nodeCrash: nodeCrash
    .optional()
    .describe("Transient node crashes: a node is down, then returns with its data"),
  nodeLoss: nodeLoss
    .optional()
    .describe("Permanent node losses: the node and its data are gone until replaced"),
  latentErrors: damageProcess
    .optional()
    .describe("Latent sector errors arriving per node (found by scrubbing, or met by a rebuild)."),
  corruption: damageProcess
    .extend({
      propagate: z.boolean().prefault(false).describe("Whether the corruption copies to the replicas"),
    })
    .optional()
    .describe("Silent corruption arriving per node (`propagate`: it copies to replicas, Salesforce 2016)."),
  repairBandwidth: bandwidthBytesPerSec()
    .prefault("200MB/s")
    .describe("Bandwidth to rebuild one lost shard (re-replication, RAID rebuild)."),
  timeoutSlowFactor: z
    .number()
    .min(1)
    .prefault(20)
    .describe("A node slowed by this factor or more is treated as down (its requests time out)."),
  bugs: z
    .array(osBugSchema)
    .prefault([])
    .describe("Storage-OS bugs of this backend: trigger, scope, effect, fix (docs/model.md#storage-os-bugs)"),
  nodeCapacity: sizeBytes()
    .optional()
    .describe("Usable capacity of one node, for `fill` counters; default: 60% full at t = 0."),
  installedAgo: durationMs()
    .prefault(0)
    .describe("How long the nodes had been in service at t = 0 (power-on hours for uptime bugs)."),
};

const filer = strict({
  kind: z.literal("filer").describe("A filer: HA pairs of nodes serving volumes, optionally on RAID shelves"),
  nodes: integer(1, 1_000_000, "a whole number of nodes"),
  volumesPerNode: integer(1, 100_000, "a whole number of volumes per node")
    .prefault(8)
    .describe("Volumes per node: the slots where protection groups keep their shards."),
  version: z
    .string()
    .prefault("v1")
    .describe("The storage-OS version every node runs (bugs with `version` match it)"),
  raid: raid.optional().describe("One RAID group behind each node (its shelf of disks)."),
  takeover: z
    .union([z.literal("none"), durationMs()])
    .prefault("2m")
    .describe("HA partner takeover delay after a node fails (`none` disables HA)."),
  ...backendCommon,
});

const scaleOut = strict({
  kind: z
    .literal("scale-out")
    .describe("A scale-out cluster store: clusters of nodes, each cluster on one OS version"),
  clusters: integer(1, 100_000, "a whole number of clusters").prefault(1),
  nodesPerCluster: integer(1, 1_000_000, "a whole number of nodes per cluster"),
  shardsPerNode: integer(1, 100_000, "a whole number of shards per node").prefault(8),
  versions: z
    .array(z.string().min(1))
    .min(1)
    .prefault(["v1"])
    .describe("One storage-OS version per cluster, cycled if fewer are listed."),
  ...backendCommon,
});

/**
 * A backend entry: one of the built-in kinds, or the kind of a registered plugin, whose
 * `describe` validates the entry's other keys (src/scenario/pluginKinds.ts). The union is
 * built for the plugins registered at the time; `scenarioSchema` is the one without plugins.
 */
function backendSchema(plugins: readonly PluginBackendKind[]) {
  const pluginKindNames = plugins.map((p) => p.kind);
  return z.discriminatedUnion("kind", [filer, scaleOut, ...plugins.map(pluginBackend)], {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      return unknownBackendKind(kind, pluginKindNames);
    },
  });
}

function unknownBackendKind(kind: unknown, pluginKindNames: readonly string[]): string {
  const hint =
    typeof kind === "string" ? closestMatch(kind, [...BUILTIN_BACKEND_KINDS, ...pluginKindNames]) : undefined;
  const found = kind === undefined ? "nothing (the key is missing)" : JSON.stringify(kind);
  const quoted = pluginKindNames.map((k) => JSON.stringify(k));
  const plugins =
    quoted.length === 0
      ? ""
      : quoted.length === 1
        ? `, or the plugin kind ${quoted[0]}`
        : `, or one of the plugin kinds ${quoted.join(", ")}`;
  const note = hint
    ? ` (did you mean "${hint}"?)`
    : typeof kind === "string"
      ? " (a plugin's kind? load the plugin first, e.g. with --plugin)"
      : "";
  return `expected a backend kind "filer" or "scale-out"${plugins}; found ${found}${note}`;
}

/** An entry of a plugin's kind: the plugin's `describe` validates the rest and gives its shape. */
function pluginBackend(plugin: PluginBackendKind) {
  return z.looseObject({ kind: z.literal(plugin.kind) }).transform((entry, ctx): PluginBackendSpec => {
    const { kind: _kind, ...options } = entry;
    const described = describeEntry(plugin, options);
    if ("spec" in described) return described.spec;
    const { path, expected, found } = described.problem;
    ctx.addIssue({
      code: "custom",
      path,
      input: found,
      message: `expected ${expected}; found ${describeValue(found)}`,
    });
    return z.NEVER;
  });
}

const backend = backendSchema([]);

export const explicitFaultSchema = strict({
  at: durationMs(),
  target: z.string().describe("`backend`, `backend/cluster/N`, `backend/node/N` or `backend/slot/N`."),
  fault: z.enum(FAULT_KINDS).describe("The kind of fault to inject"),
  duration: durationMs()
    .prefault(0)
    .describe("How long a transient fault lasts; for `node-loss`, the time to replace the node."),
  fraction: fraction()
    .optional()
    .describe("Share of the node's stored data damaged (latent errors, corruption, torn writes)."),
  window: durationMs()
    .optional()
    .describe("For lost writes: the window of acknowledged writes that never persisted."),
  propagate: z.boolean().optional().describe("For corruption: whether it copies to the other shards."),
  factor: z.number().min(1).optional().describe("For fail-slow: the slowdown factor."),
  repeat: strict({
    every: positiveDurationMs(),
    count: integer(1, 100_000, "a whole number of repetitions"),
  })
    .optional()
    .describe("Repeats the fault `count` times in all, `every` apart (maintenance windows, test series)."),
});

/** Planned storage operations: what operation-triggered bugs watch (docs/model.md#storage-os-bugs). */
const operation = strict({
  at: durationMs(),
  target: z.string().describe("`backend`, `backend/cluster/N` or `backend/node/N`."),
  operation: z
    .enum(["snapshot", "rebalance", "upgrade"])
    .describe("The planned operation: snapshot, rebalance or upgrade"),
  version: z
    .string()
    .min(1)
    .optional()
    .describe("For `upgrade`: the storage-OS version the nodes run afterwards."),
  repeat: strict({
    every: positiveDurationMs(),
    count: integer(1, 100_000, "a whole number of repetitions"),
  })
    .optional()
    .describe("Repeats the operation `count` times in all, `every` apart"),
});

const protection = strict({
  copies: z
    .array(name)
    .min(1)
    .max(32)
    .optional()
    .describe("The backend of each copy (shard); repeat a name for several copies on one backend."),
  erasure: strict({
    backend: name.describe("The backend whose slots hold the fragments"),
    data: integer(1, 32),
    parity: integer(0, 32),
  })
    .optional()
    .describe("Erasure coding instead of replication: `data` fragments needed of `data + parity`."),
  groups: integer(1, 100_000_000, "a whole number of protection groups")
    .optional()
    .describe("Protection groups; default: one per slot of the first copy's backend."),
  quorum: integer(1, 64)
    .optional()
    .describe(
      "Shards that must be reachable to serve (default 1 for replication, `data` for erasure coding).",
    ),
  replication: z
    .enum(["sync", "async"])
    .prefault("sync")
    .describe(
      "Synchronous replication (no acknowledged write lost on failover) or asynchronous (the lag is lost)",
    ),
  lag: durationMs()
    .prefault("3s")
    .describe(
      "Asynchronous replication lag: acknowledged writes lost on failover (Cyrus rolling replication: 3 s).",
    ),
  failover: strict({
    detection: durationMs().prefault("2m"),
    mode: z
      .enum(["automatic", "manual"])
      .prefault("automatic")
      .describe("Automatic failover, or manual (waits for an operator decision)"),
    decision: durationDistribution()
      .prefault({ lognormal: { median: "30m", sigma: 1 } })
      .describe("Operator decision time for a manual failover."),
  })
    .prefault({})
    .describe("How service moves to a surviving copy when the serving one fails"),
  repair: strict({
    concurrency: z
      .enum(["independent", "shared"])
      .prefault("independent")
      .describe(
        "Each group repairs on its own (independent) or one repair at a time across the fleet (shared)",
      ),
    time: durationDistribution()
      .optional()
      .describe("Rebuild time of one shard; default: the group's size over the backend's repair bandwidth."),
  })
    .prefault({})
    .describe("Rebuilding lost or damaged shards"),
  scrub: strict({ every: positiveDurationMs() })
    .optional()
    .describe(
      "Scrubbing: damage on a shard with clean copies is repaired at the next pass (default every 14 d).",
    ),
  shardLoss: strict({ ttf: durationDistribution() })
    .optional()
    .describe("Permanent failure of one shard (a disk under it), per shard, clock restarting when rebuilt."),
  ...placementFields,
});

const backup = strict({
  every: positiveDurationMs().describe("A backup of every group is taken every `every` (first at `every`)."),
  restoreBandwidth: bandwidthBytesPerSec().describe(
    "Total restore bandwidth, shared equally by the restores running at once.",
  ),
  streamBandwidth: bandwidthBytesPerSec()
    .optional()
    .describe(
      "Most one restore can move, bytes/s (one stream: a restore process, a tape drive, a target disk); omitted: a restore may take its whole share of `restoreBandwidth`.",
    ),
  parallelism: integer(1, 1_000_000, "a whole number of parallel restores")
    .optional()
    .describe("Restores running at once (`1`: one stream; omitted: all at once, processor sharing)."),
  order: z
    .enum(["fifo", "smallest-first", "largest-first", "most-active-first", "tier-first"])
    .prefault("fifo")
    .describe("The order restores are served in when bandwidth is short"),
  startAfter: durationMs()
    .prefault("30m")
    .describe("Time from a total loss to the start of its restore (detection and decision)."),
  dialTone: strict({ after: durationMs().prefault("10m") })
    .optional()
    .describe(
      "Dial-tone recovery: give service back on an empty store after this delay, restore history behind it.",
    ),
});

const service = strict({
  dialTone: strict({
    after: durationMs().describe(
      "How long a mailbox's storage is blocked (down with its data intact) before it gets an empty writable mailbox.",
    ),
  })
    .optional()
    .describe(
      "Dial-tone for blocked storage: an empty writable mailbox after `after`, its history back when the storage is (service restored, data pending).",
    ),
});

const operators = strict({
  count: integer(1, 100_000)
    .prefault(4)
    .describe("Manual recoveries handled at once (a failover decision covers a whole backend)."),
});

const placement = strict({ backend: name.describe("The backend every mailbox lives on") });

export const scenarioSchema = strict({
  name: z
    .string()
    .min(1)
    .max(200)
    // Printed at the head of every report: no control characters (a terminal would obey them).
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, { error: "a name of printable characters (no control characters)" })
    .describe("The scenario name, shown in reports"),
  description: z
    .string()
    .optional()
    .describe("What the scenario is: the first sentence is listed by `maildrill scenarios`"),
  seed: z
    .union([z.number().int(), z.string().min(1)])
    .prefault(1)
    .describe("The run seed (a number or a word); run i of compare and sweep uses <seed>/i"),
  horizon: positiveDurationMs(),
  timelineStep: positiveDurationMs().prefault("1h"),
  fleet: fleet.describe("The mailboxes: how many, their sizes, mail and login rates, daily profile, tiers"),
  senders: z
    .array(sender)
    .min(1)
    .prefault(DEFAULT_SENDERS)
    .describe("The mix of sending MTAs and their retry schedules (shares add up to 100%)"),
  mx: strict({ spool: spool.prefault({}).describe("Where the MX keeps mail for mailboxes it cannot reach") })
    .prefault({ spool: {} })
    .describe("The inbound MX and its spool"),
  backends: z
    .record(name, backend)
    .describe("The storage backends by name: filer, scale-out or a plugin kind"),
  placement: placement.optional().describe("Where the mailboxes live when there is no `protection` block"),
  protection: protection
    .optional()
    .describe("Replicas or erasure coding across slots and backends, quorum, failover, repair"),
  operators: operators.prefault({}).describe("The operators who make manual decisions (failovers, restores)"),
  service: service
    .optional()
    .describe("How the mail service treats mailboxes whose storage is out (dial-tone for blocked storage)"),
  backup: backup.optional().describe("Scheduled backups and how restores run"),
  faults: z
    .array(explicitFaultSchema)
    .prefault([])
    .describe("Explicit faults at given times on given targets"),
  operations: z
    .array(operation)
    .prefault([])
    .describe("Planned operations (snapshots, rebalances, upgrades)"),
  migration: migrationSchema
    .optional()
    .describe(
      "A migration from one backend to another, and the rollout strategies weighed for it (docs/model.md#migrations-and-rollout-strategies).",
    ),
  strategies: strategiesSchema
    .optional()
    .describe("The rollout strategies weighed for the migration, by name"),
  strategy: name
    .optional()
    .describe("The strategy `maildrill run` uses; default: the first in `strategies`."),
  stopWhen: z
    .enum(["horizon", "first-data-loss"])
    .prefault("horizon")
    .describe("End the run early at the first total data loss (for mean-time-to-data-loss experiments)."),
  check: checkSchema
    .optional()
    .describe("The fault model `maildrill check` searches within (docs/check.md); runs ignore it."),
  sharedDependencies: sharedDependenciesSchema
    .optional()
    .describe("What a hung store does to the shared front ends, delivery agents and MX (blast radius)"),
  costs: costsSchema
    .optional()
    .describe("Prices for the measured figures: every run gets a total cost and its breakdown"),
  variants: variantsSchema
    .optional()
    .describe("Named overlays for structural uncertainty; `compare` runs every strategy under each"),
});

let withPlugins: { version: number; schema: typeof scenarioSchema } | undefined;

/** The scenario schema that also accepts the backend kinds of the plugins registered now. */
export function currentScenarioSchema(): typeof scenarioSchema {
  const version = pluginKindsVersion();
  if (withPlugins?.version !== version) {
    const plugins = pluginKinds();
    const schema =
      plugins.length === 0
        ? scenarioSchema
        : scenarioSchema.extend({ backends: z.record(name, backendSchema(plugins)) });
    withPlugins = { version, schema };
  }
  return withPlugins.schema;
}

/**
 * A validated scenario: every duration in ms, every size in bytes, defaults filled in
 * (docs/model.md). Each variant carries its own validated scenario (the file with the
 * variant's values set, `variantScenarios.ts`), so a run of a variant is a run of a scenario.
 */
export type Scenario = Omit<z.output<typeof scenarioSchema>, "variants"> & {
  variants?: Record<string, VariantSpec & { scenario: Scenario }>;
};
/** A scenario as written, before validation: what `validateScenario` accepts. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A backend entry of a built-in kind (a plugin's entry is a `PluginBackendSpec`). */
export type BuiltinBackendSpec = Exclude<Scenario["backends"][string], PluginBackendSpec>;
export type SenderSpec = Scenario["senders"][number];
export type RetrySpec = NonNullable<SenderSpec["retry"]>;
export type FleetSpec = Scenario["fleet"];
