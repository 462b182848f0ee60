/**
 * The storage-OS bug engine against a fake host on a real `Simulation`: one test per trigger
 * kind, per scope and per effect kind, then the fix (drawn delay, exact progressive reopening
 * pacing, `none`, no re-trigger once patched), and the scenario schema of a bug. Specs are
 * written as a user would write them and go through `osBugSchema`, so units are exercised too.
 */
import { describe, expect, it } from "vitest";
import { sampleSpec } from "../../../src/engine/distributions.js";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { Simulation } from "../../../src/engine/Simulation.js";
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND } from "../../../src/engine/time.js";
import { mean } from "../../../src/metrics/statistics.js";
import {
  type BugEffect,
  type BugHost,
  type CounterName,
  type CounterScope,
  OsBugEngine,
} from "../../../src/model/faults/OsBug.js";
import { type OsBugSpec, osBugSchema } from "../../../src/scenario/bugSchema.js";

const HORIZON_MS = 1e15;

interface HostOptions {
  nodes: number;
  clusterOf?: (node: number) => number;
  versionOf?: (node: number) => string;
  installedAtMs?: (node: number) => number;
  mailboxesOf?: (node: number) => number;
}

/** A backend reduced to what the bug engine sees: topology, linear counters, effect tokens. */
class FakeHost implements BugHost {
  readonly backendName = "vendor";
  readonly nodeCount: number;
  readonly clusterCount: number;
  readonly versions: string[];
  readonly clusters: number[];
  readonly installed: number[];
  readonly mailboxes: number[];
  readonly applied: { timeMs: number; token: number; nodes: number[]; effect: BugEffect; bug: string }[] = [];
  readonly lifted: { timeMs: number; token: number; nodes: number[] }[] = [];
  readonly events: { timeMs: number; kind: string; detail: Record<string, number | string> }[] = [];
  private readonly counters = new Map<string, { value: number; sinceMs: number; ratePerMs: number }>();
  private ratesListener: () => void = () => {};
  private operationListener: (operation: string, node: number) => void = () => {};

  constructor(
    readonly sim: Simulation,
    options: HostOptions,
  ) {
    const nodes = Array.from({ length: options.nodes }, (_, i) => i);
    this.nodeCount = options.nodes;
    this.clusters = nodes.map(options.clusterOf ?? (() => 0));
    this.clusterCount = Math.max(...this.clusters) + 1;
    this.versions = nodes.map(options.versionOf ?? (() => "vos-1"));
    this.installed = nodes.map(options.installedAtMs ?? (() => 0));
    this.mailboxes = nodes.map(options.mailboxesOf ?? (() => 1000));
  }

  nodeVersion(node: number): string {
    return this.versions[node]!;
  }
  nodeCluster(node: number): number {
    return this.clusters[node]!;
  }
  nodeInstalledAtMs(node: number): number {
    return this.installed[node]!;
  }
  nodeMailboxes(node: number): number {
    return this.mailboxes[node]!;
  }

  counterNow(counter: CounterName, per: CounterScope, unit: number): { value: number; ratePerMs: number } {
    const c = this.counters.get(`${counter}/${per}/${unit}`);
    if (c === undefined) return { value: 0, ratePerMs: 0 };
    return { value: c.value + c.ratePerMs * (this.sim.nowMs - c.sinceMs), ratePerMs: c.ratePerMs };
  }

  /** Sets a counter's rate from now on (keeping its value) and tells the engine. */
  setRate(counter: CounterName, per: CounterScope, unit: number, ratePerMs: number, value?: number): void {
    this.setRateSilently(counter, per, unit, ratePerMs, value);
    this.ratesListener();
  }

  /** A host that forgets to notify (the engine must still not trip early). */
  setRateSilently(counter: CounterName, per: CounterScope, unit: number, ratePerMs: number, value?: number) {
    const now = this.counterNow(counter, per, unit).value;
    this.counters.set(`${counter}/${per}/${unit}`, {
      value: value ?? now,
      sinceMs: this.sim.nowMs,
      ratePerMs,
    });
  }

  onCounterRatesChanged(listener: () => void): void {
    this.ratesListener = listener;
  }
  onOperation(listener: (operation: string, node: number) => void): void {
    this.operationListener = listener;
  }
  operate(operation: string, node: number): void {
    this.operationListener(operation, node);
  }

  applyEffect(nodes: readonly number[], effect: BugEffect, bug: string): number {
    this.applied.push({
      timeMs: this.sim.nowMs,
      token: this.applied.length + 100,
      nodes: [...nodes],
      effect,
      bug,
    });
    return this.applied.length + 99;
  }
  liftEffect(token: number, nodes: readonly number[]): void {
    this.lifted.push({ timeMs: this.sim.nowMs, token, nodes: [...nodes] });
  }
  event(kind: string, detail: Record<string, number | string>): void {
    this.events.push({ timeMs: this.sim.nowMs, kind, detail });
  }

  /** Nodes hit, in trigger order. */
  hitNodes(): number[][] {
    return this.applied.map((a) => a.nodes);
  }
}

function bug(input: Record<string, unknown>): OsBugSpec {
  return osBugSchema.parse({ name: "b", effect: "blocked", ...input });
}

function setup(options: HostOptions, bugs: OsBugSpec[], seed: number | string = 1) {
  const sim = new Simulation();
  const host = new FakeHost(sim, options);
  const streams = new RandomStreams(seed);
  const engine = new OsBugEngine(host, bugs, sim, streams, HORIZON_MS);
  engine.start();
  return { sim, host, engine, streams };
}

const triggerTimes = (engine: OsBugEngine) =>
  engine.history.filter((h) => h.what === "trigger").map((h) => h.timeMs);

describe("OsBugEngine triggers", () => {
  it("at: trips once at its time; a node scope widens to the backend, whose version nodes are hit", () => {
    const { sim, host, engine } = setup({ nodes: 4, versionOf: (n) => (n === 3 ? "vos-0" : "vos-1") }, [
      bug({ version: "vos-1", trigger: { at: "2d" } }),
    ]);
    sim.run(HORIZON_MS);
    expect(engine.history).toEqual([
      { timeMs: 2 * MS_PER_DAY, bug: "b", what: "trigger", nodes: 3, unit: 0 },
    ]);
    expect(host.hitNodes()).toEqual([[0, 1, 2]]);
    expect(host.events).toEqual([
      { timeMs: 2 * MS_PER_DAY, kind: "bug-trigger", detail: { bug: "b", nodes: 3 } },
    ]);
  });

  it("uptime: the 32,768 h class trips every same-age node at once, older nodes earlier, at 0 if already past", () => {
    const installed = [-32_000, -32_000, -10_000, 0, -40_000].map((h) => h * MS_PER_HOUR);
    const { sim, host, engine } = setup({ nodes: 5, installedAtMs: (n) => installed[n]! }, [
      bug({ trigger: { uptime: "32768h" } }),
    ]);
    sim.run(HORIZON_MS);
    const byTime = engine.history.map((h) => [h.timeMs / MS_PER_HOUR, h.unit]);
    expect(byTime).toEqual([
      [0, 4],
      [768, 0],
      [768, 1],
      [22_768, 2],
      [32_768, 3],
    ]);
    expect(host.hitNodes()).toEqual([[4], [0], [1], [2], [3]]);
  });

  it("counter per node: crossing predicted exactly (rounded up) and moved by a rate change", () => {
    const { sim, host, engine } = setup({ nodes: 3 }, [
      bug({ trigger: { counter: "objects", per: "node", threshold: 1000 } }),
    ]);
    host.setRate("objects", "node", 0, 1); // would cross at 1000 ms
    host.setRate("objects", "node", 1, 3); // 1000 / 3 = 333.3… → 334 ms
    sim.run(500);
    host.setRate("objects", "node", 0, 0.5); // 500 left at 0.5/ms → 1500 ms
    sim.run(HORIZON_MS);
    expect(engine.history.map((h) => [h.timeMs, h.unit])).toEqual([
      [334, 1],
      [1500, 0],
    ]);
    expect(host.hitNodes()).toEqual([[1], [0]]);
  });

  it("counter: a rate slowed without notice is caught at the predicted crossing and re-predicted", () => {
    const { sim, host, engine } = setup({ nodes: 1 }, [
      bug({ trigger: { counter: "objects", threshold: 1000 } }),
    ]);
    host.setRate("objects", "node", 0, 1); // predicted at 1000 ms
    sim.run(500);
    host.setRateSilently("objects", "node", 0, 0.25); // really 500 + 500 / 0.25 = 2500 ms
    sim.run(HORIZON_MS);
    expect(triggerTimes(engine)).toEqual([2500]);
  });

  it("counter per cluster: the cluster's total trips it; a node scope widens to the cluster", () => {
    const { sim, host, engine } = setup({ nodes: 6, clusterOf: (n) => (n < 3 ? 0 : 1) }, [
      bug({ trigger: { counter: "bytes", per: "cluster", threshold: "1TB" } }),
    ]);
    host.setRate("bytes", "cluster", 0, 1e6); // 1e12 / 1e6 = 1e6 ms
    host.setRate("bytes", "cluster", 1, 4e6); // 2.5e5 ms
    sim.run(HORIZON_MS);
    expect(engine.history.map((h) => [h.timeMs, h.unit, h.nodes])).toEqual([
      [250_000, 1, 3],
      [1_000_000, 0, 3],
    ]);
    expect(host.hitNodes()).toEqual([
      [3, 4, 5],
      [0, 1, 2],
    ]);
  });

  it("counter per backend: a threshold already exceeded at start trips at time 0", () => {
    const sim = new Simulation();
    const host = new FakeHost(sim, { nodes: 2 });
    host.setRate("fill", "backend", 0, 0, 0.9);
    const engine = new OsBugEngine(
      host,
      [bug({ trigger: { counter: "fill", per: "backend", threshold: "85%" }, scope: "version" })],
      sim,
      new RandomStreams(1),
      HORIZON_MS,
    );
    engine.start();
    sim.run(HORIZON_MS);
    expect(engine.history).toEqual([{ timeMs: 0, bug: "b", what: "trigger", nodes: 2, unit: 0 }]);
  });

  it("counter threshold from a distribution: common random numbers across engines on one seed", () => {
    const spec = bug({
      name: "threshold",
      trigger: { counter: "objects", per: "backend", threshold: { uniform: [3e9, 6e9] } },
    });
    const crossing = (seed: number) => {
      const { sim, host, engine } = setup({ nodes: 1 }, [spec], seed);
      host.setRate("objects", "backend", 0, 1000);
      sim.run(HORIZON_MS);
      return triggerTimes(engine)[0]!;
    };
    const threshold = sampleSpec(
      spec.trigger.kind === "counter" ? spec.trigger.threshold : { kind: "deterministic", value: 0 },
      new RandomStreams(7).get("bugs/vendor/threshold/threshold"),
    );
    expect(crossing(7)).toBe(Math.ceil(threshold / 1000));
    expect(crossing(7)).toBe(crossing(7));
    expect(crossing(8)).not.toBe(crossing(7));
  });

  it("counter: a crossing on a node of another version arms it; upgrading into the version trips it", () => {
    const { sim, host, engine } = setup({ nodes: 2, versionOf: () => "vos-0" }, [
      bug({ version: "vos-1", trigger: { counter: "writes", threshold: 100 } }),
    ]);
    host.setRate("writes", "node", 0, 1);
    sim.run(1000);
    expect(engine.history).toEqual([]);
    host.versions[0] = "vos-1";
    host.operate("upgrade", 0);
    expect(engine.history).toEqual([{ timeMs: 1000, bug: "b", what: "trigger", nodes: 1, unit: 0 }]);
  });

  it("operation: trips with its probability per matching operation (4 SE), never on others", () => {
    const nodes = 4000;
    const probability = 0.3;
    const { host, engine } = setup({ nodes }, [
      bug({ trigger: { operation: "snapshot", probability: "30%" } }),
    ]);
    for (let node = 0; node < nodes; node++) host.operate("failover", node);
    expect(engine.history).toEqual([]);
    for (let node = 0; node < nodes; node++) host.operate("snapshot", node);
    const trips = engine.history.length;
    const se = Math.sqrt(nodes * probability * (1 - probability));
    expect(Math.abs(trips - nodes * probability)).toBeLessThan(4 * se);
    expect(host.hitNodes().every((hit) => hit.length === 1)).toBe(true);
  });

  it("hazard: the mean time to trip per node matches its mean within 4 SE", () => {
    const nodes = 4000;
    const meanMs = 10 * MS_PER_DAY;
    const { sim, engine } = setup({ nodes }, [bug({ trigger: { hazard: { mean: "10d" } } })]);
    sim.run(HORIZON_MS);
    const times = triggerTimes(engine);
    expect(times).toHaveLength(nodes);
    expect(Math.abs(mean(times) - meanMs)).toBeLessThan((4 * meanMs) / Math.sqrt(nodes));
  });
});

describe("OsBugEngine scopes", () => {
  // Two clusters of four; even nodes run the buggy version, odd nodes another one.
  const mixed: HostOptions = {
    nodes: 8,
    clusterOf: (n) => (n < 4 ? 0 : 1),
    versionOf: (n) => (n % 2 === 0 ? "vos-1" : "vos-0"),
  };
  const tripNode2 = (scope: string) => {
    const { host, engine } = setup(mixed, [
      bug({ version: "vos-1", scope, trigger: { operation: "migration-write" } }),
    ]);
    host.operate("migration-write", 2);
    return { host, engine };
  };

  it("node: only the tripping node", () => {
    expect(tripNode2("node").host.hitNodes()).toEqual([[2]]);
  });

  it("cluster: every node on the version in the tripping node's cluster, other versions untouched", () => {
    expect(tripNode2("cluster").host.hitNodes()).toEqual([[0, 2]]);
  });

  it("version: every node on the version in the backend, other versions untouched", () => {
    expect(tripNode2("version").host.hitNodes()).toEqual([[0, 2, 4, 6]]);
  });

  it("a node not on the version does not trip; nodes already under the bug are not hit twice", () => {
    const { host, engine } = tripNode2("cluster");
    host.operate("migration-write", 1); // vos-0: immune
    host.operate("migration-write", 0); // already blocked by the first trip
    host.operate("migration-write", 6); // other cluster: a new trip
    expect(host.hitNodes()).toEqual([
      [0, 2],
      [4, 6],
    ]);
    expect(engine.history.map((h) => h.unit)).toEqual([2, 6]);
  });
});

describe("OsBugEngine effects", () => {
  const cases: [unknown, BugEffect][] = [
    ["blocked", { kind: "blocked" }],
    ["read-only", { kind: "read-only" }],
    [{ slow: { factor: 20 } }, { kind: "slow", factor: 20 }],
    [{ lostWrites: { window: "2h" } }, { kind: "lost-writes", windowMs: 2 * MS_PER_HOUR }],
    [
      { corrupt: { fraction: "0.5%", propagate: true } },
      { kind: "corrupt", fraction: 0.005, propagate: true },
    ],
  ];
  it.each(cases)("%j is passed through to the host", (effect, expected) => {
    const { host } = setup({ nodes: 1 }, [bug({ name: "eff", effect, trigger: { operation: "rebalance" } })]);
    host.operate("rebalance", 0);
    expect(host.applied).toEqual([{ timeMs: 0, token: 100, nodes: [0], effect: expected, bug: "eff" }]);
  });
});

describe("OsBugEngine fix", () => {
  it("draws the patch delay from the bug's fix stream, at the first trip", () => {
    const spec = bug({
      name: "libero",
      trigger: { at: "1h" },
      fix: { after: { lognormal: { median: "96h", sigma: 0.3 } } },
    });
    const { sim, engine } = setup({ nodes: 2 }, [spec], 5);
    sim.run(HORIZON_MS);
    const after = spec.fix.kind === "patch" ? spec.fix.afterMs : { kind: "deterministic" as const, value: 0 };
    const delayMs = sampleSpec(after, new RandomStreams(5).get("bugs/vendor/libero/fix"));
    expect(engine.history.map((h) => [h.what, h.timeMs])).toEqual([
      ["trigger", MS_PER_HOUR],
      ["fixed", MS_PER_HOUR + Math.ceil(delayMs)],
      ["reopened", MS_PER_HOUR + Math.ceil(delayMs)],
    ]);
  });

  it("reopens node by node in index order, paced by the mailboxes already reopened", () => {
    const mailboxes = [100, 0, 300, 50];
    const { sim, host, engine } = setup({ nodes: 4, mailboxesOf: (n) => mailboxes[n]! }, [
      bug({ trigger: { at: 0 }, scope: "version", fix: { after: "1h", reopenRate: "10/s" } }),
    ]);
    sim.run(HORIZON_MS);
    const fixMs = MS_PER_HOUR;
    // 10 mailboxes/s: node 1 and 2 wait for node 0's 100 (10 s); node 3 for 400 (40 s).
    expect(host.lifted).toEqual([
      { timeMs: fixMs, token: 100, nodes: [0] },
      { timeMs: fixMs + 10 * MS_PER_SECOND, token: 100, nodes: [1, 2] },
      { timeMs: fixMs + 40 * MS_PER_SECOND, token: 100, nodes: [3] },
    ]);
    expect(engine.history.filter((h) => h.what === "reopened").map((h) => h.nodes)).toEqual([1, 2, 1]);
    expect(host.events.map((e) => e.kind)).toEqual([
      "bug-trigger",
      "bug-fixed",
      "bug-reopen",
      "bug-reopen",
      "bug-reopen",
    ]);
  });

  it("paces exactly at a per-day rate (1,000 mailboxes at 1.5M/day = 57.6 s each), per token", () => {
    const { sim, host } = setup({ nodes: 3 }, [
      bug({ trigger: { operation: "snapshot" }, fix: { after: "1d", reopenRate: "1.5M/day" } }),
    ]);
    host.operate("snapshot", 2);
    host.operate("snapshot", 0);
    sim.run(HORIZON_MS);
    expect(host.lifted).toEqual([
      { timeMs: MS_PER_DAY, token: 101, nodes: [0] },
      { timeMs: MS_PER_DAY + 57_600, token: 100, nodes: [2] },
    ]);
  });

  it("fix: none never lifts", () => {
    const { sim, host, engine } = setup({ nodes: 2 }, [bug({ trigger: { at: "1h" }, fix: "none" })]);
    sim.run(HORIZON_MS);
    expect(host.lifted).toEqual([]);
    expect(engine.history.map((h) => h.what)).toEqual(["trigger"]);
  });

  it("a patched bug never trips again; trips before the patch are reopened with it", () => {
    const { sim, host, engine } = setup({ nodes: 3 }, [
      bug({ trigger: { operation: "failover" }, fix: { after: "1h" } }),
    ]);
    host.operate("failover", 0);
    sim.run(30 * 60_000);
    host.operate("failover", 1);
    sim.run(2 * MS_PER_HOUR);
    host.operate("failover", 2);
    sim.run(HORIZON_MS);
    expect(engine.history.map((h) => [h.what, h.timeMs / 60_000, h.nodes])).toEqual([
      ["trigger", 0, 1],
      ["trigger", 30, 1],
      ["fixed", 60, 2],
      ["reopened", 60, 2],
    ]);
    expect(host.lifted).toEqual([
      { timeMs: MS_PER_HOUR, token: 100, nodes: [0] },
      { timeMs: MS_PER_HOUR, token: 101, nodes: [1] },
    ]);
  });

  it("rejects two bugs with one name (they would share random streams)", () => {
    const sim = new Simulation();
    const specs = [bug({ trigger: { at: 0 } }), bug({ trigger: { at: 0 } })];
    expect(
      () => new OsBugEngine(new FakeHost(sim, { nodes: 1 }), specs, sim, new RandomStreams(1), 1),
    ).toThrow(/unique/);
  });
});

describe("osBugSchema", () => {
  it("parses the Libero example into the typed spec", () => {
    const spec = osBugSchema.parse({
      name: "threshold",
      version: "vos-1",
      trigger: { counter: "objects", per: "cluster", threshold: { uniform: ["3e9", 6e9] } },
      scope: "version",
      effect: "blocked",
      fix: { after: { lognormal: { median: "96h", sigma: 0.3 } }, reopenRate: "1.5M/day" },
    });
    expect(spec).toEqual({
      name: "threshold",
      version: "vos-1",
      trigger: {
        kind: "counter",
        counter: "objects",
        per: "cluster",
        threshold: { kind: "uniform", min: 3e9, max: 6e9 },
      },
      scope: "version",
      effect: { kind: "blocked" },
      fix: {
        kind: "patch",
        afterMs: { kind: "lognormal", median: 96 * MS_PER_HOUR, sigma: 0.3 },
        reopenPerSec: 1.5e6 / 86_400,
      },
    });
  });

  it("applies defaults and parses every trigger kind in its unit", () => {
    const trigger = (t: unknown) => osBugSchema.parse({ name: "x", trigger: t, effect: "read-only" }).trigger;
    expect(osBugSchema.parse({ name: "x", trigger: { at: "1d" }, effect: "blocked" })).toMatchObject({
      scope: "node",
      fix: { kind: "none" },
    });
    expect(trigger({ at: "1d" })).toEqual({ kind: "at", atMs: MS_PER_DAY });
    expect(trigger({ uptime: "32768h" })).toEqual({ kind: "uptime", uptimeMs: 32_768 * MS_PER_HOUR });
    expect(trigger({ counter: "fill", threshold: { uniform: ["80%", "95%"] } })).toEqual({
      kind: "counter",
      counter: "fill",
      per: "node",
      threshold: { kind: "uniform", min: 0.8, max: 0.95 },
    });
    expect(trigger({ counter: "bytes", per: "backend", threshold: "2TB" })).toMatchObject({
      threshold: { kind: "deterministic", value: 2e12 },
    });
    expect(trigger({ operation: "snapshot" })).toEqual({
      kind: "operation",
      operation: "snapshot",
      probability: 1,
    });
    expect(trigger({ hazard: { mean: "90d" } })).toEqual({
      kind: "hazard",
      meanMs: 90 * MS_PER_DAY,
      recurring: false,
    });
    expect(trigger({ hazard: { mean: "90d", recurring: true } })).toEqual({
      kind: "hazard",
      meanMs: 90 * MS_PER_DAY,
      recurring: true,
    });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["an unknown trigger", { trigger: { attt: "1d" } }, "trigger"],
    ["two trigger keys", { trigger: { at: "1d", hazard: { mean: "1d" } } }, "trigger"],
    ["a bad scope", { trigger: { at: "1d" }, scope: "rack" }, "scope"],
    ["a bad fraction", { trigger: { operation: "snapshot", probability: "150%" } }, "trigger.probability"],
    ["a fill threshold above 100%", { trigger: { counter: "fill", threshold: 85 } }, "trigger.threshold"],
    ["an unknown effect", { trigger: { at: "1d" }, effect: "melted" }, "effect"],
    ["an unknown effect key", { trigger: { at: "1d" }, effect: { melt: {} } }, "effect"],
    [
      "a zero reopen rate",
      { trigger: { at: "1d" }, fix: { after: "1h", reopenRate: "0/s" } },
      "fix.reopenRate",
    ],
  ];
  it.each(bad)("rejects %s with an `expected …` message at its path", (_what, input, path) => {
    const result = osBugSchema.safeParse({ name: "x", effect: "blocked", ...input });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.message).toMatch(/^expected /);
    expect(issue.path.join(".")).toBe(path);
  });
});
