/**
 * openOutageBounces: how many messages of an outage that is still open at `toMs` have already
 * bounced at a time in [fromMs, toMs] — in expectation, because the model draws an outage's
 * arrival count only when the outage ends (DeferredMail), and drawing it earlier would move
 * every later draw of the run.
 *
 * What is knowable without the restore time: the store has been closed from the outage's
 * start through `toMs`, so every retry up to `toMs` failed, and a message's bounce time, if it
 * is at or before `toMs`, is the one DeferredMail would give it whatever the restore time:
 *   - spooled (arrived before the spool stopped accepting): arrival + `holdMaxMs`;
 *   - a per-message sender: arrival + the effective lifetime;
 *   - a per-host sender: the first host retry (outage start + grid age) at or after arrival +
 *     lifetime, or arrival + lifetime past the grid.
 * Each bounce time is non-decreasing in the arrival time, so the arrivals bouncing in the
 * window are one interval; the expectation is the rate × the diurnal mass over it (× the
 * sender's share).
 *
 * Contract: pure; draws nothing. When the outage ends its drawn count replaces this
 * expectation (docs/model.md#metric-analysis).
 */
import type { MailPolicy } from "./DeferredMail.js";
import { effectiveLifetimeMs, type RetrySchedule } from "./RetrySchedule.js";

export interface OpenOutage {
  /** When the outage began (the per-host retry grid starts here). */
  readonly startMs: number;
  /** Where its unsettled arrivals start (the start, or a later settlement point). */
  readonly windowStartMs: number;
  /** When the MX spool stopped (or will stop) accepting its mail. */
  readonly spoolEndMs: number;
}

export function openOutageBounces(
  policy: MailPolicy,
  outage: OpenOutage,
  baseRatePerMs: number,
  fromMs: number,
  toMs: number,
): number {
  const arrivedFromMs = outage.windowStartMs;
  const spoolEndMs = Math.min(Math.max(outage.spoolEndMs, arrivedFromMs), toMs);
  const hold = policy.spoolHoldMaxMs;
  let mass = massBetween(policy, arrivedFromMs, spoolEndMs, fromMs - hold, toMs - hold);
  for (const { share, schedule } of policy.senders) {
    const [lo, hi] = schedule.perHost
      ? [
          lastArrivalBouncing(schedule, outage.startMs, fromMs, true),
          lastArrivalBouncing(schedule, outage.startMs, toMs, false),
        ]
      : [fromMs - effectiveLifetimeMs(schedule), toMs - effectiveLifetimeMs(schedule)];
    mass += share * massBetween(policy, spoolEndMs, toMs, lo, hi);
  }
  return baseRatePerMs * mass;
}

/** The diurnal mass of arrivals in [startMs, endMs] ∩ [loMs, hiMs]. */
function massBetween(policy: MailPolicy, startMs: number, endMs: number, loMs: number, hiMs: number): number {
  const a = Math.max(startMs, loMs);
  const b = Math.min(endMs, hiMs);
  return b > a ? policy.diurnal.integralMs(a, b) : 0;
}

/**
 * Per-host: the latest arrival whose bounce time is at or before `atMs` (`strict`: before it).
 * A bounce comes at the first grid time ≥ arrival + lifetime, or at arrival + lifetime past the grid.
 */
function lastArrivalBouncing(
  schedule: RetrySchedule,
  outageStartMs: number,
  atMs: number,
  strict: boolean,
): number {
  const grid = schedule.attemptAgesMs;
  const lastGridMs = outageStartMs + grid[grid.length - 1]!;
  if (atMs > lastGridMs || (!strict && atMs === lastGridMs)) return atMs - schedule.lifetimeMs;
  let latest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < grid.length; k++) {
    const retryMs = outageStartMs + grid[k]!;
    if (retryMs > atMs || (strict && retryMs === atMs)) break;
    latest = retryMs;
  }
  return latest - schedule.lifetimeMs;
}
