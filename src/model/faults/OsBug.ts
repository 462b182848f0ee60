/**
 * OsBug: storage-OS bugs as a fault process (docs/model.md#storage-os-bugs) — the heart of maildrill's mission.
 *
 * Redundant copies share their software. A bug in a storage OS therefore does not fail one
 * disk at random: it trips when a condition is met (a date, a power-on age, a counter over a
 * hidden threshold, an operation, or a hazard) and reaches every node running the same code
 * at once. That is what took Libero Mail down for days in January 2023 (a threshold crossed
 * mid-migration blocked every node until the vendor's patch, then mailboxes reopened
 * progressively) and what made HPE's SSDs die together at 32,768 power-on hours.
 *
 * The engine knows nothing of mail. A backend implements `BugHost`; the engine decides when
 * each bug trips and which nodes it reaches, asks the host to apply the effect, and later to
 * lift it, node by node, at the vendor's reopening pace.
 *
 * Contract (per bug):
 * - A bug trips at most once per unit of its trigger (see `bugTriggers.ts`, `CounterWatch.ts`)
 *   and only on nodes that run its `version` (every version when none is given) at that time.
 * - Reach: the *region* is the trigger unit widened to the scope — `node` (the tripping
 *   node), `cluster` (its cluster), `version` (the whole backend). A scope narrower than the
 *   unit widens to the unit: a per-cluster counter with `scope: node` reaches its cluster; an
 *   `at` trigger reaches the backend. The effect hits the region's nodes on the version that
 *   are not already under this bug; a trip that reaches no new node changes nothing and is
 *   not reported.
 * - Fix: the vendor's patch is one per bug. Its delay is drawn (stream `…/fix`) when the bug
 *   first trips; when it elapses the bug is patched (it never trips again) and every node
 *   under it is reopened in node-index order: node k is lifted when the mailboxes of the
 *   nodes lifted before it (each counted as it is lifted), divided by `reopenRate`, have
 *   elapsed since the fix. `fix: none` never lifts.
 * - Every trip, fix and reopening batch goes to `host.event` (`bug-trigger`, `bug-fixed`,
 *   `bug-reopen`, detail `{ bug, nodes }`) and to `history`, in order.
 * - Streams: `bugs/<backend>/<bug>/threshold | fix | operation | hazard`.
 */
import { type DistributionSpec, sampleSpec } from "../../engine/distributions.js";
import type { RandomStreams } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import type { OsBugSpec } from "../../scenario/bugSchema.js";
import {
  ceilMs,
  OperationTrigger,
  TimedTrigger,
  type TriggerSource,
  type TripOutcome,
  type UnitLevel,
} from "./bugTriggers.js";
import { type CounterName, type CounterReading, type CounterScope, CounterWatch } from "./CounterWatch.js";
import type { FailureBiasing } from "./FailureBiasing.js";

export type { CounterName, CounterScope } from "./CounterWatch.js";

export type BugEffect =
  | { kind: "blocked" }
  | { kind: "read-only" }
  | { kind: "slow"; factor: number }
  | { kind: "lost-writes"; windowMs: number }
  | { kind: "corrupt"; fraction: number; propagate: boolean }
  /** `replaceAfterMs`: the node is bricked too, down until replaced (per-node draw); absent: usable at once. */
  | { kind: "destroy"; replaceAfterMs?: DistributionSpec };

/** Data effects act once, when the bug trips; they hold no node and need no reopening. */
function isInstantaneous(effect: BugEffect): boolean {
  return effect.kind === "lost-writes" || effect.kind === "corrupt" || effect.kind === "destroy";
}

export interface BugHost {
  readonly backendName: string;
  readonly nodeCount: number;
  readonly clusterCount: number;
  /** A node's version may change only by an operation reported through `onOperation`. */
  nodeVersion(node: number): string;
  nodeCluster(node: number): number;
  /** May be negative (installed before the run). */
  nodeInstalledAtMs(node: number): number;
  /** Counter value now for one unit (node index, cluster index, or 0 for the backend) and its current growth rate per ms (piecewise constant between host notifications). */
  counterNow(counter: CounterName, per: CounterScope, unit: number): CounterReading;
  /** The engine registers one listener; the host calls it whenever any counter's growth rate changes (so crossing times are re-predicted). */
  onCounterRatesChanged(listener: () => void): void;
  /** The engine registers one listener for operations (snapshot, failover, migration write …) on a node, called after the operation took effect. */
  onOperation(listener: (operation: string, node: number) => void): void;
  /** Applies a bug effect to a set of nodes now; returns a token used to lift it. */
  applyEffect(nodes: readonly number[], effect: BugEffect, bugName: string): number;
  /** Lifts the effect from some of the nodes of a token (progressive reopening lifts it in batches). */
  liftEffect(token: number, nodes: readonly number[]): void;
  /** How many mailboxes a node serves now (to pace reopening at `reopenRate` mailboxes per time). */
  nodeMailboxes(node: number): number;
  /** Counted and traced by the world. */
  event(kind: string, detail: Record<string, number | string>): void;
}

export interface BugHistoryEntry {
  readonly timeMs: number;
  readonly bug: string;
  readonly what: "trigger" | "fixed" | "reopened";
  readonly nodes: number;
  readonly unit?: number;
}

const SCOPE_RANK = { node: 0, cluster: 1, version: 2 } as const;
const LEVEL_RANK: Record<UnitLevel, number> = { node: 0, cluster: 1, backend: 2 };
const NO_TOKEN = -1;
/** Per-node counters draw a threshold per node; reports keep the first few. */
const MAX_REPORTED_THRESHOLDS = 16;

/** What one run drew for one bug (docs/experiments.md#seeds-common-random-numbers: the same for every strategy on a seed). */
export interface BugDraws {
  backend: string;
  bug: string;
  /** Drawn thresholds of the first units (counter triggers only), in unit order. */
  thresholds: number[];
  /** The vendor's fix delay; null when the bug has no fix. */
  fixDelayMs: number | null;
}

/** One bug on one backend: trips, reach, effect tokens, the patch and the reopening. */
class ActiveBug {
  private readonly source: TriggerSource;
  private readonly tokenOfNode: Float64Array;
  /** Nodes a data effect already struck: a non-recurring bug strikes a node once. */
  private readonly struck: Uint8Array;
  /** Nodes inside a region where a lasting condition (a date, an uptime, a counter) fired. */
  private readonly inFiredRegion: Uint8Array;
  private readonly streamPrefix: string;
  private patched = false;
  private fixScheduled = false;
  /** The vendor's fix delay, drawn at start so every strategy on a seed meets the same one; −1: no fix. */
  private fixDelayMs = -1;
  /** Reopening: nodes to lift in index order, how many are lifted, mailboxes lifted so far. */
  private reopenOrder: number[] = [];
  private reopenCursor = 0;
  private reopenedMailboxes = 0;
  private fixedAtMs = 0;
  private readonly fixKind: number;
  private readonly reopenKind: number;

  constructor(
    private readonly spec: OsBugSpec,
    private readonly host: BugHost,
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    private readonly horizonMs: number,
    private readonly log: BugHistoryEntry[],
    private readonly biasing?: FailureBiasing,
  ) {
    this.streamPrefix = `bugs/${host.backendName}/${spec.name}`;
    this.tokenOfNode = new Float64Array(host.nodeCount).fill(NO_TOKEN);
    this.struck = new Uint8Array(host.nodeCount);
    this.inFiredRegion = new Uint8Array(host.nodeCount);
    this.fixKind = sim.register(`${this.streamPrefix}/fix`, () => this.fix());
    this.reopenKind = sim.register(`${this.streamPrefix}/reopen`, () => this.reopenDue());
    this.source = this.makeSource();
  }

  private makeSource(): TriggerSource {
    const t = this.spec.trigger;
    const stream = (what: string) => this.streams.get(`${this.streamPrefix}/${what}`);
    const kindName = `${this.streamPrefix}/trigger`;
    if (t.kind === "operation") return new OperationTrigger(t, this, stream("operation"));
    if (t.kind !== "counter")
      return new TimedTrigger(
        t,
        this.host,
        this,
        this.sim,
        stream("hazard"),
        this.horizonMs,
        kindName,
        this.biasing,
      );
    const read = this.host.counterNow.bind(this.host);
    return new CounterWatch(
      t,
      this.host,
      read,
      this,
      this.sim,
      stream("threshold"),
      this.horizonMs,
      kindName,
    );
  }

  start(): void {
    const fix = this.spec.fix;
    if (fix.kind !== "none")
      this.fixDelayMs = ceilMs(
        Math.max(0, sampleSpec(fix.afterMs, this.streams.get(`${this.streamPrefix}/fix`))),
      );
    this.source.start();
  }

  /** What this run drew for the bug: its per-unit thresholds (counter triggers) and its fix delay. */
  draws(): BugDraws {
    const thresholds = this.source instanceof CounterWatch ? this.source.drawnThresholds() : [];
    return {
      backend: this.host.backendName,
      bug: this.spec.name,
      thresholds: thresholds.slice(0, MAX_REPORTED_THRESHOLDS),
      fixDelayMs: this.fixDelayMs < 0 ? null : this.fixDelayMs,
    };
  }

  ratesChanged(): void {
    this.source.ratesChanged();
  }

  operation(operation: string, node: number): void {
    this.source.operation(operation, node);
    // A lasting condition stays true: a node that comes to run the buggy version inside a
    // region where it already fired (upgrading into a time bomb that went off) is hit now.
    if (this.inFiredRegion[node] === 1 && this.unaffected(node)) this.strike([node]);
  }

  /** A lasting condition (date, uptime, counter) rather than an event (operation, hazard). */
  private get lasting(): boolean {
    const kind = this.spec.trigger.kind;
    return kind !== "operation" && kind !== "hazard";
  }

  /** Susceptible, holding no effect of this bug, and (for data effects) not struck before. */
  private unaffected(node: number): boolean {
    if (!this.susceptible(node) || this.tokenOfNode[node] !== NO_TOKEN) return false;
    const recurring = this.spec.trigger.kind === "hazard" && this.spec.trigger.recurring === true;
    return recurring || !isInstantaneous(this.spec.effect) || this.struck[node] === 0;
  }

  private strike(hit: number[]): void {
    const token = this.host.applyEffect(hit, this.spec.effect, this.spec.name);
    for (const node of hit) {
      if (isInstantaneous(this.spec.effect)) this.struck[node] = 1;
      else this.tokenOfNode[node] = token;
    }
  }

  // ---------------------------------------------------------------- tripping

  susceptible(node: number): boolean {
    return (
      !this.patched && (this.spec.version === undefined || this.host.nodeVersion(node) === this.spec.version)
    );
  }

  trip(level: UnitLevel, unit: number): TripOutcome {
    if (this.patched) return "closed";
    if (!this.someSusceptible(this.nodesOf(level, unit))) return "dormant";
    const region = this.nodesOf(this.regionLevel(level), this.regionIndex(level, unit));
    if (this.lasting) for (const node of region) this.inFiredRegion[node] = 1;
    const hit = region.filter((node) => this.unaffected(node));
    if (hit.length === 0) return "fired";
    this.strike(hit);
    this.record("trigger", "bug-trigger", hit.length, unit);
    this.scheduleFix();
    return "fired";
  }

  private someSusceptible(nodes: readonly number[]): boolean {
    return nodes.some((node) => this.susceptible(node));
  }

  /** The wider of the trigger unit and the scope. */
  private regionLevel(level: UnitLevel): UnitLevel {
    const rank = Math.max(LEVEL_RANK[level], SCOPE_RANK[this.spec.scope]);
    return rank === 0 ? "node" : rank === 1 ? "cluster" : "backend";
  }

  private regionIndex(level: UnitLevel, unit: number): number {
    const region = this.regionLevel(level);
    if (region === level) return unit;
    return region === "cluster" ? this.host.nodeCluster(unit) : 0;
  }

  private nodesOf(level: UnitLevel, index: number): number[] {
    if (level === "node") return [index];
    const nodes: number[] = [];
    for (let node = 0; node < this.host.nodeCount; node++) {
      if (level === "backend" || this.host.nodeCluster(node) === index) nodes.push(node);
    }
    return nodes;
  }

  // ---------------------------------------------------------------- fix and reopening

  /** The vendor starts on the patch at the first trip: one delay per bug, drawn then. */
  private scheduleFix(): void {
    const fix = this.spec.fix;
    if (fix.kind === "none" || this.fixScheduled) return;
    this.fixScheduled = true;
    const atMs = this.sim.nowMs + this.fixDelayMs;
    if (atMs <= this.horizonMs) this.sim.at(atMs, this.fixKind);
  }

  private fix(): void {
    this.patched = true;
    this.source.stop();
    this.reopenOrder = [];
    for (let node = 0; node < this.host.nodeCount; node++) {
      if (this.tokenOfNode[node] !== NO_TOKEN) this.reopenOrder.push(node);
    }
    this.fixedAtMs = this.sim.nowMs;
    this.record("fixed", "bug-fixed", this.reopenOrder.length);
    this.reopenDue();
  }

  /** When the next node may reopen: after the mailboxes already reopened have used up the rate. */
  private nextReopenMs(): number {
    const fix = this.spec.fix;
    const perSec = fix.kind === "patch" ? fix.reopenPerSec : undefined;
    if (perSec === undefined) return this.fixedAtMs;
    return this.fixedAtMs + ceilMs((this.reopenedMailboxes * 1000) / perSec);
  }

  /** Lifts every node now due, one host call per effect token, then waits for the next. */
  private reopenDue(): void {
    const batch: number[] = [];
    while (this.reopenCursor < this.reopenOrder.length && this.nextReopenMs() <= this.sim.nowMs) {
      const node = this.reopenOrder[this.reopenCursor++]!;
      this.reopenedMailboxes += this.host.nodeMailboxes(node);
      batch.push(node);
    }
    this.lift(batch);
    if (this.reopenCursor < this.reopenOrder.length) {
      const nextMs = this.nextReopenMs();
      if (nextMs <= this.horizonMs) this.sim.at(nextMs, this.reopenKind);
    }
  }

  private lift(nodes: readonly number[]): void {
    if (nodes.length === 0) return;
    const byToken = new Map<number, number[]>();
    for (const node of nodes) {
      const token = this.tokenOfNode[node]!;
      const group = byToken.get(token);
      if (group === undefined) byToken.set(token, [node]);
      else group.push(node);
      this.tokenOfNode[node] = NO_TOKEN;
    }
    for (const [token, group] of byToken) this.host.liftEffect(token, group);
    this.record("reopened", "bug-reopen", nodes.length);
  }

  private record(what: BugHistoryEntry["what"], kind: string, nodes: number, unit?: number): void {
    const entry: BugHistoryEntry = { timeMs: this.sim.nowMs, bug: this.spec.name, what, nodes };
    this.log.push(unit === undefined ? entry : { ...entry, unit });
    this.host.event(kind, { bug: this.spec.name, nodes });
  }
}

/** Runs every bug of one backend against its host. */
export class OsBugEngine {
  /** For tests and reports: every trigger, fix and reopening that happened, in order. */
  readonly history: ReadonlyArray<BugHistoryEntry>;
  private readonly bugs: ActiveBug[];
  private started = false;

  constructor(
    private readonly host: BugHost,
    bugs: readonly OsBugSpec[],
    sim: Simulation,
    streams: RandomStreams,
    horizonMs: number,
    /** Biased runs only: hazard triggers draw their trip times through it (bugTriggers.ts). */
    biasing?: FailureBiasing,
  ) {
    const names = new Set(bugs.map((bug) => bug.name));
    // Names key the random streams: two bugs with one name would share their draws.
    if (names.size !== bugs.length)
      throw new Error(`bug names must be unique on backend ${host.backendName}`);
    const log: BugHistoryEntry[] = [];
    this.history = log;
    this.bugs = bugs.map((spec) => new ActiveBug(spec, host, sim, streams, horizonMs, log, biasing));
  }

  /** What this run drew for each bug, in declaration order. */
  draws(): BugDraws[] {
    return this.bugs.map((bug) => bug.draws());
  }

  /** Draws thresholds and hazard times, schedules time triggers and predicts counter crossings. */
  start(): void {
    if (this.started) throw new Error("OsBugEngine.start called twice");
    this.started = true;
    this.host.onCounterRatesChanged(() => {
      for (const bug of this.bugs) bug.ratesChanged();
    });
    this.host.onOperation((operation, node) => {
      for (const bug of this.bugs) bug.operation(operation, node);
    });
    for (const bug of this.bugs) bug.start();
  }
}
