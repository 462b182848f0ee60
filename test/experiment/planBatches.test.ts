/**
 * planBatches: every job lands in exactly one batch, in order, and the parts of a batch map
 * its task's jobs back to (group, index); whole groups are never split and are packed only
 * with groups of the same scenario.
 */
import { describe, expect, it } from "vitest";
import { type Batch, type PlannedGroup, planBatches } from "../../src/experiment/planBatches.js";
import type { Scenario } from "../../src/scenario/schema.js";

const scenarioA = { name: "a" } as unknown as Scenario;
const scenarioB = { name: "b" } as unknown as Scenario;
const common = { plugins: [], memoryLimitBytes: undefined };

/** `sizes[g]` jobs in group g, each job's seed naming its place: "g/index". */
function groupsOf(sizes: number[], scenarioOf: (g: number) => Scenario = () => scenarioA): PlannedGroup[] {
  return sizes.map((size, g) => ({
    scenario: scenarioOf(g),
    jobs: Array.from({ length: size }, (_, index) => ({ strategy: undefined, seed: `${g}/${index}` })),
  }));
}

/** The (group, index) of each task job, read back through the parts; checks they name the job. */
function placesOf(batches: Batch[]): string[] {
  return batches.flatMap((batch) => {
    const places = batch.parts.flatMap(({ group, first, count }) =>
      Array.from({ length: count }, (_, k) => `${group}/${first + k}`),
    );
    expect(batch.task.jobs.map((job) => job.seed)).toEqual(places);
    return places;
  });
}

function allPlaces(sizes: number[]): string[] {
  return sizes.flatMap((size, g) => Array.from({ length: size }, (_, index) => `${g}/${index}`));
}

describe("planBatches", () => {
  it("packs whole groups of one scenario into about total / (4 × threads) jobs a batch", () => {
    const sizes = Array.from({ length: 1000 }, () => 1); // compare of one strategy over 1,000 seeds
    const batches = planBatches(groupsOf(sizes), { threads: 2, wholeGroups: true, common });
    expect(placesOf(batches)).toEqual(allPlaces(sizes));
    expect(batches.map((b) => b.task.jobs.length)).toEqual(Array(8).fill(125));
  });

  it("never splits a whole group, even one bigger than the batch size", () => {
    const sizes = [6, 6, 6, 20, 6, 0, 6];
    const batches = planBatches(groupsOf(sizes), { threads: 2, wholeGroups: true, common });
    expect(placesOf(batches)).toEqual(allPlaces(sizes));
    for (const batch of batches) {
      for (const part of batch.parts) expect(part).toMatchObject({ first: 0, count: sizes[part.group] });
    }
    // 50 jobs / 8 = 6 a batch: each group of 6 alone, the group of 20 whole.
    expect(batches.map((b) => b.task.jobs.length)).toEqual([6, 6, 6, 20, 6, 6]);
  });

  it("packs only groups of the same scenario together", () => {
    const sizes = Array.from({ length: 40 }, () => 1);
    const batches = planBatches(
      groupsOf(sizes, (g) => (g < 20 ? scenarioA : scenarioB)),
      { threads: 2, wholeGroups: true, common },
    );
    expect(placesOf(batches)).toEqual(allPlaces(sizes));
    for (const batch of batches) {
      const scenarios = new Set(batch.parts.map((p) => (p.group < 20 ? scenarioA : scenarioB)));
      expect([...scenarios]).toEqual([batch.task.scenario]);
    }
    expect(batches.map((b) => b.task.jobs.length)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
  });

  it("slices groups without mixing them when groups may be split", () => {
    const sizes = [10, 3, 0, 7];
    const batches = planBatches(groupsOf(sizes), { threads: 2, common });
    expect(placesOf(batches)).toEqual(allPlaces(sizes));
    for (const batch of batches) expect(batch.parts).toHaveLength(1);
    expect(batches.map((b) => b.task.jobs.length)).toEqual([2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 1]);
  });

  it("runs one job, or one whole group, a batch in this thread", () => {
    const sizes = [3, 1, 2];
    expect(planBatches(groupsOf(sizes), { threads: 1, common }).map((b) => b.task.jobs.length)).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    const whole = planBatches(groupsOf(sizes), { threads: 1, wholeGroups: true, common });
    expect(placesOf(whole)).toEqual(allPlaces(sizes));
    expect(whole.map((b) => b.task.jobs.length)).toEqual([3, 1, 2]);
  });

  it("copies the caller's task fields into every task", () => {
    const estimate = { bias: {} as never, property: "no-silent-loss" };
    const batches = planBatches(groupsOf([2, 2]), {
      threads: 2,
      common: { plugins: ["/p.js"], memoryLimitBytes: 5, estimate, timelinePoints: 9 },
    });
    for (const batch of batches) {
      expect(batch.task).toMatchObject({
        plugins: ["/p.js"],
        memoryLimitBytes: 5,
        estimate,
        timelinePoints: 9,
      });
    }
  });
});
