/**
 * smallScenarioArbitrary: a fast-check arbitrary of whole small scenarios — a few hundred
 * mailboxes over days, one or two scale-out backends on distinct storage-OS versions,
 * replicated one to three ways (synchronous or asynchronous), with or without backups — for
 * property tests that must hold for any world, not one hand-written file.
 *
 * The worlds have no random fault processes of their own: every fault comes from an explicit
 * schedule (`faultScheduleArbitrary(faultModelOf(scenario))`), so the empty schedule is a
 * fault-free run. Each field shrinks toward the simplest world: fewer mailboxes, one backend,
 * one copy, synchronous, no backup, a short horizon. Values are validated scenarios, each run
 * in milliseconds.
 */
import fc from "fast-check";
import { validateScenario } from "../../scenario/loadScenario.js";
import type { Scenario } from "../../scenario/schema.js";

/** Upper limits on what `smallScenarioArbitrary` draws. */
export interface SmallScenarioLimits {
  /** Default 300. */
  readonly maxMailboxes?: number;
  /** Default 10. */
  readonly maxHorizonDays?: number;
}

const BACKEND_NAMES = ["a", "b"] as const;

/**
 * A fast-check arbitrary of small valid scenarios (a few hundred mailboxes, one or two
 * scale-out backends, one to three copies, with or without backups) for property tests.
 */
export function smallScenarioArbitrary(limits: SmallScenarioLimits = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      seed: fc.nat({ max: 1_000_000 }),
      mailboxes: fc.integer({ min: 1, max: limits.maxMailboxes ?? 300 }),
      horizonDays: fc.integer({ min: 1, max: limits.maxHorizonDays ?? 10 }),
      inboundMedianPerDay: fc.integer({ min: 1, max: 200 }),
      backends: fc.integer({ min: 1, max: 2 }),
      nodesPerCluster: fc.integer({ min: 3, max: 6 }),
      shardsPerNode: fc.integer({ min: 1, max: 3 }),
      copies: fc.integer({ min: 1, max: 3 }),
      replication: fc.constantFrom("sync" as const, "async" as const),
      backup: fc.option(
        fc.record({
          everyHours: fc.integer({ min: 6, max: 48 }),
          restoreMBps: fc.integer({ min: 1, max: 500 }),
          order: fc.constantFrom("fifo", "smallest-first", "largest-first", "most-active-first"),
        }),
        { nil: undefined },
      ),
    })
    .map((d) => {
      const names = BACKEND_NAMES.slice(0, d.backends);
      return validateScenario({
        name: "small",
        seed: d.seed,
        horizon: `${d.horizonDays}d`,
        timelineStep: "6h",
        fleet: {
          mailboxes: d.mailboxes,
          inboundPerDay: { lognormal: { median: d.inboundMedianPerDay, sigma: 0.8 } },
        },
        backends: Object.fromEntries(
          names.map((name, i) => [
            name,
            {
              kind: "scale-out",
              nodesPerCluster: d.nodesPerCluster,
              shardsPerNode: d.shardsPerNode,
              versions: [`os-${i + 1}`],
            },
          ]),
        ),
        // Copies alternate over the backends: with two, a 2-way mirror spans both versions.
        protection: {
          copies: Array.from({ length: d.copies }, (_, i) => names[i % names.length]!),
          replication: d.replication,
        },
        ...(d.backup
          ? {
              backup: {
                every: `${d.backup.everyHours}h`,
                restoreBandwidth: `${d.backup.restoreMBps}MB/s`,
                order: d.backup.order,
              },
            }
          : {}),
      });
    });
}
