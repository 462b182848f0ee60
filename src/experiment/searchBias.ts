/**
 * searchBias: `maildrill estimate --bias auto`, a pilot-run search for the degraded-bias
 * probability (docs/experiments.md#choosing-the-bias---bias-auto).
 *
 * The bias that makes an importance-sampling estimate precise depends on the scenario (how
 * many failures a break needs, how long repairs take), and a bad one is costly both ways: too
 * weak and the break is rarely seen, too strong and the weights spread. So every candidate of
 * `BIAS_CANDIDATES` runs the same pilot seeds, `<base>/pilot/1..m` (disjoint from the
 * estimate's `<base>/1..n`), and the candidate whose pilot estimate has the lowest relative
 * error wins, a candidate whose pilot warns of heavy-tailed weights only if none is clean.
 * The estimate then runs on its own seeds, independent of the pilot, so choosing the bias
 * from the pilot does not bias the estimate (the choice is a function of other random numbers).
 *
 * The shrunk counterexamples of `check` are not used: a counterexample is one fault schedule,
 * a point, not a distribution over failure times; turning it into a bias would need a change
 * of measure with support where the property breaks in other ways too, which it cannot promise.
 *
 * Contract: deterministic (fixed candidates, fixed pilot seeds, results in seed order);
 * `runPilot` runs one candidate on the given seeds and returns its estimate. Candidates are
 * tried in order and ties go to the earlier one.
 */
import { type ImportanceEstimate, MAX_WEIGHT_SHARE } from "../metrics/importanceEstimate.js";
import { type BiasSettings, DEFAULT_BIAS } from "../model/faults/FailureBiasing.js";
import { runSeeds } from "./seeds.js";

/** The degraded-bias probabilities the pilot tries; the first failure is forced as by default. */
export const BIAS_CANDIDATES: readonly number[] = [0.2, 0.35, 0.5, 0.65, 0.8];

/** Pilot runs per candidate: a tenth of the estimate's runs, at least 100, at most the runs. */
export function pilotRunsFor(runs: number): number {
  return Math.min(runs, Math.max(100, Math.ceil(runs / 10)));
}

interface PilotCandidate {
  readonly degraded: number;
  readonly breakingRuns: number;
  readonly relativeError: number;
  readonly effectiveSampleSize: number;
  readonly warned: boolean;
}

export interface BiasSearch {
  readonly pilotSeeds: string;
  readonly pilotRunsPerCandidate: number;
  readonly candidates: readonly PilotCandidate[];
  /** The chosen degraded bias; the default when no pilot run broke the property. */
  readonly chosen: number;
}

/** A pilot that saw a break with weights that are not heavy-tailed ranks before one that did not. */
function rank(c: PilotCandidate): [number, number] {
  if (c.breakingRuns === 0) return [2, 0];
  return [c.warned ? 1 : 0, c.relativeError];
}

export async function searchBias(
  baseSeed: string | number,
  runs: number,
  runPilot: (bias: BiasSettings, seeds: string[]) => Promise<ImportanceEstimate>,
): Promise<{ bias: BiasSettings; search: BiasSearch }> {
  const pilotRuns = pilotRunsFor(runs);
  const pilotBase = `${baseSeed}/pilot`;
  const seeds = runSeeds(pilotBase, pilotRuns);
  const candidates: PilotCandidate[] = [];
  for (const degraded of BIAS_CANDIDATES) {
    const e = await runPilot({ ...DEFAULT_BIAS, degraded }, seeds);
    // Only the heavy-tail warning disqualifies: a pilot is small, so a low ESS is expected.
    const warned = e.largestWeightShare > MAX_WEIGHT_SHARE;
    candidates.push({
      degraded,
      breakingRuns: e.breakingRuns,
      relativeError: e.probability.relativeError,
      effectiveSampleSize: e.effectiveSampleSize,
      warned,
    });
  }
  let best: PilotCandidate | undefined;
  for (const c of candidates) {
    const [tier, re] = rank(c);
    if (tier === 2) continue;
    if (best === undefined) best = c;
    else {
      const [bestTier, bestRe] = rank(best);
      if (tier < bestTier || (tier === bestTier && re < bestRe)) best = c;
    }
  }
  const chosen = best?.degraded ?? DEFAULT_BIAS.degraded;
  return {
    bias: { ...DEFAULT_BIAS, degraded: chosen },
    search: {
      pilotSeeds: `${pilotBase}/1..${pilotRuns}`,
      pilotRunsPerCandidate: pilotRuns,
      candidates,
      chosen,
    },
  };
}
