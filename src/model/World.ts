/**
 * World: the mail service on its storage, driven by the engine.
 *
 * It wires the fleet, the storage backends, the placement of mailboxes on placement groups
 * and the mail flow, and keeps, per group, the one fact the mail flow needs: since when the
 * group has been able (or unable) to accept mail. Arrivals are never events. While a group
 * is Up its mailboxes accumulate *exposure* (∫ rate dt); when it leaves Up an outage window
 * opens; when it returns, the window's arrivals are drawn and settled by `DeferredMail`.
 * So the cost of a run grows with state changes, not with messages (DESIGN §2).
 *
 * Contract: `run` may be called once; it reports everything to the observer and returns at
 * the horizon, with every arrived message in exactly one class.
 */
import { poisson } from "../engine/distributions.js";
import { RandomStreams } from "../engine/RandomStreams.js";
import { Simulation } from "../engine/Simulation.js";
import type { Scenario } from "../scenario/schema.js";
import { Fleet } from "./Fleet.js";
import { DeferredMail } from "./mail/DeferredMail.js";
import { MxSpool } from "./mail/MxSpool.js";
import { buildMailPolicy } from "./mail/mailPolicy.js";
import { Placement } from "./Placement.js";
import { buildBackends } from "./storage/buildBackends.js";
import type { StorageBackend } from "./storage/StorageBackend.js";
import { Access, type WorldObserver } from "./WorldObserver.js";

export type TraceSink = (record: Record<string, number | string>) => void;

export class World {
  readonly sim = new Simulation();
  readonly streams: RandomStreams;
  readonly fleet: Fleet;
  readonly backends: readonly StorageBackend[];
  readonly placement: Placement;
  readonly horizonMs: number;
  private readonly firstGroup: number[] = [];
  private readonly access: Uint8Array;
  /** When the current Up stretch or outage window of each group began. */
  private readonly sinceMs: Float64Array;
  /** When the current outage of each group began (meaningful while not Up). */
  private readonly outageStartMs: Float64Array;
  /** ∫ rate dt over Up time, per group: the Poisson mean of mail stored on arrival. */
  private readonly storedExposure: Float64Array;
  private observer!: WorldObserver;
  private mail!: DeferredMail;
  private spool!: MxSpool;
  private trace: TraceSink | undefined;

  constructor(
    private readonly scenario: Scenario,
    seed: string | number,
  ) {
    this.horizonMs = scenario.horizon;
    this.streams = new RandomStreams(seed);
    this.fleet = new Fleet(scenario.fleet, this.streams);
    this.backends = buildBackends(scenario);
    let groups = 0;
    for (const backend of this.backends) {
      this.firstGroup.push(groups);
      groups += backend.groupCount;
    }
    const home = this.backendIndex(scenario.placement?.backend ?? this.backends[0]!.name);
    this.placement = new Placement(
      this.fleet,
      groups,
      this.firstGroup[home]!,
      this.backends[home]!.groupCount,
    );
    this.access = new Uint8Array(groups);
    this.sinceMs = new Float64Array(groups);
    this.outageStartMs = new Float64Array(groups);
    this.storedExposure = new Float64Array(groups);
  }

  get groupCount(): number {
    return this.placement.groupCount;
  }

  run(observer: WorldObserver, trace?: TraceSink): void {
    this.observer = observer;
    this.trace = trace;
    const policy = buildMailPolicy(this.scenario);
    this.mail = new DeferredMail(policy, this.streams.get("mail/deferred"), observer);
    this.spool = new MxSpool(
      this.sim,
      policy.diurnal,
      this.groupCount,
      policy.spoolAcceptForMs,
      policy.spoolHoldMaxMs,
      policy.spoolCapacityMessages,
    );
    for (let b = 0; b < this.backends.length; b++) this.backends[b]!.start(this.contextFor(b));
    this.scheduleExplicitFaults();
    this.sim.run(this.horizonMs);
    this.closeAtHorizon();
  }

  private contextFor(b: number) {
    const first = this.firstGroup[b]!;
    return {
      sim: this.sim,
      streams: this.streams,
      horizonMs: this.horizonMs,
      setAccess: (localGroup: number, access: Access) => this.setAccess(first + localGroup, access),
      event: (kind: string, detail: Record<string, number | string>) => {
        this.observer.storageEvent(kind);
        this.trace?.({ tMs: this.sim.nowMs, event: kind, ...detail });
      },
    };
  }

  private scheduleExplicitFaults(): void {
    for (const fault of this.scenario.faults) {
      const [backendName, kind, index] = fault.target.split("/");
      const backend = this.backends[this.backendIndex(backendName!)]!;
      const injection = {
        fault: fault.fault,
        targetKind: (kind ?? "backend") as "backend" | "node" | "volume",
        targetIndex: index === undefined ? 0 : Number(index),
        durationMs: fault.duration,
      };
      const repeats = fault.repeat?.count ?? 1;
      for (let i = 0; i < repeats; i++) {
        const atMs = fault.at + i * (fault.repeat?.every ?? 0);
        if (atMs <= this.horizonMs) this.sim.callAt(atMs, () => backend.injectFault(injection));
      }
    }
  }

  private backendIndex(name: string): number {
    const index = this.backends.findIndex((b) => b.name === name);
    if (index < 0) throw new RangeError(`unknown backend ${name}`);
    return index;
  }

  /** The single place where a group's access changes: closes one window, opens the next. */
  private setAccess(group: number, access: Access): void {
    const from = this.access[group] as Access;
    if (from === access) return;
    const nowMs = this.sim.nowMs;
    const canAcceptBefore = from === Access.Up;
    const canAcceptAfter = access === Access.Up;
    if (canAcceptBefore && !canAcceptAfter) {
      this.addExposure(group, nowMs);
      this.outageStartMs[group] = nowMs;
      this.sinceMs[group] = nowMs;
      this.spool.outageStarted(group, this.placement.groupRatePerMs[group]!);
    } else if (!canAcceptBefore && canAcceptAfter) {
      const spoolEndMs = this.spool.outageEnded(group);
      this.settleOutage(group, nowMs, { spoolEndMs, restoredAtMs: nowMs });
      this.sinceMs[group] = nowMs;
    }
    this.access[group] = access;
    const p = this.placement;
    this.observer.accessChanged(
      nowMs,
      group,
      from,
      access,
      p.groupMailboxes[group]!,
      p.groupLoginsPerDay[group]!,
    );
    this.trace?.({ tMs: nowMs, event: "access", group, from, to: access });
  }

  private addExposure(group: number, untilMs: number): void {
    const mass = this.scenarioDiurnalIntegral(this.sinceMs[group]!, untilMs);
    this.storedExposure[group]! += this.placement.groupRatePerMs[group]! * mass;
  }

  private scenarioDiurnalIntegral(startMs: number, endMs: number): number {
    return this.mail.diurnalIntegralMs(startMs, endMs);
  }

  private settleOutage(
    group: number,
    windowEndMs: number,
    end: { spoolEndMs: number; restoredAtMs: number },
  ): void {
    const rate = this.placement.groupRatePerMs[group]!;
    const outage = { startMs: this.outageStartMs[group]!, ...end };
    this.mail.resolve(rate, outage, this.sinceMs[group]!, windowEndMs);
  }

  /** At the horizon: open outages settle as unrestored; Up stretches add their exposure. */
  private closeAtHorizon(): void {
    const storedRng = this.streams.get("mail/stored");
    for (let g = 0; g < this.groupCount; g++) {
      if (this.access[g] === Access.Up) this.addExposure(g, this.horizonMs);
      else
        this.settleOutage(g, this.horizonMs, {
          spoolEndMs: this.spool.spoolEndMs(g),
          restoredAtMs: Number.POSITIVE_INFINITY,
        });
      const mean = this.storedExposure[g]!;
      if (mean > 0) this.observer.storedIntact(poisson(storedRng, mean));
    }
  }
}
