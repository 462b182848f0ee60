/**
 * The text report of `maildrill estimate`: the probability that a run breaks the property and
 * the loss given that it does, each with its 95% interval and relative error, then how much the
 * estimate is worth (effective sample size, variance reduction against plain Monte Carlo on the
 * same runs) and every warning, so that an untrustworthy estimate never reads as a clean one.
 *
 * With `--bias auto` a line shows what the pilot runs measured for each candidate bias.
 *
 * Contract: pure formatting of an `EstimateResult`; numbers in fixed scientific notation, so
 * the text is byte-identical whenever the result is.
 */
import type { EstimateResult } from "../experiment/estimate.js";
import type { Interval } from "../metrics/importanceEstimate.js";
import type { Palette } from "./colors.js";

/** A figure in fixed scientific notation (the same text for the same number). */
export function sci(x: number): string {
  return Number.isFinite(x) ? x.toExponential(3) : "∞";
}

/** A relative error as a percentage, "n/a" without an estimate. */
export function relativeErrorText(i: Pick<Interval, "relativeError">): string {
  return Number.isFinite(i.relativeError) ? `${(100 * i.relativeError).toFixed(1)}%` : "n/a";
}

/** The 95% interval, its low end clipped at 0 (a probability or a loss is never negative). */
export function intervalText(i: Interval): string {
  return `[${sci(Math.max(0, i.low))}, ${sci(i.high)}]`;
}

function intervalLine(label: string, i: Interval): string {
  return `${label} ${sci(i.estimate)}  95% ${intervalText(i)}  relative error ${relativeErrorText(i)}`;
}

/** How `--bias auto` chose: each candidate's pilot relative error, the chosen one marked. */
function searchLine(result: EstimateResult): string {
  const s = result.biasSearch!;
  const tried = s.candidates
    .map((c) => {
      const re = relativeErrorText(c);
      return `${c.degraded}${c.degraded === s.chosen ? "*" : ""} ${re}${c.warned ? " (heavy tail)" : ""}`;
    })
    .join(", ");
  return `bias auto: pilot relative error on ${s.pilotRunsPerCandidate} runs per candidate (seeds ${s.pilotSeeds}): ${tried}`;
}

export function renderRareEventReport(result: EstimateResult, colors: Palette): string {
  const e = result.estimate;
  const lines = [
    colors.bold(`${result.scenario}: P(run breaks ${result.property}) by failure biasing`),
    `runs ${e.runs} (seeds ${result.baseSeed}/1..${e.runs}), ${e.breakingRuns} broke the property under the bias`,
    `bias: first failure forced with ${result.bias.forceFirst}, degraded failures ${result.bias.degraded}; biased clocks: ${result.biasedClocks.join(", ") || "none"}`,
    ...(result.biasSearch ? [searchLine(result)] : []),
    intervalLine("probability            ", e.probability),
    intervalLine("messages lost | broken ", e.lossGivenBreak),
    `effective sample size  ${e.effectiveSampleSize.toFixed(1)}  (largest weight ${(100 * e.largestWeightShare).toFixed(1)}% of the estimate)`,
    `variance reduction     ${sci(e.varianceReduction)}× against plain Monte Carlo on ${e.runs} runs`,
  ];
  for (const w of e.warnings) lines.push(colors.yellow(`warning: ${w}`));
  return lines.join("\n");
}
