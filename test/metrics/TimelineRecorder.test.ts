import { describe, expect, it } from "vitest";
import { deferredQueueIntegralMessageMs } from "../../src/metrics/deferredQueueIntegral.js";
import { RunRecorder } from "../../src/metrics/RunRecorder.js";
import { TTR_PROBABILITIES } from "../../src/metrics/RunTimeline.js";
import { roundStepMs, TimelineRecorder } from "../../src/metrics/TimelineRecorder.js";
import { teeObservers } from "../../src/metrics/teeObservers.js";
import type { Access, ExitBatch } from "../../src/model/WorldObserver.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UP: Access = 0;
const READ_ONLY: Access = 1;
const DOWN: Access = 2;

function recorder(maxPoints = 10) {
  return new TimelineRecorder({
    horizonMs: 100 * HOUR,
    mailboxes: 400,
    groupCount: 2,
    initialGroupMailboxes: [100, 300],
    maxPoints,
    faults: [{ kind: "fault", label: "crash on a/node/0", startMs: 10 * HOUR, endMs: 12 * HOUR }],
  });
}

describe("TimelineRecorder", () => {
  it("keeps mailboxes down as bucket means: read (Down) and write (not Up) apart", () => {
    const r = recorder();
    r.accessChanged(10 * HOUR, 0, UP, DOWN, 100);
    r.accessChanged(15 * HOUR, 0, DOWN, READ_ONLY, 100);
    r.accessChanged(20 * HOUR, 0, READ_ONLY, UP, 100);
    r.accessChanged(95 * HOUR, 1, UP, DOWN, 300);
    const t = r.finish();
    expect(t.stepMs).toBe(12 * HOUR); // the smallest round step with ≤ 10 buckets over 100 h
    expect(t.mailboxesWriteDown).toHaveLength(9);
    // Bucket 0 is [0, 12 h): down from 10 h → 100 × 2/12; bucket 1 [12, 24 h): 100 × 8/12.
    expect(t.mailboxesWriteDown[0]).toBeCloseTo((100 * 2) / 12, 9);
    expect(t.mailboxesWriteDown[1]).toBeCloseTo((100 * 8) / 12, 9);
    expect(t.mailboxesReadDown[1]).toBeCloseTo((100 * 3) / 12, 9);
    // The last bucket [96, 100 h) is 4 h long and group 1 is down throughout.
    expect(t.mailboxesWriteDown[8]).toBeCloseTo(300, 9);
    expect(t.periods[0]!.label).toBe("crash on a/node/0");
    // Restored episodes: g0 for 10 h (100 mailboxes); g1 is still down, so not a restored episode.
    expect(t.ttrQuantilesMs).toEqual(TTR_PROBABILITIES.map(() => 10 * HOUR));
  });

  it("has the run's mailbox-hours as its area, fed the same reports as the RunRecorder", () => {
    const run = new RunRecorder({
      horizonMs: 100 * HOUR,
      timelineStepMs: 10 * HOUR,
      mailboxes: 400,
      loginsPerDayTotal: 0,
      groupCount: 2,
      initialGroupMailboxes: [100, 300],
      initialGroupLoginsPerDay: [0, 0],
    });
    const timeline = recorder(7);
    const both = teeObservers(run, timeline);
    both.accessChanged(3 * HOUR, 1, UP, DOWN, 300, 0);
    both.groupResized(7 * HOUR, 1, 250, 0);
    both.accessChanged(41 * HOUR, 1, DOWN, UP, 250, 0);
    both.accessChanged(50 * HOUR, 0, UP, READ_ONLY, 100, 0);
    const figures = run.finish();
    const t = timeline.finish();
    const areaHours = t.mailboxesWriteDown.reduce(
      (sum, mean, k) => sum + (mean * Math.min(t.stepMs, t.horizonMs - k * t.stepMs)) / HOUR,
      0,
    );
    expect(areaHours).toBeCloseTo(figures.availability.mailboxHoursDown, 6);
  });

  it("spreads each deferred batch over the queue series by its shape, spool and senders apart", () => {
    const r = recorder();
    const batch: ExitBatch = {
      count: 1200,
      place: "mx-spool",
      arrivalStartMs: 5 * HOUR,
      arrivalEndMs: 29 * HOUR,
      arrivalMeanMs: 17 * HOUR,
      exitAtMs: 40 * HOUR,
      restoredAtMs: 40 * HOUR,
    };
    r.deliveredLate(batch);
    r.bounced({ ...batch, place: "sender", exitAtMs: undefined, exitShiftMs: 6 * HOUR }, "sender");
    const t = r.finish();
    const integral = (series: number[]) =>
      series.reduce((sum, mean, k) => sum + mean * Math.min(t.stepMs, t.horizonMs - k * t.stepMs), 0);
    expect(integral(t.mxSpoolMessages)).toBeCloseTo(deferredQueueIntegralMessageMs(batch, 100 * HOUR), -2);
    expect(integral(t.senderQueueMessages) / HOUR).toBeCloseTo(1200 * 6, 6);
    expect(t.mxSpoolMessages[4]).toBe(0); // [48, 60 h): every message has left
  });

  it("shades a bug from trip to fix and the reopening to its last batch; marks the first of each kind", () => {
    const r = recorder();
    r.storageEvent("bug-trigger", 20 * HOUR, { bug: "threshold", nodes: 3 });
    r.storageEvent("bug-trigger", 21 * HOUR, { bug: "threshold", nodes: 1 });
    r.storageEvent("rollout-incident", 21 * HOUR, { unitsOnTarget: 4 });
    r.storageEvent("rollout-incident", 22 * HOUR, { unitsOnTarget: 5 });
    r.storageEvent("bug-fixed", 40 * HOUR, { bug: "threshold", nodes: 4 });
    r.storageEvent("bug-reopen", 41 * HOUR, { bug: "threshold", nodes: 2 });
    r.storageEvent("bug-reopen", 44 * HOUR, { bug: "threshold", nodes: 2 });
    r.storageEvent("bug-trigger", 90 * HOUR, { bug: "never-fixed", nodes: 1 });
    const t = r.finish();
    expect(t.periods.slice(1)).toEqual([
      { kind: "bug", label: "threshold tripped", startMs: 20 * HOUR, endMs: 40 * HOUR },
      { kind: "reopening", label: "threshold fixed, reopening", startMs: 40 * HOUR, endMs: 44 * HOUR },
      { kind: "bug", label: "never-fixed tripped", startMs: 90 * HOUR, endMs: 100 * HOUR },
    ]);
    expect(t.marks).toEqual([
      { kind: "rollout-incident", label: "first incident on the target", timeMs: 21 * HOUR },
    ]);
  });

  it("follows the share migrated through cut-overs and rollbacks", () => {
    const r = recorder();
    r.storageEvent("migration-cutover", 12 * HOUR, { group: 1 });
    r.storageEvent("migration-cutover", 24 * HOUR, { group: 0 });
    r.storageEvent("rollback-cutover", 36 * HOUR, { group: 1 });
    const t = r.finish();
    expect(t.migratedShare.slice(0, 4)).toEqual([0, 0.75, 1, 0.25]);
  });

  it("chooses round bucket widths", () => {
    expect(roundStepMs(110 * DAY, 600)).toBe(6 * HOUR);
    expect(roundStepMs(110 * DAY, 120)).toBe(DAY);
    expect(roundStepMs(10 * DAY, 600)).toBe(30 * 60_000);
    expect(roundStepMs(100 * 365 * DAY, 100)).toBe(365 * DAY);
  });
});
