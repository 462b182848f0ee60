/**
 * The fault-schedule arbitrary keeps every schedule inside its fault model (kinds, count,
 * concurrency, window, targets, ranges, the drawing grid), its text reads back to the same
 * milliseconds, and shrinking goes toward fewer, later, smaller faults. The model's defaults
 * come from the scenario: every node of every backend, the horizon, all kinds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FaultModel, faultModelOf } from "../../../src/experiment/check/FaultModel.js";
import type { FaultSchedule } from "../../../src/experiment/check/FaultSchedule.js";
import { faultScheduleArbitrary } from "../../../src/experiment/check/faultScheduleArbitrary.js";
import { exactDurationText } from "../../../src/scenario/exactDuration.js";
import { parseScenarioText } from "../../../src/scenario/loadScenario.js";
import { parseDurationMs } from "../../../src/scenario/units.js";

const HOUR_MS = 3_600_000;

function scenario(check = ""): ReturnType<typeof parseScenarioText> {
  return parseScenarioText(
    `name: t
horizon: 10d
fleet: { mailboxes: 10 }
backends:
  a: { kind: filer, nodes: 4, volumesPerNode: 2 }
  b: { kind: scale-out, clusters: 2, nodesPerCluster: 3, shardsPerNode: 1 }
${check}`,
    "inline",
  );
}

const MODEL = faultModelOf(
  scenario(`check:
  faults:
    kinds: [crash, lost-writes, corruption, fail-slow, node-loss]
    maxFaults: 4
    maxConcurrent: 2
    settle: 6h
    window: { from: 2d, to: 8d }
    targets: [b/cluster/*, a/node/*, b, a/slot/3]
    duration: { min: 10m, max: 12h }
    fraction: { min: 0.1%, max: 2% }
    lostWritesWindow: { min: 30s, max: 1h }
    slowFactor: { min: 3, max: 40 }
    propagate: true
    resolution: 5m`),
);

function endMs(fault: FaultSchedule[number], model: FaultModel): number {
  const durationMs = fault.duration === undefined ? 0 : parseDurationMs(fault.duration);
  return parseDurationMs(fault.at) + Math.max(1, durationMs + model.settleMs);
}

describe("fault model defaults and targets", () => {
  it("defaults: every node of every backend, the whole horizon, all kinds mildest first", () => {
    const model = faultModelOf(scenario());
    expect(model.targets).toEqual([
      ...["a/node/0", "a/node/1", "a/node/2", "a/node/3"],
      ...["b/node/0", "b/node/1", "b/node/2", "b/node/3", "b/node/4", "b/node/5"],
    ]);
    expect([model.windowFromMs, model.windowToMs]).toEqual([0, 10 * 24 * HOUR_MS]);
    expect(model.kinds[0]).toBe("crash");
    expect(model.kinds).toHaveLength(9);
    expect(model.maxConcurrent).toBe(model.maxFaults);
  });

  it("expands `*` and orders targets narrowest first, each width in the order written", () => {
    expect(MODEL.targets).toEqual([
      "a/slot/3",
      ...["a/node/0", "a/node/1", "a/node/2", "a/node/3"],
      "b/cluster/0",
      "b/cluster/1",
      "b",
    ]);
  });
});

describe("faultScheduleArbitrary", () => {
  it("draws only schedules inside the fault model", () => {
    fc.assert(
      fc.property(faultScheduleArbitrary(MODEL), (schedule) => {
        expect(schedule.length).toBeLessThanOrEqual(MODEL.maxFaults);
        for (const fault of schedule) {
          const atMs = parseDurationMs(fault.at);
          expect(atMs).toBeGreaterThanOrEqual(MODEL.windowFromMs);
          expect(atMs).toBeLessThanOrEqual(MODEL.windowToMs);
          expect((MODEL.windowToMs - atMs) % MODEL.resolutionMs).toBe(0);
          expect(MODEL.kinds).toContain(fault.fault);
          expect(MODEL.targets).toContain(fault.target);
          if (fault.duration !== undefined) {
            const ms = parseDurationMs(fault.duration);
            expect(ms).toBeGreaterThanOrEqual(MODEL.durationMs.min);
            expect(ms).toBeLessThanOrEqual(MODEL.durationMs.max);
          }
          if (fault.fraction !== undefined) {
            expect(fault.fraction).toBeGreaterThanOrEqual(MODEL.fraction.min);
            expect(fault.fraction).toBeLessThanOrEqual(MODEL.fraction.max);
          }
          if (fault.factor !== undefined) {
            expect(fault.factor).toBeGreaterThanOrEqual(MODEL.slowFactor.min);
            expect(fault.factor).toBeLessThanOrEqual(MODEL.slowFactor.max);
          }
        }
        // At no start are more than maxConcurrent faults in effect (settle included).
        for (const fault of schedule) {
          const atMs = parseDurationMs(fault.at);
          const inEffect = schedule.filter((f) => parseDurationMs(f.at) <= atMs && endMs(f, MODEL) > atMs);
          expect(inEffect.length).toBeLessThanOrEqual(MODEL.maxConcurrent);
        }
      }),
      { seed: 61, numRuns: 300 },
    );
  });

  it("gives each kind exactly its own parameters", () => {
    const byKind = new Map<string, string[]>();
    for (const schedule of fc.sample(faultScheduleArbitrary(MODEL), { seed: 62, numRuns: 200 }))
      for (const fault of schedule) byKind.set(fault.fault, Object.keys(fault).sort());
    expect(Object.fromEntries(byKind)).toMatchObject({
      crash: ["at", "duration", "fault", "target"],
      "node-loss": ["at", "duration", "fault", "target"],
      "fail-slow": ["at", "duration", "factor", "fault", "target"],
      "lost-writes": ["at", "fault", "target", "window"],
    });
    expect(["at,fault,fraction,target", "at,fault,fraction,propagate,target"]).toContain(
      byKind.get("corruption")!.join(","),
    );
  });

  it("shrinks toward fewer, later, smaller faults", () => {
    // Fails whenever any fault is drawn: the smallest counterexample is one fault of the
    // first kind, on the first target, at the window's end, with the shortest duration.
    const details = fc.check(
      fc.property(faultScheduleArbitrary(MODEL), (schedule) => schedule.length === 0),
      { seed: 63 },
    );
    expect(details.counterexample?.[0]).toEqual([
      { at: exactDurationText(MODEL.windowToMs), target: "a/slot/3", fault: "crash", duration: "10m" },
    ]);
  });
});

describe("exactDurationText", () => {
  it("reads back to the same milliseconds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 365 * 24 * HOUR_MS }), (ms) => {
        expect(parseDurationMs(exactDurationText(ms))).toBe(ms);
      }),
      { seed: 64 },
    );
    expect(exactDurationText(2_589_120_000)).toBe("29d23h12m");
    expect(exactDurationText(0)).toBe("0s");
  });
});
