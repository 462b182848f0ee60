/**
 * The HTML report of `maildrill estimate --html`: the probability that a run breaks the
 * property and the loss given a break, each with its 95% interval and relative error; what the
 * estimate is worth (breaking runs, effective sample size, largest weight, variance reduction);
 * the bias and the clocks it acted on, with the pilot runs of `--bias auto`; the precision
 * stop; and every warning, first, so that an untrustworthy estimate never reads as a clean one.
 *
 * Contract: a pure function of the `EstimateResult` (tables only, no chart); the same result
 * gives the same bytes. Numbers are formatted as in the terminal report (rareEventReport.ts).
 */
import type { EstimateResult } from "../../experiment/estimate.js";
import { intervalText, relativeErrorText, sci } from "../rareEventReport.js";
import { escapeHtml, htmlPage, htmlTable, type ReportMeta, type ReportSection } from "./htmlPage.js";

export function renderEstimateHtml(result: EstimateResult, meta: ReportMeta): string {
  const e = result.estimate;
  const warnings: ReportSection = {
    heading: e.warnings.length > 0 ? "Warnings: do not quote this estimate as it is" : "Warnings",
    html:
      e.warnings.length > 0
        ? `<ul>${e.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`
        : "<p>None: some runs broke the property, the effective sample size is at least 30 and no run carries more than 20% of the estimate.</p>",
  };
  const estimate: ReportSection = {
    heading: `P(run breaks ${result.property})`,
    intro:
      "Means of the likelihood-weighted runs, with 95% normal intervals; the relative error is 1.96·SE / estimate.",
    html: htmlTable(
      ["figure", "estimate", "95% interval", "standard error", "relative error"],
      [
        [
          "probability",
          sci(e.probability.estimate),
          intervalText(e.probability),
          sci(e.probability.standardError),
          relativeErrorText(e.probability),
        ],
        [
          "messages lost given a break",
          sci(e.lossGivenBreak.estimate),
          intervalText(e.lossGivenBreak),
          sci(e.lossGivenBreak.standardError),
          relativeErrorText(e.lossGivenBreak),
        ],
      ],
    ),
  };
  const worth: ReportSection = {
    heading: "What the estimate is worth",
    html: htmlTable(
      ["measure", "value"],
      [
        ["runs", String(e.runs)],
        ["runs that broke the property under the bias", String(e.breakingRuns)],
        ["effective sample size of the breaking runs", e.effectiveSampleSize.toFixed(1)],
        ["largest single weight's share of the estimate", `${(100 * e.largestWeightShare).toFixed(1)}%`],
        [`variance reduction against plain Monte Carlo on ${e.runs} runs`, `${sci(e.varianceReduction)}×`],
        ...(result.precision
          ? [
              [
                `precision stop (target ${(100 * result.precision.target).toFixed(1)}%)`,
                result.precision.met
                  ? `reached after ${result.precision.runs} runs`
                  : `not reached at --max-runs ${result.precision.maxRuns}`,
              ],
            ]
          : []),
      ],
    ),
  };
  const search = result.biasSearch;
  const bias: ReportSection = {
    heading: "The bias",
    intro: `First failure of a whole group forced with ${result.bias.forceFirst}; another failure while degraded with ${result.bias.degraded}. Biased clocks: ${result.biasedClocks.join(", ") || "none (plain Monte Carlo)"}.`,
    html:
      search === undefined
        ? ""
        : `<p>Chosen by --bias auto from ${search.pilotRunsPerCandidate} pilot runs per candidate on seeds ${escapeHtml(search.pilotSeeds)}:</p>${htmlTable(
            ["degraded bias", "pilot breaking runs", "pilot relative error", "heavy-tailed", "chosen"],
            search.candidates.map((c) => [
              String(c.degraded),
              String(c.breakingRuns),
              relativeErrorText(c),
              c.warned ? "yes" : "no",
              c.degraded === search.chosen ? "✓" : "",
            ]),
          )}`,
  };
  return htmlPage(meta, [warnings, estimate, worth, bias]);
}
