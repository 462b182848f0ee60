/**
 * BiasedClocks (src/model/faults/BiasedClocks.ts): a group's state sets each draw's bias (a
 * whole-again group draws unbiased, ratio exactly 1); `closeAt` gives back a pending draw's
 * density ratio for its survival ratio at the end of the run; `stop` cancels a clock so it
 * never fires; units map to their group's clocks in order.
 */
import { describe, expect, it } from "vitest";
import { hazardClockOf, survivalLogRatio } from "../../../src/engine/LikelihoodRatio.js";
import { RandomStreams } from "../../../src/engine/RandomStreams.js";
import { Simulation } from "../../../src/engine/Simulation.js";
import { BiasedClocks } from "../../../src/model/faults/BiasedClocks.js";
import { DEFAULT_BIAS, FailureBiasing } from "../../../src/model/faults/FailureBiasing.js";

const HORIZON_MS = 1000;
// So slow that nothing lands in the horizon unless forced.
const slow = hazardClockOf({ kind: "exponential", mean: 1e12 })!;

function setup(units: number, perGroup: number, stream = "test") {
  const biasing = new FailureBiasing(DEFAULT_BIAS, HORIZON_MS);
  const sim = new Simulation();
  const fired: [number, number][] = [];
  const clocks = new BiasedClocks(
    biasing,
    [slow],
    units,
    perGroup,
    sim,
    new RandomStreams("clocks").get(stream),
    (u) => fired.push([u, sim.nowMs]),
  );
  return { biasing, sim, clocks, fired };
}

describe("BiasedClocks", () => {
  it("forces a whole group's first failure within the horizon most of the time, and never fires a stopped clock", () => {
    let firedWithin = 0;
    for (let trial = 0; trial < 200; trial++) {
      const { sim, clocks, fired } = setup(2, 2, `trial/${trial}`);
      clocks.start(0);
      clocks.start(1);
      clocks.redraw(0, false, -1);
      if (trial % 2 === 0) clocks.stop(1);
      sim.run(HORIZON_MS);
      if (trial % 2 === 0) expect(fired.map(([u]) => u)).not.toContain(1);
      if (fired.length > 0) firedWithin++;
    }
    // Some failure with 0.8 with both clocks; 1 − √0.2 ≈ 0.553 with one stopped: 0.68 × 200 = 135.
    expect(Math.abs(firedWithin - 135)).toBeLessThan(4 * Math.sqrt(200 * 0.68 * 0.32));
  });

  it("draws unbiased once the group has failed and is whole again: the ratio stays exactly 1", () => {
    const { biasing, sim, clocks } = setup(3, 3);
    for (let u = 0; u < 3; u++) clocks.start(u);
    clocks.markFailed(0);
    clocks.redraw(0, false, -1);
    sim.run(HORIZON_MS);
    clocks.closeAt(HORIZON_MS);
    expect(biasing.ratio.log).toBe(0);
  });

  it("censors a pending draw at the end of the run: its ratio becomes the survival ratio", () => {
    const { biasing, sim, clocks, fired } = setup(1, 1);
    clocks.start(0);
    clocks.redraw(0, true, 400); // degraded: forced before 400 ms with probability 0.5
    sim.run(10);
    expect(fired).toEqual([]);
    const pendingLog = biasing.ratio.log;
    biasing.closeAt(10);
    // Whatever was drawn, the run saw only "it survived 10 ms": the ratio is S_f(10)/S_g(10).
    const expected = survivalLogRatio(
      { delayMs: Number.POSITIVE_INFINITY, logRatio: 0, clock: slow, ageMs: 0, windowMs: 400, force: 0.5 },
      10,
    );
    expect(biasing.ratio.log).toBeCloseTo(expected, 12);
    expect(pendingLog).not.toBe(biasing.ratio.log);
  });
});
