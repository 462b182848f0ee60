/**
 * Property: whatever the storage does — replication or erasure coding, sync or async,
 * crashes, losses, damage, RAID, common-mode bugs, backups with or without dial-tone — every
 * arrived message ends in exactly one ledger class, no class goes negative, and the same
 * scenario and seed give the same result twice.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";

const storageWorld = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  mailboxes: fc.integer({ min: 1, max: 200 }),
  nodesPerCluster: fc.integer({ min: 3, max: 6 }),
  copies: fc.integer({ min: 1, max: 3 }),
  erasure: fc.boolean(),
  replication: fc.constantFrom("sync", "async"),
  repair: fc.constantFrom("shared", "independent"),
  lossMeanDays: fc.integer({ min: 2, max: 40 }),
  crashMeanDays: fc.integer({ min: 1, max: 20 }),
  damageFraction: fc.integer({ min: 1, max: 50 }),
  bugEffect: fc.constantFrom("blocked", "read-only", "destroy", "lost", "corrupt", "none"),
  backup: fc.constantFrom("none", "plain", "dial-tone"),
  spoolHours: fc.integer({ min: 0, max: 20 }),
});

type Drawn = typeof storageWorld extends fc.Arbitrary<infer T> ? T : never;

const EFFECTS: Record<string, unknown> = {
  blocked: "blocked",
  "read-only": "read-only",
  destroy: "destroy",
  lost: { lostWrites: { window: "6h" } },
  corrupt: { corrupt: { fraction: "20%", propagate: true } },
};

function toScenario(d: Drawn) {
  const bugs =
    d.bugEffect === "none"
      ? []
      : [
          {
            name: "b",
            trigger: { hazard: { mean: "10d", recurring: true } },
            scope: "version",
            effect: EFFECTS[d.bugEffect],
            fix: { after: "1d", reopenRate: "100/h" },
          },
        ];
  const protection = d.erasure
    ? {
        erasure: { backend: "s", data: 2, parity: 1 },
        repair: { concurrency: d.repair },
        scrub: { every: "2d" },
      }
    : {
        copies: Array.from({ length: d.copies }, () => "s"),
        replication: d.replication,
        repair: { concurrency: d.repair },
        scrub: { every: "2d" },
      };
  return validateScenario({
    name: "integrity-property",
    seed: d.seed,
    horizon: "15d",
    timelineStep: "6h",
    fleet: {
      mailboxes: d.mailboxes,
      size: "200MB",
      inboundPerDay: { lognormal: { median: 50, sigma: 1 } },
      diurnal: "consumer",
    },
    mx: { spool: { acceptFor: `${d.spoolHours}h`, holdMax: "2d", capacityMessages: 5000 } },
    backends: {
      s: {
        kind: "scale-out",
        nodesPerCluster: d.nodesPerCluster,
        shardsPerNode: 2,
        repairBandwidth: "50MB/s",
        nodeCrash: {
          ttf: { exponential: { mean: `${d.crashMeanDays}d` } },
          downtime: { lognormal: { median: "1h", sigma: 1 } },
          crews: 1,
        },
        nodeLoss: { ttf: { exponential: { mean: `${d.lossMeanDays}d` } }, replace: "2h" },
        latentErrors: { ttf: { exponential: { mean: "7d" } }, fraction: `${d.damageFraction}%` },
        corruption: { ttf: { exponential: { mean: "9d" } }, fraction: `${d.damageFraction}%` },
        bugs,
      },
    },
    protection,
    ...(d.backup === "none"
      ? {}
      : {
          backup: {
            every: "1d",
            restoreBandwidth: "20MB/s",
            parallelism: 2,
            ...(d.backup === "dial-tone" ? { dialTone: { after: "10m" } } : {}),
          },
        }),
    faults: [{ at: "3d", target: "s/node/0", fault: "lost-writes", window: "2h" }],
  });
}

describe("ledger integrity under storage faults", () => {
  it("reconciles, never goes negative, and is deterministic", () => {
    fc.assert(
      fc.property(storageWorld, (drawn) => {
        const s = toScenario(drawn);
        const first = runChecked(s).measurements;
        expectReconciled(first.ledger);
        for (const value of Object.values(first.ledger))
          if (typeof value === "number") expect(value).toBeGreaterThanOrEqual(0);
        expect(JSON.stringify(runChecked(s).measurements)).toBe(JSON.stringify(first));
      }),
      { seed: 4_042_023, numRuns: 40 },
    );
  });

  it("regression (found by this property): a group losing its data twice in one instant gets one restore", () => {
    const s = validateScenario({
      name: "double-loss",
      seed: 1,
      horizon: "3d",
      fleet: { mailboxes: 10, size: "100MB", inboundPerDay: 100, diurnal: "flat" },
      mx: { spool: { acceptFor: "0s" } },
      backends: { f: { kind: "filer", nodes: 1, volumesPerNode: 1, takeover: "none" } },
      backup: { every: "12h", restoreBandwidth: "10MB/s", startAfter: "0s" },
      faults: [
        { at: "1d 6h", target: "f/node/0", fault: "node-loss", duration: "1h" },
        { at: "1d 6h", target: "f/node/0", fault: "node-loss", duration: "1h" },
      ],
    });
    const { integrity, ledger } = runChecked(s).measurements;
    expect(integrity.dataLossEvents).toBe(2);
    expect(integrity.restores).toBe(1);
    expect(ledger.recovered).toBeGreaterThan(0);
    expectReconciled(ledger);
  });
});
