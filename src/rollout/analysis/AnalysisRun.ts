/**
 * AnalysisRun: one run of an analysis template, as Argo Rollouts runs an AnalysisRun
 * (docs/model.md#metric-analysis). The first reading is taken at once, then one every
 * `interval`, up to `count` readings (or until stopped, for a background analysis without
 * `count`). Each reading is judged as Argo judges a measurement:
 *
 *   failureCondition holds                          → failed (checked first)
 *   successCondition holds                          → successful
 *   only successCondition given (and false)         → failed
 *   only failureCondition given (and false)         → successful
 *   both given, neither holds                       → inconclusive
 *   neither given                                   → successful
 *
 * The run ends `failed` as soon as more than `failureLimit` readings failed, `inconclusive`
 * as soon as more than `inconclusiveLimit` were inconclusive, and `successful` after its
 * `count`-th reading otherwise.
 *
 * Noise: a reading is `read(1 + noise × Z)`, Z a standard normal draw from the stream it is
 * given (a dedicated one, so no other draw of the run moves); with no noise nothing is drawn.
 * Contract: it never decides anything but its verdict; the caller acts on it.
 */
import { standardNormal } from "../../engine/distributions.js";
import type { Rng } from "../../engine/RandomStreams.js";
import type { Simulation } from "../../engine/Simulation.js";
import { evaluateCondition } from "../../scenario/analysisCondition.js";
import type { AnalysisTemplate } from "../../scenario/analysisSchema.js";

export type AnalysisVerdict = "successful" | "failed" | "inconclusive";

/** How one reading is judged, by Argo Rollouts' rule (see the header). */
export function judgeReading(template: AnalysisTemplate, result: number): AnalysisVerdict {
  const success = template.successCondition;
  const failure = template.failureCondition;
  if (failure !== undefined && evaluateCondition(failure.tree, result)) return "failed";
  if (success !== undefined && evaluateCondition(success.tree, result)) return "successful";
  if (success !== undefined && failure === undefined) return "failed";
  if (success !== undefined && failure !== undefined) return "inconclusive";
  return "successful";
}

export class AnalysisRun {
  private readings = 0;
  private failed = 0;
  private inconclusive = 0;
  private timer = -1;
  private over = false;

  /**
   * @param read the metric's value now, its measured quantity scaled by `factor` (1 without noise)
   * @param done called once, with the verdict, when the run ends on its own
   */
  constructor(
    private readonly template: AnalysisTemplate,
    private readonly sim: Simulation,
    private readonly read: (factor: number) => number,
    private readonly noise: Rng,
    private readonly done: (verdict: AnalysisVerdict) => void,
  ) {}

  /** Takes the first reading now. */
  start(): void {
    this.measure();
  }

  /** Ends the run without a verdict (a background analysis when the rollout ends). */
  stop(): void {
    this.over = true;
    if (this.timer >= 0) this.sim.cancel(this.timer);
    this.timer = -1;
  }

  private measure(): void {
    this.timer = -1;
    if (this.over) return;
    const t = this.template;
    const factor = t.noise > 0 ? 1 + t.noise * standardNormal(this.noise) : 1;
    const verdict = judgeReading(t, this.read(factor));
    this.readings++;
    if (verdict === "failed") this.failed++;
    if (verdict === "inconclusive") this.inconclusive++;
    const ended =
      this.failed > t.failureLimit
        ? "failed"
        : this.inconclusive > t.inconclusiveLimit
          ? "inconclusive"
          : t.count !== null && this.readings >= t.count
            ? "successful"
            : undefined;
    if (ended !== undefined) {
      this.over = true;
      this.done(ended);
      return;
    }
    this.timer = this.sim.callAt(this.sim.nowMs + t.intervalMs, () => this.measure());
  }
}
