/**
 * gateJudge: the judge of the judges (docs/experiments.md#judging-the-gates). Over the runs
 * of one strategy, each gate's decisions are scored against ground truth from the same world:
 *
 *   trouble        — in the run where this gate is ignored (it decides, the rollout goes on;
 *                    every other gate acts), an incident on the target cohort happens at or
 *                    after the decision's window start (the run's previous gate decision, or
 *                    the migration start). For a gate that promoted, that run is the run itself.
 *   false promote  — the gate promoted and there was trouble (the bug tripped, or would trip later).
 *   false rollback — the gate aborted and there was none (nothing would have gone wrong).
 *
 * Each is reported as a count of the gate's decisions, with its 95% Wilson interval over the
 * runs in which the gate decided (a gate never reached in a run is not counted there).
 * Contract: a gate decides at most once a run (a step runs once, a background analysis ends
 * once); gates are listed in the order first met, run by run, so the listing is deterministic;
 * an inconclusive decision (the rollout held) is neither a promote nor a rollback.
 */
import type { GateDecision } from "../rollout/analysis/GateRunner.js";
import { type ProportionEstimate, wilsonInterval } from "./statistics.js";

/** One gate decision of a run with its ground truth. */
export interface JudgedDecision extends GateDecision {
  /** Where the decision's watch starts: the run's previous gate decision, or the migration start. */
  windowStartMs: number;
  /** The first incident on the target cohort at or after `windowStartMs` with this gate ignored; null if none. */
  troubleAtMs: number | null;
  /** Whether that came from a second run with the gate ignored (it did not promote) or from this run. */
  shadowRun: boolean;
}

/** One gate's record over the runs. */
export interface GateScore {
  gate: string;
  /** Runs in which the gate decided, and how. */
  decided: number;
  promoted: number;
  aborted: number;
  inconclusive: number;
  /** Decisions with trouble ahead (the gate should have aborted). */
  troubled: number;
  falsePromote: ProportionEstimate;
  falseRollback: ProportionEstimate;
}

interface Tally {
  decided: number;
  promoted: number;
  aborted: number;
  inconclusive: number;
  troubled: number;
  fp: number;
  fr: number;
}

/** Scores every gate of one strategy over its runs (undefined entries: runs with no gate record). */
export function judgeGates(runs: readonly (readonly JudgedDecision[] | undefined)[]): GateScore[] {
  const order: string[] = [];
  const tallies = new Map<string, Tally>();
  for (const run of runs) {
    if (run === undefined) continue;
    for (const d of run) {
      let t = tallies.get(d.gate);
      if (t === undefined) {
        t = { decided: 0, promoted: 0, aborted: 0, inconclusive: 0, troubled: 0, fp: 0, fr: 0 };
        tallies.set(d.gate, t);
        order.push(d.gate);
      }
      t.decided++;
      t[d.decision]++;
      const trouble = d.troubleAtMs !== null;
      if (trouble) t.troubled++;
      if (d.decision === "promoted" && trouble) t.fp++;
      if (d.decision === "aborted" && !trouble) t.fr++;
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
      troubled: t.troubled,
      falsePromote: wilsonInterval(t.fp, t.decided),
      falseRollback: wilsonInterval(t.fr, t.decided),
    };
  });
}
