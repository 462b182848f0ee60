/**
 * Storage-OS bugs through the real scenario loader and world: each trigger trips when the
 * scenario says it must, each scope reaches exactly the nodes it names (and never a second
 * version), each effect shows in the measurements where it should, and each fix ends the
 * outage as the patch delay and reopening rate imply.
 *
 * - Triggers: `at` (one trip for the backend); `uptime` with `installedAgo` (the 32,768-hour
 *   class: every node trips at installedAgo + t = uptime); `counter` per node, cluster and
 *   backend (the Libero class), whose trip time is computed here from the scenario — the
 *   initial objects are the mailbox bytes over `fleet.messageSize`, the growth is the inbound
 *   rate of the mailboxes writing there — and compared with the `bug-trigger` time in the
 *   trace; `operation: failover` (trips the node a failover lands on); `hazard` (the count of
 *   nodes tripped by the horizon is binomial, |z| ≤ 4).
 * - Scopes: node, cluster and version on three clusters running v1, v2, v1; the v2 cluster is
 *   never touched by a v1 bug, even when its own counter crosses the threshold.
 * - Effects: blocked (read- and write-down), read-only (write-down only), slow below and at
 *   the timeout factor, lost writes (rate × window silently lost on a sole copy), corruption
 *   (the fraction served corrupted; through replication with `propagate`, repaired without),
 *   destroy (everything stored is silently lost).
 * - Fixes: a patch after a delay with progressive reopening at `reopenRate` (TTRs spaced by
 *   mailboxes-per-node / rate), and `fix: none` (down at the horizon, mail pending).
 *
 * Message counts are Poisson (or binomial thinnings of Poisson counts) at |z| ≤ 4; times,
 * outage hours and mailbox counts are deterministic and checked exactly. Every test checks
 * that the ledger reconciles.
 */
import { describe, expect, it } from "vitest";
import type { RunMeasurements } from "../../../src/metrics/RunMeasurements.js";
import { validateScenario } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { zScore } from "../../helpers/fixtures.js";
import { expectReconciled } from "../../helpers/ledger.js";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const RATE_PER_DAY = 100;
const MESSAGE_BYTES = 10_000; // fleet.messageSize 10KB

type TraceRecord = Record<string, number | string | null>;

function run(input: Record<string, unknown>): { m: RunMeasurements; trace: TraceRecord[] } {
  const trace: TraceRecord[] = [];
  const scenario = validateScenario({
    name: "bugs-world",
    seed: 2023,
    mx: { spool: { acceptFor: "0s" } },
    ...input,
  });
  const { measurements } = runChecked(scenario, { trace: (r) => trace.push(r) });
  return { m: measurements, trace };
}

function events(trace: readonly TraceRecord[], kind: string): TraceRecord[] {
  return trace.filter((r) => r.event === kind);
}

function expectPoisson(observed: number, mean: number): void {
  expect(mean).toBeGreaterThan(0);
  expect(zScore(observed, mean, Math.sqrt(mean))).toBeLessThanOrEqual(4);
}

/** Expected messages stored by `mailboxes` over `ms` of flat diurnal time. */
const stored = (mailboxes: number, ms: number) => (mailboxes * RATE_PER_DAY * ms) / DAY;

// ------------------------------------------------------------------------------------------
// Three clusters of two nodes, one slot each, single copies; versions v1, v2, v1 by cluster.
// 60 mailboxes, round-robin over 6 groups (mailbox m → group m mod 6, so a size list of 6
// gives each group its own size). Placement: group g lives in cluster g mod 3, on node
// 2·(g mod 3) + ⌊g/3⌋:
//   g0 → node 0 (c0, v1)   g3 → node 1 (c0, v1)
//   g1 → node 2 (c1, v2)   g4 → node 3 (c1, v2)
//   g2 → node 4 (c2, v1)   g5 → node 5 (c2, v1)
// Each node holds one group of 10 mailboxes, written at 10 × 100 = 1,000 messages a day.
// ------------------------------------------------------------------------------------------
const NODE_OF_GROUP = [0, 2, 4, 1, 3, 5];
const PER_NODE = 10;

function cells(sizes: string[], bugs: unknown[], extra: Record<string, unknown> = {}) {
  return {
    horizon: "3d",
    fleet: { mailboxes: 60, sizes, inboundPerDay: RATE_PER_DAY, diurnal: "flat", messageSize: "10KB" },
    backends: {
      store: {
        kind: "scale-out",
        clusters: 3,
        nodesPerCluster: 2,
        shardsPerNode: 1,
        versions: ["v1", "v2"],
        bugs,
        ...extra,
      },
    },
  };
}

/** Initial objects of each node (mailbox bytes / message size), from a 6-entry size list in MB. */
function initialObjectsPerNode(sizesMB: number[]): number[] {
  const perNode = new Array<number>(6).fill(0);
  sizesMB.forEach((mb, g) => {
    perNode[NODE_OF_GROUP[g]!]! += (PER_NODE * mb * 1e6) / MESSAGE_BYTES;
  });
  return perNode;
}
/** Growth of a node's object counter: the inbound rate of its 10 mailboxes, per ms. */
const NODE_RATE_PER_MS = (PER_NODE * RATE_PER_DAY) / DAY;

describe("triggers", () => {
  it("at: one trip at the date, reaching every node of the backend whatever the scope", () => {
    const { m, trace } = run(
      cells(["1MB"], [{ name: "date", trigger: { at: "1d" }, scope: "node", effect: "blocked" }]),
    );
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ tMs: DAY, bug: "date", nodes: 6 });
    expect(m.availability.peakMailboxesDown).toBe(60);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(60 * 48, 9);
    expect(m.timeToRestore.unrestoredAtHorizon).toBe(60);
    expectReconciled(m.ledger);
  });

  it("uptime: nodes installed 32,720 h before the run reach 32,768 power-on hours at t = 2 d, each its own trip", () => {
    const { m, trace } = run(
      cells(["1MB"], [{ name: "ssd-32768h", trigger: { uptime: "32768h" }, effect: "blocked" }], {
        installedAgo: "32720h",
      }),
    );
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(6);
    for (const trip of trips) expect(trip).toMatchObject({ tMs: (32_768 - 32_720) * HOUR, nodes: 1 });
    expect(m.availability.mailboxHoursDown).toBeCloseTo(60 * 24, 9);
    expectReconciled(m.ledger);
  });

  it("uptime: a fleet installed recently never reaches the bug's age within the horizon", () => {
    const { m } = run(
      cells(["1MB"], [{ name: "ssd-32768h", trigger: { uptime: "32768h" }, effect: "blocked" }], {
        installedAgo: "1y",
      }),
    );
    expect(m.events["bug-trigger"]).toBeUndefined();
    expect(m.availability.mailboxHoursDown).toBe(0);
    expectReconciled(m.ledger);
  });

  it("counter per node: node 0 (5 MB mailboxes) trips when initial + growth reaches the threshold", () => {
    const sizesMB = [5, 1, 1, 1, 1, 1];
    const threshold = 6000;
    const { m, trace } = run(
      cells(
        sizesMB.map((mb) => `${mb}MB`),
        [{ name: "objects", trigger: { counter: "objects", per: "node", threshold }, effect: "blocked" }],
      ),
    );
    const initial = initialObjectsPerNode(sizesMB);
    expect(initial[0]).toBe(5000);
    const expectedTripMs = (threshold - initial[0]!) / NODE_RATE_PER_MS;
    expect(expectedTripMs).toBeCloseTo(DAY, 6);
    // Every other node holds 1,000 objects and would need 5 d, past the 3 d horizon.
    expect((threshold - initial[1]!) / NODE_RATE_PER_MS).toBeGreaterThan(3 * DAY);
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(1);
    expect(Math.abs(Number(trips[0]!.tMs) - expectedTripMs)).toBeLessThanOrEqual(1);
    expect(trips[0]!.nodes).toBe(1);
    expect(m.availability.peakMailboxesDown).toBe(PER_NODE);
    expect(m.availability.mailboxHoursDown).toBeCloseTo((PER_NODE * (3 * DAY - expectedTripMs)) / HOUR, 6);
    expectReconciled(m.ledger);
  });

  it("counter per cluster: cluster 0 (nodes 0 and 1) trips on the sum of its nodes, and only it is reached", () => {
    const sizesMB = [5, 1, 1, 1, 1, 1];
    const threshold = 9000;
    const { m, trace } = run(
      cells(
        sizesMB.map((mb) => `${mb}MB`),
        [{ name: "cell", trigger: { counter: "objects", per: "cluster", threshold }, effect: "blocked" }],
      ),
    );
    const initial = initialObjectsPerNode(sizesMB);
    const cluster0 = initial[0]! + initial[1]!; // 6,000 objects, growing at 2,000 a day
    const expectedTripMs = (threshold - cluster0) / (2 * NODE_RATE_PER_MS);
    expect(expectedTripMs).toBeCloseTo(1.5 * DAY, 6);
    const others = initial[2]! + initial[3]!; // clusters 1 and 2: 2,000 objects, 3.5 d away
    expect((threshold - others) / (2 * NODE_RATE_PER_MS)).toBeGreaterThan(3 * DAY);
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(1);
    expect(Math.abs(Number(trips[0]!.tMs) - expectedTripMs)).toBeLessThanOrEqual(1);
    expect(trips[0]!.nodes).toBe(2);
    expect(m.availability.peakMailboxesDown).toBe(2 * PER_NODE);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(
      (2 * PER_NODE * (3 * DAY - expectedTripMs)) / HOUR,
      6,
    );
    expectReconciled(m.ledger);
  });

  it("counter per backend (Libero): the whole backend's objects cross the threshold, every v1 node is blocked", () => {
    const sizesMB = [5, 1, 1, 1, 1, 1];
    const threshold = 20_000;
    const { m, trace } = run(
      cells(
        sizesMB.map((mb) => `${mb}MB`),
        [
          {
            name: "libero",
            version: "v1",
            trigger: { counter: "objects", per: "backend", threshold },
            scope: "version",
            effect: "blocked",
          },
        ],
      ),
    );
    // 10,000 objects at t = 0, growing at 6 × 1,000 a day (the v2 nodes count too: it is the backend's counter).
    const total = initialObjectsPerNode(sizesMB).reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    const expectedTripMs = (threshold - total) / (6 * NODE_RATE_PER_MS);
    expect(expectedTripMs).toBeCloseTo(40 * HOUR, 6);
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(1);
    expect(Math.abs(Number(trips[0]!.tMs) - expectedTripMs)).toBeLessThanOrEqual(1);
    expect(trips[0]!.nodes).toBe(4); // nodes 0, 1, 4, 5 run v1
    expect(m.availability.peakMailboxesDown).toBe(4 * PER_NODE);
    expectReconciled(m.ledger);
  });

  it("operation failover: the node a failover lands on trips; the outage lasts until the patch", () => {
    // Two nodes, one slot each, 2 copies: group 0 has its primary on node 0, group 1 on node 1.
    const { m, trace } = run({
      horizon: "3d",
      fleet: { mailboxes: 20, sizes: ["1MB"], inboundPerDay: RATE_PER_DAY, diurnal: "flat" },
      backends: {
        store: {
          kind: "scale-out",
          nodesPerCluster: 2,
          shardsPerNode: 1,
          bugs: [
            {
              name: "takeover-bug",
              trigger: { operation: "failover" },
              effect: "blocked",
              fix: { after: "1h" },
            },
          ],
        },
      },
      protection: { copies: ["store", "store"] },
      faults: [{ at: "1d", target: "store/node/0", fault: "crash", duration: "6h" }],
    });
    // Node 0 crashes; group 0 fails over to node 1 after the 2 min detection, which trips node 1.
    const failovers = events(trace, "failover");
    expect(failovers).toHaveLength(1);
    expect(failovers[0]).toMatchObject({ tMs: DAY + 2 * MIN, group: 0, to: 1 });
    const trips = events(trace, "bug-trigger");
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ tMs: DAY + 2 * MIN, nodes: 1 });
    expect(events(trace, "bug-fixed")[0]!.tMs).toBe(DAY + 2 * MIN + HOUR);
    // Group 0 is down from the crash to the patch; group 1 (primary on node 1, copy on the
    // crashed node 0) from the trip to the patch.
    expect(m.timeToRestore.episodes).toBe(20);
    expect(m.timeToRestore.maxMs).toBe(2 * MIN + HOUR);
    expect(m.timeToRestore.p50Ms).toBe(HOUR);
    expect(m.availability.mailboxHoursDown).toBeCloseTo((10 * (62 + 60)) / 60, 9);
    expectReconciled(m.ledger);
  });

  it("hazard: each node trips after an exponential time; the count by the horizon is binomial", () => {
    // 200 nodes of one mailbox; mean 10 d, horizon 7 d: p = 1 − e^−0.7 per node.
    const nodes = 200;
    const { m, trace } = run({
      horizon: "7d",
      timelineStep: "1d",
      fleet: { mailboxes: nodes, sizes: ["1MB"], inboundPerDay: 10, diurnal: "flat" },
      backends: {
        store: {
          kind: "scale-out",
          nodesPerCluster: nodes,
          shardsPerNode: 1,
          bugs: [{ name: "random", trigger: { hazard: { mean: "10d" } }, effect: "blocked" }],
        },
      },
    });
    const trips = events(trace, "bug-trigger");
    const p = 1 - Math.exp(-0.7);
    expect(zScore(trips.length, nodes * p, Math.sqrt(nodes * p * (1 - p)))).toBeLessThanOrEqual(4);
    for (const trip of trips) expect(trip.nodes).toBe(1);
    // Each tripped node takes its one mailbox down from its trip to the horizon.
    const downHours = trips.reduce((sum, t) => sum + (7 * DAY - Number(t.tMs)) / HOUR, 0);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(downHours, 6);
    expect(m.timeToRestore.unrestoredAtHorizon).toBe(trips.length);
    expectReconciled(m.ledger);
  });
});

describe("scopes, with a second version untouched", () => {
  // Nodes 0 (v1) and 2 (v2) hold 5,000 objects and cross 6,000 at 1 d; the others stay below.
  const sizes = ["5MB", "5MB", "1MB", "1MB", "1MB", "1MB"];
  const bug = (scope: string) => ({
    name: "v1-objects",
    version: "v1",
    trigger: { counter: "objects", per: "node", threshold: 6000 },
    scope,
    effect: "blocked",
  });
  const table = [
    { scope: "node", nodes: 1, groups: [0] },
    { scope: "cluster", nodes: 2, groups: [0, 3] },
    { scope: "version", nodes: 4, groups: [0, 3, 2, 5] },
  ];
  for (const row of table) {
    it(`scope ${row.scope}: node 0's trip reaches ${row.nodes} v1 node(s); the v2 nodes never go down`, () => {
      const { m, trace } = run(cells(sizes, [bug(row.scope)]));
      const trips = events(trace, "bug-trigger");
      // Node 2 crossed too, but runs v2: its unit stays dormant and nothing is reported.
      expect(trips).toHaveLength(1);
      expect(trips[0]).toMatchObject({ nodes: row.nodes });
      expect(Math.abs(Number(trips[0]!.tMs) - DAY)).toBeLessThanOrEqual(1);
      const mailboxes = row.nodes * PER_NODE;
      expect(m.availability.peakMailboxesDown).toBe(mailboxes);
      expect(m.availability.mailboxHoursDown).toBeCloseTo(mailboxes * 48, 6);
      expect(m.timeToRestore.unrestoredAtHorizon).toBe(mailboxes);
      // The groups that went down are exactly those on the reached nodes; none is on v2 (groups 1, 4).
      const down = new Set(events(trace, "access").map((r) => Number(r.group)));
      expect([...down].sort((a, b) => a - b)).toEqual([...row.groups].sort((a, b) => a - b));
      expectReconciled(m.ledger);
    });
  }
});

describe("effects", () => {
  // Filer of 2 nodes × 2 volumes, 40 mailboxes of 100 messages a day; the bug trips at 2 d on
  // every node (an `at` trigger) and is patched 6 h later (every node reopened at once).
  const filer = (effect: unknown, extra: Record<string, unknown> = {}) => ({
    horizon: "4d",
    fleet: { mailboxes: 40, sizes: ["1GB"], inboundPerDay: RATE_PER_DAY, diurnal: "flat" },
    backends: {
      store: {
        kind: "filer",
        nodes: 2,
        volumesPerNode: 2,
        takeover: "none",
        bugs: [{ name: "e", trigger: { at: "2d" }, effect, fix: { after: "6h" } }],
        ...extra,
      },
    },
  });

  it("blocked: every mailbox read- and write-down for the 6 h to the patch; the mail is delivered late", () => {
    const { m } = run(filer("blocked"));
    expect(m.availability.mailboxHoursReadDown).toBeCloseTo(40 * 6, 9);
    expect(m.availability.mailboxHoursWriteDown).toBeCloseTo(40 * 6, 9);
    expect(m.timeToRestore.maxMs).toBe(6 * HOUR);
    expect(m.timeToRestore.p50Ms).toBe(6 * HOUR);
    expectPoisson(m.ledger.deliveredLate, stored(40, 6 * HOUR));
    expect(m.ledger.silentlyLost).toBe(0);
    expectReconciled(m.ledger);
  });

  it("read-only: write-down for 6 h, never read-down", () => {
    const { m } = run(filer("read-only"));
    expect(m.availability.mailboxHoursWriteDown).toBeCloseTo(40 * 6, 9);
    expect(m.availability.mailboxHoursReadDown).toBe(0);
    expect(m.timeToRestore.maxMs).toBe(6 * HOUR);
    expectPoisson(m.ledger.deliveredLate, stored(40, 6 * HOUR));
    expectReconciled(m.ledger);
  });

  it("slow below timeoutSlowFactor (5 < 20): no availability impact", () => {
    const { m } = run(filer({ slow: { factor: 5 } }));
    expect(m.availability.mailboxHoursDown).toBe(0);
    expect(m.ledger.storedIntact).toBe(m.ledger.arrived);
    expectReconciled(m.ledger);
  });

  it("slow at timeoutSlowFactor (20): down for the 6 h to the patch", () => {
    const { m } = run(filer({ slow: { factor: 20 } }));
    expect(m.availability.mailboxHoursReadDown).toBeCloseTo(40 * 6, 9);
    expect(m.timeToRestore.maxMs).toBe(6 * HOUR);
    expectReconciled(m.ledger);
  });

  it("lost writes on single copies: the last 6 h of writes before the trip are silently lost", () => {
    const { m, trace } = run(filer({ lostWrites: { window: "6h" } }));
    expectPoisson(m.ledger.silentlyLost, stored(40, 6 * HOUR));
    const hits = events(trace, "lost-writes-unrepairable");
    expect(hits).toHaveLength(4);
    expect(hits.reduce((sum, r) => sum + Number(r.messages), 0)).toBe(m.ledger.silentlyLost);
    expect(m.availability.mailboxHoursDown).toBe(0);
    expectReconciled(m.ledger);
  });

  it("corrupt 10% on single copies: 10% of everything stored is served corrupted", () => {
    const { m } = run(filer({ corrupt: { fraction: "10%" } }));
    expectPoisson(m.ledger.corruptedServed, 0.1 * stored(40, 2 * DAY));
    expect(m.ledger.silentlyLost).toBe(0);
    expect(m.availability.mailboxHoursDown).toBe(0);
    expectReconciled(m.ledger);
  });

  it("destroy on single copies: everything stored so far is silently lost, one data loss per group", () => {
    const { m } = run(filer("destroy"));
    expectPoisson(m.ledger.silentlyLost, stored(40, 2 * DAY));
    expect(m.integrity.dataLossEvents).toBe(4);
    expect(m.integrity.mailboxesWithDataLoss).toBe(40);
    expect(m.integrity.firstDataLossMs).toBe(2 * DAY);
    expectReconciled(m.ledger);
  });

  describe("corrupt through replication: a bug on the primary's backend, the replica on another", () => {
    const pair = (propagate: boolean) => ({
      horizon: "4d",
      fleet: { mailboxes: 40, sizes: ["1GB"], inboundPerDay: RATE_PER_DAY, diurnal: "flat" },
      backends: {
        primary: {
          kind: "filer",
          nodes: 2,
          volumesPerNode: 2,
          takeover: "none",
          bugs: [{ name: "c", trigger: { at: "2d" }, effect: { corrupt: { fraction: "10%", propagate } } }],
        },
        replica: { kind: "filer", nodes: 2, volumesPerNode: 2, takeover: "none" },
      },
      protection: { copies: ["primary", "replica"] },
    });

    it("with propagate: true it reaches the replica: 10% of everything stored served corrupted", () => {
      const { m } = run(pair(true));
      expectPoisson(m.ledger.corruptedServed, 0.1 * stored(40, 2 * DAY));
      expect(m.events["corruption-unrepairable"]).toBe(4);
      expectReconciled(m.ledger);
    });

    it("without propagation the replica stays clean: nothing served corrupted", () => {
      const { m } = run(pair(false));
      expect(m.ledger.corruptedServed).toBe(0);
      expect(m.events["corruption-unrepairable"]).toBeUndefined();
      expectReconciled(m.ledger);
    });
  });
});

describe("fixes", () => {
  it("a patch after 6 h, then reopening at 10 mailboxes/h: node k of 6 reopens k hours after the patch", () => {
    const { m, trace } = run(
      cells(
        ["1MB"],
        [{ name: "p", trigger: { at: "1d" }, effect: "blocked", fix: { after: "6h", reopenRate: "10/h" } }],
      ),
    );
    expect(events(trace, "bug-fixed")[0]!.tMs).toBe(DAY + 6 * HOUR);
    const reopens = events(trace, "bug-reopen");
    expect(reopens.map((r) => r.tMs)).toEqual([0, 1, 2, 3, 4, 5].map((k) => DAY + (6 + k) * HOUR));
    // TTRs of 6, 7, …, 11 h, 10 mailboxes each.
    const { timeToRestore } = m;
    expect(timeToRestore.episodes).toBe(60);
    expect(timeToRestore.maxMs).toBe(11 * HOUR);
    expect(timeToRestore.meanMs).toBeCloseTo(8.5 * HOUR, 6);
    expect(timeToRestore.p50Ms).toBe(8 * HOUR);
    expect(timeToRestore.fleetCurve.t100Ms).toBe(11 * HOUR);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(10 * (6 + 7 + 8 + 9 + 10 + 11), 9);
    expect(m.availability.mailboxesDownOver["1h"]).toBe(60);
    expect(timeToRestore.unrestoredAtHorizon).toBe(0);
    expectReconciled(m.ledger);
  });

  it("a patch without reopenRate reopens every node at the fix", () => {
    const { m, trace } = run(
      cells(["1MB"], [{ name: "p", trigger: { at: "1d" }, effect: "blocked", fix: { after: "6h" } }]),
    );
    expect(events(trace, "bug-reopen")).toEqual([expect.objectContaining({ tMs: DAY + 6 * HOUR, nodes: 6 })]);
    expect(m.timeToRestore.p50Ms).toBe(6 * HOUR);
    expect(m.timeToRestore.maxMs).toBe(6 * HOUR);
    expectReconciled(m.ledger);
  });

  it("fix: none: still down at the horizon, every mailbox unrestored, the outage's mail still waiting", () => {
    const { m } = run(cells(["1MB"], [{ name: "p", trigger: { at: "2d" }, effect: "blocked", fix: "none" }]));
    expect(m.events["bug-fixed"]).toBeUndefined();
    expect(m.timeToRestore.episodes).toBe(0);
    expect(m.timeToRestore.unrestoredAtHorizon).toBe(60);
    expect(m.timeToRestore.fleetCurve.t50Ms).toBeNull();
    expect(m.availability.mailboxHoursDown).toBeCloseTo(60 * 24, 9);
    // Mail of the last day waits at its senders (or was given up): never delivered.
    expect(m.ledger.deliveredLate).toBe(0);
    expectPoisson(m.ledger.pending + m.ledger.bounced, stored(60, DAY));
    expect(m.ledger.pending).toBeGreaterThan(0);
    expectReconciled(m.ledger);
  });
});
