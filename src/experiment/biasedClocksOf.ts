/**
 * biasedClocksOf: which failure clocks of a scenario `maildrill estimate` draws biased, named by
 * the scenario field that sets them, so the result says what the biasing acted on
 * (docs/model.md#rare-events-by-importance-sampling).
 *
 * Contract: a clock is listed when its distribution is exponential or Weibull (the kinds with a
 * hazard clock); any other distribution is drawn unbiased and is not listed.
 */
import { hazardClockOf } from "../engine/LikelihoodRatio.js";
import { resolveProtection } from "../model/protection/resolveProtection.js";
import type { Scenario } from "../scenario/schema.js";

export function biasedClocksOf(scenario: Scenario): string[] {
  const ttf = resolveProtection(scenario).spec.shardLossTtf;
  return ttf !== undefined && hazardClockOf(ttf) !== undefined ? ["protection.shardLoss.ttf"] : [];
}
