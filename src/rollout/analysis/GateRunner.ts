/**
 * GateRunner: a rollout's analysis templates at work (docs/model.md#metric-analysis) — the
 * inline ones a step starts and waits for, and the background one a `steps` strategy reads
 * alongside its steps from `startingStep` — and the log of every gate decision, which the
 * judge of the judges scores against the run's ground truth (docs/experiments.md#judging-the-gates).
 *
 * A verdict becomes a decision: successful → `promoted`, failed → `aborted`, inconclusive →
 * `inconclusive` (the rollout halts where it is, as Argo pauses it for a human). A background
 * analysis that is still reading when the rollout completes is `promoted` then; one cut short
 * by another gate's abort decides nothing. With `ignoreGate` (a ground-truth run) that gate's
 * decision is still logged as it would have been made, but the rollout is told to go on.
 *
 * Contract: all noise comes from the run's `rollout/analysis-noise` stream, so adding a gate
 * moves no other draw; decisions are logged in the order they are made.
 */
import type { MigrationPort } from "../../model/MigrationPort.js";
import type { AnalysisTemplate, BackgroundAnalysis } from "../../scenario/analysisSchema.js";
import { AnalysisRun, type AnalysisVerdict } from "./AnalysisRun.js";
import { type MetricSources, readMetric } from "./readMetric.js";

export type GateDecisionKind = "promoted" | "aborted" | "inconclusive";

/** One gate decision of a run. */
export interface GateDecision {
  /** The gate: `steps[i]`, `cells[k]` or `background`. */
  gate: string;
  atMs: number;
  decision: GateDecisionKind;
}

const DECISION: Record<AnalysisVerdict, GateDecisionKind> = {
  successful: "promoted",
  failed: "aborted",
  inconclusive: "inconclusive",
};

export class GateRunner {
  private readonly log: GateDecision[] = [];
  private background: AnalysisRun | undefined;
  private backgroundOver = false;
  /** The inline analysis step reading now, if any. */
  private inlineRun: AnalysisRun | undefined;

  constructor(
    private readonly port: MigrationPort,
    private readonly sources: MetricSources,
    private readonly ignoreGate: string | undefined,
  ) {}

  get decisions(): readonly GateDecision[] {
    return this.log;
  }

  /** Logs a decision and returns what the rollout should do (always `promoted` for the ignored gate). */
  decide(gate: string, decision: GateDecisionKind): GateDecisionKind {
    this.log.push({ gate, atMs: this.port.sim.nowMs, decision });
    return gate === this.ignoreGate ? "promoted" : decision;
  }

  /** Runs an inline analysis step; `then` hears the action once it ends. */
  inline(gate: string, template: AnalysisTemplate, then: (action: GateDecisionKind) => void): void {
    this.inlineRun = this.run(template, (verdict) => {
      this.inlineRun = undefined;
      then(this.decide(gate, DECISION[verdict]));
    });
    this.inlineRun.start();
  }

  /** Starts the background analysis at its starting step (once); `act` hears a non-promote action. */
  startBackground(template: BackgroundAnalysis, act: (action: GateDecisionKind) => void): void {
    if (this.background !== undefined) return;
    this.background = this.run(template, (verdict) => {
      this.backgroundOver = true;
      const action = this.decide("background", DECISION[verdict]);
      if (action !== "promoted") act(action);
    });
    this.background.start();
  }

  /**
   * The rollout completed (`completed`) or was aborted: an inline analysis still reading stops
   * undecided; a background one still reading promotes if the rollout completed, else stops undecided.
   */
  stopAll(completed: boolean): void {
    this.inlineRun?.stop();
    this.inlineRun = undefined;
    if (this.background === undefined || this.backgroundOver) return;
    this.backgroundOver = true;
    this.background.stop();
    if (completed) this.decide("background", "promoted");
  }

  private run(template: AnalysisTemplate, done: (verdict: AnalysisVerdict) => void): AnalysisRun {
    return new AnalysisRun(
      template,
      this.port.sim,
      (factor) => readMetric(template, this.sources, factor),
      this.port.randomStream("rollout/analysis-noise"),
      done,
    );
  }
}
