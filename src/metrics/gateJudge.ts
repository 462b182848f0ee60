/**
 * gateJudge: the judge of the judges (docs/experiments.md#judging-the-gates). Over the runs
 * of one strategy, each gate's decisions are scored against each run's own ground truth:
 *
 *   doomed  — the same world (scenario, variant, seed), with every gate of the strategy
 *             deciding but ignored (the migration carried through its steps), meets an
 *             incident on the target cohort at some point of the run.
 *   false promote  — the gate promoted in a doomed run (the bug tripped, or would trip later).
 *   false rollback — the gate aborted in a run that was not doomed (nothing would have gone wrong).
 *
 * Each is reported as a count of the gate's decisions, with its 95% Wilson interval over the
 * runs in which the gate decided (a gate never reached in a run is not counted there).
 * Contract: a gate decides at most once a run (a step runs once, a background analysis ends
 * once); gates are listed in the order first met, run by run, so the listing is deterministic;
 * an inconclusive decision is neither a promote nor a rollback.
 */
import type { GateDecision } from "../rollout/analysis/GateRunner.js";
import { type ProportionEstimate, wilsonInterval } from "./statistics.js";

/** One run's gate decisions and its ground truth. */
export interface RunGates {
  /** Ground truth: the ungated run (every gate ignored) met an incident on the target cohort. */
  doomed: boolean;
  /** The first incident on the target cohort in the ungated run (ms); null if none. */
  ungatedFirstIncidentMs: number | null;
  /** Whether a separate ungated run was made (a gate stopped this run; otherwise it is its own). */
  shadowRun: boolean;
  decisions: GateDecision[];
}

/** One gate's record over the runs. */
export interface GateScore {
  gate: string;
  /** Runs in which the gate decided, and how. */
  decided: number;
  promoted: number;
  aborted: number;
  inconclusive: number;
  /** Decisions in doomed runs (the gate should have aborted). */
  doomedRuns: number;
  falsePromote: ProportionEstimate;
  falseRollback: ProportionEstimate;
}

interface Tally {
  decided: number;
  promoted: number;
  aborted: number;
  inconclusive: number;
  doomed: number;
  fp: number;
  fr: number;
}

/** Scores every gate of one strategy over its runs (undefined entries: runs with no gate record). */
export function judgeGates(runs: readonly (RunGates | undefined)[]): GateScore[] {
  const order: string[] = [];
  const tallies = new Map<string, Tally>();
  for (const run of runs) {
    if (run === undefined) continue;
    for (const d of run.decisions) {
      let t = tallies.get(d.gate);
      if (t === undefined) {
        t = { decided: 0, promoted: 0, aborted: 0, inconclusive: 0, doomed: 0, fp: 0, fr: 0 };
        tallies.set(d.gate, t);
        order.push(d.gate);
      }
      t.decided++;
      t[d.decision]++;
      if (run.doomed) t.doomed++;
      if (d.decision === "promoted" && run.doomed) t.fp++;
      if (d.decision === "aborted" && !run.doomed) t.fr++;
    }
  }
  return order.map((gate) => {
    const t = tallies.get(gate)!;
    return {
      gate,
      decided: t.decided,
      promoted: t.promoted,
      aborted: t.aborted,
      inconclusive: t.inconclusive,
      doomedRuns: t.doomed,
      falsePromote: wilsonInterval(t.fp, t.decided),
      falseRollback: wilsonInterval(t.fr, t.decided),
    };
  });
}
