/**
 * Regret across variants: how far each strategy is from the best strategy of each plausible
 * world, and what that says about the choice (minimax regret, Savage 1951; the "regret" of
 * robust decision making, e.g. Lempert et al., RAND MR-1626, 2003).
 *
 * Given the mean of one "lower is better" figure (mailbox-hours down, or total cost) for every
 * strategy under every variant: regret(s, v) = mean(s, v) − min over s' of mean(s', v). Per
 * strategy the table keeps the figure under each variant, the weighted mean (weights as the
 * scenario gives them, divided by their sum), the worst case (largest figure), the regret
 * under each variant and the largest regret. A strategy whose regret is 0 under every variant
 * is robust: it is best whichever world holds. Otherwise the choice with the smallest largest
 * regret is named, and so are the variants under which another strategy is best — the
 * assumptions that flip the choice.
 *
 * Contract: pure, no randomness; ties keep the order of `strategies` (file order). Exact
 * equality decides "best": two strategies with the same mean are both best.
 */

interface RegretRow {
  strategy: string;
  /** The figure's mean under each variant, in `variants` order. */
  perVariant: number[];
  weightedMean: number;
  worst: number;
  regret: number[];
  maxRegret: number;
}

export interface RegretTable {
  variants: string[];
  /** Each variant's weight over the sum of the weights. */
  weights: number[];
  rows: RegretRow[];
  /** The strategies best under each variant (regret 0), in `variants` order. */
  best: string[][];
  /** Strategies best under every variant; empty when the choice depends on the variant. */
  robust: string[];
  /** The strategy with the smallest largest regret (then the smaller weighted mean). */
  choice: string;
  /** The variants under which `choice` is not best, with the strategies that are. */
  flips: { variant: string; best: string[] }[];
}

export function regretTable(
  strategies: readonly string[],
  variants: readonly { name: string; weight: number }[],
  means: readonly (readonly number[])[],
): RegretTable {
  const totalWeight = variants.reduce((sum, v) => sum + v.weight, 0);
  const weights = variants.map((v) => v.weight / totalWeight);
  const bestMean = variants.map((_, v) => Math.min(...strategies.map((_, s) => means[s]![v]!)));
  const rows = strategies.map((strategy, s) => {
    const perVariant = variants.map((_, v) => means[s]![v]!);
    const regret = perVariant.map((m, v) => m - bestMean[v]!);
    let weightedMean = 0;
    perVariant.forEach((m, v) => {
      weightedMean += weights[v]! * m;
    });
    return {
      strategy,
      perVariant,
      weightedMean,
      worst: Math.max(...perVariant),
      regret,
      maxRegret: Math.max(...regret),
    };
  });
  const best = variants.map((_, v) => rows.filter((r) => r.regret[v] === 0).map((r) => r.strategy));
  const robust = rows.filter((r) => r.maxRegret === 0).map((r) => r.strategy);
  let chosen = rows[0]!;
  for (const r of rows)
    if (
      r.maxRegret < chosen.maxRegret ||
      (r.maxRegret === chosen.maxRegret && r.weightedMean < chosen.weightedMean)
    )
      chosen = r;
  const flips = variants
    .map((v, k) => ({ variant: v.name, best: best[k]! }))
    .filter((f) => !f.best.includes(chosen.strategy));
  return {
    variants: variants.map((v) => v.name),
    weights,
    rows,
    best,
    robust,
    choice: chosen.strategy,
    flips,
  };
}
