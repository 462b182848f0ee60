/**
 * checkAnalyses: the cross-field checks of a strategy's analysis templates
 * (docs/model.md#metric-analysis), run with the other scenario checks before any work:
 *
 *   - a `counter-headroom` metric reads the migration target's storage-OS counters, which a
 *     backend keeps only when it declares an OS bug (`backends.<to>.bugs`);
 *   - a background analysis starts at one of the strategy's steps (`startingStep` < steps).
 *
 * Contract: throws the first problem as a one-line `InputError` naming the field path.
 */
import type { AnalysisTemplate } from "./analysisSchema.js";
import { InputError } from "./InputError.js";
import type { StrategySpec } from "./rolloutSchema.js";

export function checkAnalyses(
  path: string,
  spec: StrategySpec,
  targetName: string,
  targetHasBugs: boolean,
): void {
  if (spec.kind !== "steps") return;
  const checkCounters = (where: string, template: AnalysisTemplate) => {
    if (template.metric === "counter-headroom" && !targetHasBugs)
      throw InputError.at(
        `${where}.metric`,
        `a migration target that keeps storage-OS counters for counter-headroom (declare an OS bug on backends.${targetName})`,
        template.metric,
      );
  };
  spec.steps.forEach((step, i) => {
    if ("analysis" in step && step.analysis !== "no-incidents")
      checkCounters(`${path}.steps[${i}].analysis`, step.analysis);
  });
  const background = spec.analysis;
  if (background === undefined) return;
  checkCounters(`${path}.analysis`, background);
  if (background.startingStep >= spec.steps.length)
    throw InputError.at(
      `${path}.analysis.startingStep`,
      `a step index below the strategy's ${spec.steps.length} steps`,
      background.startingStep,
    );
}
