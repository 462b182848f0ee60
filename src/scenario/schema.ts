/**
 * The scenario file format: what a user may write, validated with zod into a typed `Scenario`
 * whose quantities are canonical numbers (ms, bytes, per-second rates, fractions) and whose
 * random quantities are engine `DistributionSpec`s.
 *
 * Contract: keys are strict (an unknown key is an error with a "did you mean" hint); every
 * default is written here, next to the field, with its source in docs/model.md; cross-field
 * rules (shares summing to 100%, names that must resolve) live in `crossChecks.ts`.
 */
import { z } from "zod";
import { closestMatch } from "./didYouMean.js";
import {
  count,
  countDistribution,
  durationDistribution,
  durationMs,
  fraction,
  integer,
  positiveDurationMs,
  sizeDistribution,
} from "./fields.js";

/** A strict object whose unknown-key error names the closest known key. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const key = String(issue.keys[0]);
      const hint = closestMatch(key, known);
      const expected = `one of the keys ${known.join(", ")}`;
      return `expected ${expected}; found the unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`;
    },
  });
}

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: (issue) =>
    `expected a name of letters, digits, "_", "." or "-"; found ${JSON.stringify(issue.input)}`,
});

/** A sender MTA's retry behaviour: one of the presets or a custom schedule. */
const MTA_PRESETS = ["postfix", "exim", "exchange", "gmail"] as const;

const backoffRetry = strict({
  first: positiveDurationMs(),
  max: positiveDurationMs(),
  lifetime: positiveDurationMs(),
  giveUp: z.enum(["at-attempt", "at-lifetime"]).prefault("at-attempt"),
});
const fixedRetry = strict({
  every: positiveDurationMs(),
  lifetime: positiveDurationMs(),
  giveUp: z.enum(["at-attempt", "at-lifetime"]).prefault("at-attempt"),
});
const eximRetry = strict({ rule: z.string().min(1), lifetime: positiveDurationMs().optional() });

const retrySpec = z.union([
  strict({ backoff: backoffRetry }),
  strict({ fixed: fixedRetry }),
  strict({ perHost: eximRetry }),
]);

const sender = strict({
  share: fraction(),
  mta: z.enum(MTA_PRESETS).optional(),
  retry: retrySpec.optional(),
  name: z.string().optional(),
});

const DEFAULT_SENDERS = [
  { share: "50%", mta: "gmail" as const },
  { share: "30%", mta: "postfix" as const },
  { share: "20%", mta: "exchange" as const },
];

const spool = strict({
  /** How long after a mailbox becomes unreachable the MX keeps accepting its mail (Libero: ~16 h). */
  acceptFor: durationMs().prefault("16h"),
  /** How long the MX holds accepted mail before bouncing it ("queue timeouts extended" at Libero). */
  holdMax: positiveDurationMs().prefault("7d"),
  /** Spool size in messages (default unbounded); a full spool refuses (4xx) until it drains. */
  capacityMessages: count().optional(),
});

const tier = strict({
  name,
  share: fraction(),
  /** Lower restores first under tier-first ordering. */
  restorePriority: integer(0, 1000).prefault(0),
});

const DIURNAL_PRESETS = ["flat", "consumer", "business"] as const;

const fleet = strict({
  mailboxes: integer(1, 1e15, "a whole number of mailboxes"),
  size: sizeDistribution().prefault({ lognormal: { median: "300MB", sigma: 1.0 } }),
  inboundPerDay: countDistribution().prefault({ lognormal: { median: 30, sigma: 0.8 } }),
  loginsPerDay: countDistribution().prefault(4),
  diurnal: z
    .union([z.enum(DIURNAL_PRESETS), z.array(z.number().nonnegative()).length(24)])
    .prefault("consumer"),
  tiers: z
    .array(tier)
    .min(1)
    .prefault([{ name: "standard", share: "100%" }]),
});

const nodeCrash = strict({
  /** Time to the next crash of a node (per node). */
  ttf: durationDistribution(),
  /** How long a crashed node stays down before it returns with its data. */
  downtime: durationDistribution(),
});

const backend = strict({
  kind: z.enum(["filer"]),
  nodes: integer(1, 1_000_000, "a whole number of nodes"),
  /** Placement groups (volumes) per node: the unit that fails, fails over and reopens together. */
  volumesPerNode: integer(1, 100_000, "a whole number of volumes per node").prefault(8),
  version: z.string().prefault("v1"),
  nodeCrash: nodeCrash.optional(),
});

const explicitFault = strict({
  at: durationMs(),
  /** `backend`, `backend/node/N` or `backend/volume/N`. */
  target: z.string(),
  fault: z.enum(["crash"]),
  duration: positiveDurationMs(),
  /** Repeats the fault `count` times in all, `every` apart (maintenance windows, test series). */
  repeat: strict({
    every: positiveDurationMs(),
    count: integer(1, 100_000, "a whole number of repetitions"),
  }).optional(),
});

const placement = strict({ backend: name });

export const scenarioSchema = strict({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string().min(1)]).prefault(1),
  horizon: positiveDurationMs(),
  timelineStep: positiveDurationMs().prefault("1h"),
  fleet,
  senders: z.array(sender).min(1).prefault(DEFAULT_SENDERS),
  mx: strict({ spool: spool.prefault({}) }).prefault({ spool: {} }),
  backends: z.record(name, backend),
  placement: placement.optional(),
  faults: z.array(explicitFault).prefault([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SenderSpec = Scenario["senders"][number];
export type RetrySpec = NonNullable<SenderSpec["retry"]>;
export type FleetSpec = Scenario["fleet"];
