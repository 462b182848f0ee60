/**
 * RAID groups behind filer nodes, latent errors met by a rebuild, failure bursts and the
 * random damage processes. RAID MTTDL is checked against the exact CTMC of docs/validation.md#raid-groups
 * (RAID-5 and RAID-6 with shared repair, N = 8, λ = 0.01/h, μ = 0.1/h) over 500 runs.
 */
import { describe, expect, it } from "vitest";
import { mean } from "../../../src/metrics/statistics.js";
import { loadScenarioFile, validateScenario } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";

const BAND_500 = [0.8353, 1.1835] as const;

/** Exact MTTDL of one group of N disks (docs/validation.md#raid-groups): 1 tolerated, and 2 tolerated with shared repair. */
function raidMttdl(n: number, parity: 1 | 2, lambda: number, mu: number): number {
  if (parity === 1) return ((2 * n - 1) * lambda + mu) / (n * (n - 1) * lambda * lambda);
  return (
    ((3 * n * n - 6 * n + 2) * lambda ** 2 + 2 * (n - 1) * lambda * mu + mu * mu) /
    (n * (n - 1) * (n - 2) * lambda ** 3)
  );
}

function meanHoursToLoss(fixture: string, runs: number): number {
  const scenario = loadScenarioFile(
    new URL(`../../fixtures/validation/${fixture}`, import.meta.url).pathname,
  );
  const hours: number[] = [];
  for (let seed = 1; seed <= runs; seed++)
    hours.push(
      (runChecked(scenario, { seed }).measurements.integrity.firstDataLossMs ?? Number.NaN) / 3_600_000,
    );
  return mean(hours);
}

describe("RAID groups (docs/validation.md#raid-groups)", () => {
  it("the reference formulas give the published values", () => {
    expect(raidMttdl(8, 1, 0.01, 0.1)).toBeCloseTo(44.643, 3);
    expect(raidMttdl(8, 2, 0.01, 0.1)).toBeCloseTo(114.881, 3);
  });
  for (const [fixture, parity] of [
    ["mttdl-raid5-n8.yaml", 1],
    ["mttdl-raid6-n8.yaml", 2],
  ] as const) {
    it(`${fixture}: mean time to data loss within the χ² band`, () => {
      const ratio = meanHoursToLoss(fixture, 500) / raidMttdl(8, parity, 0.01, 0.1);
      expect(ratio).toBeGreaterThanOrEqual(BAND_500[0]);
      expect(ratio).toBeLessThanOrEqual(BAND_500[1]);
    });
  }
});

function single(backend: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return validateScenario({
    name: "raid-and-processes",
    seed: 17,
    horizon: "10d",
    fleet: { mailboxes: 100, size: "1GB", inboundPerDay: 100, diurnal: "flat" },
    mx: { spool: { acceptFor: "0s" } },
    backends: { filer: { kind: "filer", nodes: 4, volumesPerNode: 5, takeover: "none", ...backend } },
    ...extra,
  });
}

describe("faults from rates", () => {
  it("more failed disks than the parity lose the shelf: lifetimes of exactly 5 d lose every shelf at 5 d and 10 d", () => {
    const s = single({ raid: { disks: 4, parity: 1, diskTtf: "5d", rebuild: "1h" } });
    const { ledger, events } = runChecked(s).measurements;
    expect(events["raid-data-loss"]).toBe(8);
    expect(ledger.silentlyLost).toBeGreaterThan(0);
    expect(ledger.reconciles).toBe(true);
  });

  it("a rebuild with no redundancy left meets latent errors; without such rebuilds or losses nothing is lost", () => {
    const s = single({
      nodes: 1,
      volumesPerNode: 1,
      raid: {
        disks: 4,
        parity: 1,
        diskTtf: { exponential: { mean: "20d" } },
        rebuild: "2h",
        latentErrorFraction: "10%",
      },
    });
    let met = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { ledger, events } = runChecked(s, { seed }).measurements;
      const rebuildsMeeting = events["rebuild-met-latent-errors"] ?? 0;
      met += rebuildsMeeting;
      if (rebuildsMeeting === 0 && (events["raid-data-loss"] ?? 0) === 0) expect(ledger.silentlyLost).toBe(0);
      if (rebuildsMeeting > 0) expect(ledger.silentlyLost).toBeGreaterThan(0);
      expect(ledger.reconciles).toBe(true);
    }
    expect(met).toBeGreaterThan(5);
  });

  it("failure bursts: each crash takes its two neighbours within the window", () => {
    const s = single({
      nodeCrash: {
        ttf: { exponential: { mean: "2d" } },
        downtime: "30m",
        burst: { probability: "100%", extra: 2, window: "120s" },
      },
    });
    const { events } = runChecked(s).measurements;
    const crashes = events["node-crash"] ?? 0;
    expect(crashes).toBeGreaterThan(5);
    // A neighbour already down is skipped, so at most two burst victims per crash.
    expect(events["node-crash-burst"]).toBeGreaterThan(crashes);
    expect(events["node-crash-burst"]).toBeLessThanOrEqual(2 * crashes);
  });

  it("random latent errors on a single copy lose their share of the mail; with a scrubbed replica nothing is lost", () => {
    const latentErrors = { ttf: { exponential: { mean: "3d" } }, fraction: "5%" };
    const sole = runChecked(single({ latentErrors })).measurements;
    expect(sole.events["latent-errors"]).toBeGreaterThan(0);
    expect(sole.ledger.silentlyLost).toBeGreaterThan(0);
    const replicated = runChecked(
      single({ latentErrors }, { protection: { copies: ["filer", "filer"], scrub: { every: "1d" } } }),
    ).measurements;
    expect(replicated.ledger.silentlyLost).toBeLessThan(sole.ledger.silentlyLost);
    expect(replicated.events["scrub-repaired"]).toBeGreaterThan(0);
  });

  it("random silent corruption on a single copy is served corrupted", () => {
    const { ledger, events } = runChecked(
      single({ corruption: { ttf: { exponential: { mean: "3d" } }, fraction: "2%" } }),
    ).measurements;
    expect(events.corruption).toBeGreaterThan(0);
    expect(ledger.corruptedServed).toBeGreaterThan(0);
    expect(ledger.reconciles).toBe(true);
  });

  it("fail-slow below the timeout slows the rebuilds onto the node by its factor", () => {
    const rebuildSeconds = (faults: unknown[]) => {
      const s = validateScenario({
        name: "fail-slow-rebuild",
        seed: 2,
        horizon: "3d",
        fleet: { mailboxes: 10, size: "1GB", inboundPerDay: 10, diurnal: "flat" },
        mx: { spool: { acceptFor: "0s" } },
        backends: {
          s: { kind: "scale-out", nodesPerCluster: 2, shardsPerNode: 1, repairBandwidth: "100MB/s" },
        },
        protection: { copies: ["s", "s"], groups: 1 },
        faults: [{ at: "1d 1h", target: "s/node/1", fault: "node-loss", duration: "0s" }, ...faults],
      });
      const trace: Record<string, number | string | null>[] = [];
      runChecked(s, { trace: (r) => trace.push(r) });
      const lost = trace.find((r) => r.event === "shard-lost")!.tMs as number;
      const rebuilt = trace.find((r) => r.event === "shard-rebuilt")!.tMs as number;
      return (rebuilt - lost) / 1000;
    };
    // 10 GB at 100 MB/s is 100 s; a node five times slower takes 500 s.
    expect(rebuildSeconds([])).toBe(100);
    expect(
      rebuildSeconds([{ at: "1d", target: "s/node/1", fault: "fail-slow", factor: 5, duration: "1d" }]),
    ).toBe(500);
  });
});
