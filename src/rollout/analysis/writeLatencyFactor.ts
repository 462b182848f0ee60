/**
 * writeLatencyFactor: the `write-latency-factor` analysis metric (docs/model.md#metric-analysis)
 * — what an operator's p99 write-latency panel of the migration target shows, as a ratio to
 * the target's normal p99.
 *
 * The model has no per-request latency, only per-node slowdowns (fail-slow faults, latency
 * bugs): a request to a node slowed by f takes f times as long. If every node's normal latency
 * is the same, a write's latency ratio is its node's factor, and the p99 of the ratio over the
 * target's writes is the 99th percentile of the factors, each unit weighted by its writes. The
 * writes are the migrated units' (a unit with a copy on the target): their mail lands on that
 * copy's node. A unit's writes are taken in proportion to its mailboxes (mail arrives per mailbox).
 *
 *   reading = the smallest factor f such that units holding ≥ 99% of the migrated mailboxes
 *             sit on nodes slowed by at most f;  1 while no unit has a copy on the target
 *
 * Why a percentile and not the largest factor or the mean: a p99 panel turns red when one
 * slow node carries more than 1% of the writes, whatever the others do — the mean would
 * dilute it, the maximum would fire on a node holding a single unit of a large fleet.
 * Contract: reads the port only.
 */
import type { MigrationPort } from "../../model/MigrationPort.js";

/** The share of writes a p99 panel may leave above its line. */
const TAIL_SHARE = 0.01;

export function writeLatencyFactor(port: MigrationPort, targetShard: number): number {
  const mailboxesBySlowFactor = new Map<number, number>();
  let total = 0;
  for (let g = 0; g < port.groupCount; g++) {
    const shard = g * port.shardCount + targetShard;
    if (!port.isPresent(shard)) continue;
    const mailboxes = port.groupMailboxes(g);
    const factor = port.shardSlowFactor(shard);
    mailboxesBySlowFactor.set(factor, (mailboxesBySlowFactor.get(factor) ?? 0) + mailboxes);
    total += mailboxes;
  }
  if (total === 0) return 1;
  // From the slowest down: the first factor whose slower-or-equal share exceeds the tail is the p99.
  const factors = [...mailboxesBySlowFactor.keys()].sort((a, b) => b - a);
  let above = 0;
  for (const factor of factors) {
    above += mailboxesBySlowFactor.get(factor)!;
    if (above > TAIL_SHARE * total) return factor;
  }
  return factors[factors.length - 1]!;
}
