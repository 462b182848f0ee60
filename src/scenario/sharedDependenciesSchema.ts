/**
 * `sharedDependencies`: the shared parts in front of the storage — IMAP and webmail front ends,
 * delivery agents, the MX — and what a hung store does to them (docs/model.md#blast-radius-shareddependencies).
 *
 *   sharedDependencies:
 *     frontends: { role: imap, capacity: 100000, requestRate: 20000/s, serviceTime: 100ms,
 *                  hangTimeout: 60s, hang: pool-exhaustion }
 *
 * A request to a mailbox whose store is down waits for `hangTimeout` instead of `serviceTime`,
 * so the requests held at once are (Little's law) `requestRate × ((1 − h)·serviceTime +
 * h·hangTimeout)`, h the share of mailboxes whose store is down. Past `capacity` the pool is
 * exhausted, and the `hang` policy says what follows: `isolated` (the default, and the model
 * before this key existed) — nothing, only the affected cohort is down; `pool-exhaustion` —
 * every mailbox is down while the pool stays exhausted; `service-wide-smtp` — the MX closes
 * for everyone (every mailbox stays readable but accepts no mail).
 */
import { z } from "zod";
import { integer, positiveDurationMs, ratePerSec } from "./fields.js";
import { name } from "./rolloutSchema.js";
import { strictObject as strict } from "./strictObject.js";

const HANG_POLICIES = ["isolated", "pool-exhaustion", "service-wide-smtp"] as const;

const dependency = strict({
  /** What the pool is: IMAP or webmail front ends, delivery agents, or the MX. */
  role: z
    .enum(["imap", "webmail", "delivery", "mx"])
    .describe("What the pool is: IMAP or webmail front ends, delivery agents, or the MX"),
  /** Requests it can hold at once (worker threads, connections). */
  capacity: integer(1, 1e12, "a whole number of requests"),
  /** Requests per second across the whole fleet in normal operation. */
  requestRate: ratePerSec(),
  /** How long a request to a store that answers holds its place. */
  serviceTime: positiveDurationMs().prefault("100ms"),
  /** How long a request to a store that does not answer holds its place before timing out. */
  hangTimeout: positiveDurationMs().prefault("60s"),
  hang: z
    .enum(HANG_POLICIES)
    .prefault("isolated")
    .describe(
      "What an exhausted pool does: isolated (only the hung cohort is down), pool-exhaustion (every mailbox down), service-wide-smtp (the MX closes for everyone)",
    ),
});

export const sharedDependenciesSchema = z.record(name, dependency);

export type SharedDependencySpec = z.output<typeof dependency>;
