/**
 * runWithTimeline: one run, with its time series recorded beside its figures — what the HTML
 * reports draw (`--html`). The scenario's explicit faults become the shaded fault periods.
 *
 * Contract: the RunResult is exactly the one `runScenario` gives for the same options (the
 * timeline recorder only listens), and the timeline is a pure function of the same inputs
 * and `maxPoints`.
 */
import { MAX_TIMELINE_PERIODS, type RunTimeline, type TimelinePeriod } from "../metrics/RunTimeline.js";
import { TimelineRecorder } from "../metrics/TimelineRecorder.js";
import type { Scenario } from "../scenario/schema.js";
import { type RunOptions, type RunResult, runScenario } from "./runScenario.js";

/** Points per series for one run's report, and per run when many runs are summarised. */
export const RUN_TIMELINE_POINTS = 600;
export const MANY_RUNS_TIMELINE_POINTS = 120;

export function runWithTimeline(
  scenario: Scenario,
  options: Omit<RunOptions, "observer">,
  maxPoints: number,
): { result: RunResult; timeline: RunTimeline } {
  let recorder: TimelineRecorder | undefined;
  const result = runScenario(scenario, {
    ...options,
    observer: (setup) => {
      recorder = new TimelineRecorder({
        horizonMs: setup.horizonMs,
        mailboxes: setup.mailboxes,
        groupCount: setup.groupCount,
        initialGroupMailboxes: setup.initialGroupMailboxes,
        maxPoints,
        faults: faultPeriods(scenario),
      });
      return recorder;
    },
  });
  return { result, timeline: recorder!.finish() };
}

/** Each explicit fault (and each repetition) as a period from its start for its duration. */
function faultPeriods(scenario: Scenario): TimelinePeriod[] {
  const periods: TimelinePeriod[] = [];
  for (const fault of scenario.faults) {
    for (let i = 0; i < (fault.repeat?.count ?? 1); i++) {
      const startMs = fault.at + i * (fault.repeat?.every ?? 0);
      if (startMs > scenario.horizon || periods.length >= MAX_TIMELINE_PERIODS) break;
      const endMs = Math.min(scenario.horizon, startMs + fault.duration);
      periods.push({ kind: "fault", label: `${fault.fault} on ${fault.target}`, startMs, endMs });
    }
  }
  return periods;
}
