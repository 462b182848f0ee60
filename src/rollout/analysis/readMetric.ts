/**
 * readMetric: what an analysis metric reads now (docs/model.md#metric-analysis), from the
 * world's migration port and the rollout's own incident log — what an operator's dashboard
 * would show, nothing the operator could not see:
 *
 *   counter-headroom  1 − (largest value of the counter over the target's units) / assumedLimit
 *                     a fraction: 0.3 is 30% left below the assumed limit, negative past it
 *   incidents         incidents on the target cohort noticed by now (each `detection` after it happened)
 *   mailboxes-down    share of the fleet's mailboxes whose group is not Up now
 *   write-latency-factor  p99 of the migrated units' write-latency ratio (writeLatencyFactor.ts)
 *   bounces           messages bounced since the migration started (drawn for ended outages,
 *                     expected so far for open ones: MigrationPort.bouncedSince)
 *
 * `factor` is the reading's noise (1 + noise × Z): it scales the measured quantity — the
 * counter for a headroom, the count, share or slowdown factor otherwise — so a noisy gate
 * errs both ways.
 * Contract: reads only; throws if the target keeps no counters (the scenario checks refuse it).
 */
import type { MigrationPort } from "../../model/MigrationPort.js";
import { Access } from "../../model/WorldObserver.js";
import type { AnalysisTemplate } from "../../scenario/analysisSchema.js";
import { writeLatencyFactor } from "./writeLatencyFactor.js";

export interface MetricSources {
  readonly port: MigrationPort;
  /** A shard index on the migration target (its backend's counters are read). */
  readonly targetShard: number;
  /** When the migration started (bounces are counted from then). */
  readonly migrationStartMs: number;
  /** Incidents on the target cohort noticed by now. */
  noticedIncidents(): number;
}

export function readMetric(template: AnalysisTemplate, sources: MetricSources, factor: number): number {
  const port = sources.port;
  switch (template.metric) {
    case "counter-headroom": {
      const peak = port.counterPeak(sources.targetShard, template.counter!, template.per!);
      if (peak === undefined) throw new Error("counter-headroom: the migration target keeps no counters");
      return 1 - (peak * factor) / template.assumedLimit!;
    }
    case "incidents":
      return sources.noticedIncidents() * factor;
    case "mailboxes-down": {
      let down = 0;
      for (let g = 0; g < port.groupCount; g++)
        if (port.groupAccess(g) !== Access.Up) down += port.groupMailboxes(g);
      return (down / port.mailboxCount) * factor;
    }
    case "write-latency-factor":
      return writeLatencyFactor(port, sources.targetShard) * factor;
    case "bounces":
      return port.bouncedSince(sources.migrationStartMs) * factor;
  }
}
