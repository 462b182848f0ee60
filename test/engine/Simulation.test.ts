/**
 * Simulation: the run loop's contract (order, the clock, run(until), stop, callAt, cancel)
 * and determinism: a whole randomised run, replayed from the same seed, yields a
 * byte-identical trace.
 */
import { describe, expect, it } from "vitest";
import { exponential } from "../../src/engine/distributions.js";
import { RandomStreams } from "../../src/engine/RandomStreams.js";
import { EventLimitReached, Simulation } from "../../src/engine/Simulation.js";

/** A simulation whose single kind records (time, arg) into `log`. */
function recorder() {
  const sim = new Simulation();
  const log: [number, number][] = [];
  const kind = sim.register("record", (arg) => log.push([sim.nowMs, arg]));
  return { sim, log, kind };
}

describe("Simulation ordering and the clock", () => {
  it("runs events by time, then priority, then scheduling order", () => {
    const { sim, log, kind } = recorder();
    sim.at(30, kind, 1);
    sim.at(10, kind, 2, 5);
    sim.at(10, kind, 3, -5);
    sim.at(10, kind, 4, 5);
    sim.after(10, kind, 5, -5);
    sim.at(0, kind, 6);
    sim.run();
    expect(log).toEqual([
      [0, 6],
      [10, 3],
      [10, 5],
      [10, 2],
      [10, 4],
      [30, 1],
    ]);
    expect(sim.nowMs).toBe(30);
    expect(sim.eventsProcessed).toBe(6);
    expect(sim.pending).toBe(0);
  });

  it("lets handlers schedule at the current time, after the events already due", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const late = sim.register("late", () => log.push(`late@${sim.nowMs}`));
    const first = sim.register("first", () => {
      log.push(`first@${sim.nowMs}`);
      sim.after(0, late);
    });
    const second = sim.register("second", () => log.push(`second@${sim.nowMs}`));
    sim.at(5, first);
    sim.at(5, second);
    sim.run();
    expect(log).toEqual(["first@5", "second@5", "late@5"]);
  });

  it("refuses to schedule in the past or off the integer grid", () => {
    const { sim, kind } = recorder();
    sim.at(100, kind);
    sim.run();
    expect(() => sim.at(99, kind)).toThrow(RangeError);
    expect(() => sim.at(100.5, kind)).toThrow(RangeError);
    expect(() => sim.at(Number.NaN, kind)).toThrow(RangeError);
    expect(() => sim.at(Number.POSITIVE_INFINITY, kind)).toThrow(RangeError);
    expect(() => sim.after(-1, kind)).toThrow(RangeError);
    expect(() => sim.after(0.25, kind)).toThrow(RangeError);
    expect(() => sim.callAt(50, () => {})).toThrow(RangeError);
    expect(sim.pending).toBe(0);
    expect(() => sim.at(100, kind)).not.toThrow(); // "now" itself is allowed
  });

  it("refuses unknown kinds, bad args and bad priorities", () => {
    const { sim, kind } = recorder();
    expect(() => sim.at(1, kind + 1)).toThrow(RangeError);
    expect(() => sim.at(1, -1)).toThrow(RangeError);
    expect(() => sim.at(1, kind, -1)).toThrow(RangeError);
    expect(() => sim.at(1, kind, 1.5)).toThrow(RangeError);
    expect(() => sim.at(1, kind, 0, 0.5)).toThrow(RangeError);
    expect(() => sim.at(1, kind, 0, 5000)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
  });

  it("names kinds for traces", () => {
    const sim = new Simulation();
    const kind = sim.register("disk/fail", () => {});
    expect(sim.kindName(kind)).toBe("disk/fail");
    expect(sim.kindName(999)).toBe("kind-999");
  });
});

describe("Simulation run(until) and stop", () => {
  it("runs events at exactly untilMs, including ones scheduled there while running", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const tick = sim.register("tick", (n) => {
      log.push(sim.nowMs);
      if (n > 0) sim.after(10, tick, n - 1);
    });
    sim.at(0, tick, 10);
    sim.run(30);
    expect(log).toEqual([0, 10, 20, 30]);
    expect(sim.nowMs).toBe(30);
    expect(sim.pending).toBe(1);
    sim.run(35);
    expect(sim.nowMs).toBe(35); // the limit passed: the clock moves to it
    sim.run();
    expect(log).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(sim.nowMs).toBe(100); // run() without a limit stops at the last event
  });

  it("moves the clock to untilMs when the queue runs dry first", () => {
    const { sim, kind } = recorder();
    sim.at(5, kind);
    sim.run(1000);
    expect(sim.nowMs).toBe(1000);
    sim.run(1000);
    expect(sim.nowMs).toBe(1000);
    expect(() => sim.run(999)).toThrow(RangeError);
  });

  it("stop() ends run after the current handler and keeps the clock there", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const kind = sim.register("maybe-stop", (arg) => {
      log.push(arg);
      if (arg === 2) sim.stop();
    });
    for (let i = 1; i <= 4; i++) sim.at(i * 10, kind, i);
    sim.at(20, kind, 99); // same time as the stopping event, later in order
    sim.run(1000);
    expect(log).toEqual([1, 2]);
    expect(sim.nowMs).toBe(20);
    expect(sim.pending).toBe(3);
    sim.run(1000); // a later run resumes where it stopped
    expect(log).toEqual([1, 2, 99, 3, 4]);
    expect(sim.nowMs).toBe(1000);
  });

  it("propagates a handler's error and stays usable", () => {
    const { sim, log, kind } = recorder();
    const boom = sim.register("boom", () => {
      throw new Error("boom");
    });
    sim.at(1, boom);
    sim.at(2, kind, 7);
    expect(() => sim.run()).toThrow("boom");
    expect(sim.nowMs).toBe(1);
    sim.run();
    expect(log).toEqual([[2, 7]]);
  });

  it("refuses a nested run", () => {
    const sim = new Simulation();
    const nested = sim.register("nested", () => sim.run());
    sim.at(1, nested);
    expect(() => sim.run()).toThrow(/inside a handler/);
  });
});

describe("Simulation callAt and cancel", () => {
  it("runs closures in order with kind events", () => {
    const { sim, log, kind } = recorder();
    sim.callAt(5, () => log.push([sim.nowMs, -1]));
    sim.at(5, kind, 1);
    sim.callAt(5, () => log.push([sim.nowMs, -2]), -1);
    sim.run();
    expect(log).toEqual([
      [5, -2],
      [5, -1],
      [5, 1],
    ]);
  });

  it("cancels a scheduled timer exactly once, and never one that already ran", () => {
    const { sim, log, kind } = recorder();
    const timeout = sim.at(50, kind, 1);
    const other = sim.at(10, kind, 2);
    expect(sim.cancel(timeout)).toBe(true);
    expect(sim.cancel(timeout)).toBe(false);
    sim.run();
    expect(sim.cancel(other)).toBe(false);
    expect(sim.cancel(0)).toBe(false);
    expect(log).toEqual([[10, 2]]);
  });

  it("cancels closures and reuses their slots", () => {
    const sim = new Simulation();
    let ran = 0;
    for (let round = 0; round < 100; round++) {
      const keep = sim.callAt(sim.nowMs + 1, () => ran++);
      const drop = sim.callAt(sim.nowMs + 1, () => {
        throw new Error("cancelled closure ran");
      });
      expect(sim.cancel(drop)).toBe(true);
      sim.run();
      expect(sim.cancel(keep)).toBe(false);
    }
    expect(ran).toBe(100);
  });

  it("calls the tracer before each handler", () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const kind = sim.register("probe", () => seen.push("handler"));
    sim.setTracer((timeMs, name, arg) => seen.push(`${timeMs}:${name}:${arg}`));
    sim.at(3, kind, 4);
    sim.callAt(7, () => seen.push("closure"));
    sim.run();
    sim.setTracer(undefined);
    sim.at(9, kind);
    sim.run();
    expect(seen).toEqual(["3:probe:4", "handler", "7:callAt:0", "closure", "handler"]);
  });
});

describe("Simulation determinism", () => {
  /**
   * A small queueing network: customers arrive, wait for one of two servers, get served
   * with random times; impatient ones cancel their wait after a random patience. Every
   * random draw comes from a named stream of the seed.
   */
  function tracedRun(seed: number): string {
    const sim = new Simulation();
    const streams = new RandomStreams(seed);
    const arrivals = streams.get("arrivals");
    const service = streams.get("service");
    const patience = streams.get("patience");
    const trace: [number, string, number][] = [];
    sim.setTracer((timeMs, name, arg) => trace.push([timeMs, name, arg]));

    const queue: number[] = [];
    const giveUpHandle = new Map<number, number>();
    let busy = 0;
    let nextCustomer = 0;
    const startService = (customer: number) => {
      busy++;
      sim.cancel(giveUpHandle.get(customer) ?? 0);
      sim.after(Math.round(exponential(service, 900)), depart, customer, customer % 3);
    };
    const depart = sim.register("depart", () => {
      busy--;
      const next = queue.shift();
      if (next !== undefined) startService(next);
    });
    const giveUp = sim.register("give-up", (customer) => {
      const index = queue.indexOf(customer);
      if (index < 0) throw new Error(`customer ${customer} gave up in service: a cancelled event ran`);
      queue.splice(index, 1);
    });
    const arrive = sim.register("arrive", () => {
      const customer = nextCustomer++;
      if (busy < 2) startService(customer);
      else {
        queue.push(customer);
        giveUpHandle.set(customer, sim.after(Math.round(exponential(patience, 3000)), giveUp, customer));
      }
      if (nextCustomer < 400) sim.after(Math.round(exponential(arrivals, 500)), arrive);
    });
    sim.at(0, arrive);
    sim.run(60 * 60 * 1000);
    return JSON.stringify({ trace, now: sim.nowMs, processed: sim.eventsProcessed });
  }

  it("replays a seeded run byte for byte", () => {
    const first = tracedRun(2023);
    expect(tracedRun(2023)).toBe(first);
    expect(first.length).toBeGreaterThan(10_000);
    expect(first).toContain("give-up");
    expect(tracedRun(2024)).not.toBe(first);
  });
});

describe("Simulation event limit", () => {
  it("stops with EventLimitReached before the event past the limit, naming the count and time", () => {
    const { sim, log, kind } = recorder();
    for (let t = 1; t <= 5; t++) sim.at(t * 10, kind, t);
    sim.limitEvents(3);
    expect(() => sim.run()).toThrow(EventLimitReached);
    expect(log).toEqual([
      [10, 1],
      [20, 2],
      [30, 3],
    ]);
    try {
      sim.run();
    } catch (error) {
      expect(error).toMatchObject({ events: 3, atMs: 40 });
    }
  });
});
