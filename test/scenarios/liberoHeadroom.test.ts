/**
 * The headroom-gated waves of scenarios/libero-2023.yaml against big-bang, at 1% scale on fixed
 * seeds (as test/scenarios/libero-2023.test.ts does the other plans; the assumed object limit is
 * scaled with the fleet). With the limit assumed at two thirds of the store, the gate after the
 * 60% wave reads about 10% headroom and aborts: every run stops there, rolls back what moved,
 * and is down far less than big-bang (paired 95% interval) — unless its threshold is low
 * enough for the 60% wave itself, with the mail that arrived meanwhile, to reach it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/experiment/runScenario.js";
import { mean, pairedDifference } from "../../src/metrics/statistics.js";
import { runChecked } from "../helpers/checkedRun.js";
import { liberoAtScale } from "../helpers/liberoAtScale.js";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const RUNS_TIMEOUT_MS = 600_000;
let bigBang: RunResult[];
let headroom: RunResult[];

beforeAll(() => {
  const libero = liberoAtScale(90_000);
  bigBang = SEEDS.map((seed) => runChecked(libero, { seed, strategy: "big-bang" }));
  headroom = SEEDS.map((seed) => runChecked(libero, { seed, strategy: "headroom-waves", judgeGates: true }));
}, RUNS_TIMEOUT_MS);

const hoursDown = (r: RunResult) => r.measurements.availability.mailboxHoursDown;

describe("libero-2023: waves gated on the object counter's headroom", () => {
  it("promote at 20% and 40%, abort after the 60% wave in every run: before most mailboxes move", () => {
    for (const r of headroom) {
      expect(r.gates!.map((d) => `${d.gate} ${d.decision}`)).toEqual([
        "steps[2] promoted",
        "steps[5] promoted",
        "steps[8] aborted",
      ]);
      const rollout = r.measurements.rollout!;
      expect(rollout.completedMs).toBeNull();
      expect(rollout.mailboxesOnTargetAtHorizon).toBe(0); // everything rolled back by the horizon
      // The cost: 60% of the store copied over, then back (a unit caught mid-copy by a trip is copied twice).
      const storeBytes = bigBang[0]!.measurements.rollout!.copiedBytes;
      expect(rollout.copiedBytes / storeBytes).toBeGreaterThan(0.55);
      expect(rollout.copiedBytes / storeBytes).toBeLessThan(0.65);
      // A copy back moves what the unit holds when it starts: its t = 0 size plus the mail stored
      // since (issue 12), weeks later than the copy over, so it moves more (up to 1.084 × on these
      // seeds; at most 1 before, when every copy moved the t = 0 size). Mail grows ~0.17%/day.
      expect(rollout.rollbackBytes / rollout.copiedBytes).toBeGreaterThan(0.99);
      expect(rollout.rollbackBytes / rollout.copiedBytes).toBeLessThan(1.12);
    }
  });

  it("is down far less than big-bang on the same seeds (paired 95% interval below zero)", () => {
    const d = pairedDifference(headroom.map(hoursDown), bigBang.map(hoursDown));
    expect(d.hi!).toBeLessThan(0);
    expect(mean(headroom.map(hoursDown))).toBeLessThan(0.3 * mean(bigBang.map(hoursDown)));
  });

  it("misses exactly the thresholds the 60% wave reaches itself; the judge calls those aborts right", () => {
    for (const [i, r] of headroom.entries()) {
      const tripped = r.measurements.rollout!.firstIncidentMs !== null;
      const share = bigBang[i]!.measurements.rollout!.shareMigratedAtFirstIncident!;
      expect(tripped).toBe(share < 0.6);
      // With the aborting gate ignored the plan moves on to 80% and trips: trouble ahead in every run.
      expect(r.gates![2]!.troubleAtMs).not.toBeNull();
    }
  });
});
