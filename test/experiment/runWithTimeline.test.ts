import { describe, expect, it } from "vitest";
import { MS_PER_HOUR } from "../../src/engine/time.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import { runWithTimeline } from "../../src/experiment/runWithTimeline.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";

describe("runWithTimeline", () => {
  const scenario = loadScenarioFile("test/fixtures/check/weak-async.yaml");
  const withFault = {
    ...scenario,
    faults: [
      ...scenario.faults,
      {
        at: 2 * 24 * MS_PER_HOUR,
        target: "a/node/0",
        fault: "crash" as const,
        duration: 6 * MS_PER_HOUR,
        repeat: { every: 24 * MS_PER_HOUR, count: 3 },
      },
    ],
  };

  it("gives the very result runScenario gives: the timeline only listens", () => {
    const { result } = runWithTimeline(withFault, { seed: 3 }, 50);
    expect(JSON.stringify(result)).toBe(JSON.stringify(runScenario(withFault, { seed: 3 })));
  });

  it("shades each repetition of an explicit fault and keeps the run's mailbox-hours as its area", () => {
    const { result, timeline } = runWithTimeline(withFault, { seed: 3 }, 50);
    expect(timeline.periods.filter((p) => p.kind === "fault").map((p) => p.startMs / MS_PER_HOUR)).toEqual([
      48, 72, 96,
    ]);
    expect(timeline.mailboxesWriteDown.length).toBeLessThanOrEqual(50);
    const areaHours = timeline.mailboxesWriteDown.reduce(
      (sum, mean, k) =>
        sum + (mean * Math.min(timeline.stepMs, timeline.horizonMs - k * timeline.stepMs)) / MS_PER_HOUR,
      0,
    );
    expect(result.measurements.availability.mailboxHoursDown).toBeGreaterThan(0);
    expect(areaHours).toBeCloseTo(result.measurements.availability.mailboxHoursDown, 6);
  });
});
