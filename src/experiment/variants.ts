/**
 * Variants in an experiment: which of the scenario's `variants` a compare runs, and the
 * decision its results support — the regret table of one figure across the variants
 * (src/metrics/regret.ts).
 *
 * Every variant is run on the same seeds as every other (run i of every strategy under every
 * variant uses `<base>/i`), so a difference between variants is the assumption's, not the
 * draw's. The figure decided on is the total cost when the scenario prices runs (`costs`),
 * else mailbox-hours down.
 *
 * Contract: `comparedVariants` returns undefined for "no variants" (a scenario without any,
 * or `--variants none`); a bad name is an InputError naming `--variants`.
 */
import { type RegretTable, regretTable } from "../metrics/regret.js";
import type { RunsSummary } from "../metrics/summarizeRuns.js";
import { InputError } from "../scenario/InputError.js";
import type { Scenario } from "../scenario/schema.js";

export interface VariantHeader {
  name: string;
  description: string | null;
  weight: number;
}

type DecisionFigure = "cost" | "mailboxHoursDown";

export interface Decision extends RegretTable {
  figure: DecisionFigure;
  /** The currency of `cost`; null when deciding on mailbox-hours down. */
  currency: string | null;
}

/** The variants to run, in file order or as asked; undefined when the scenario is run as written. */
export function comparedVariants(scenario: Scenario, asked?: readonly string[]): VariantHeader[] | undefined {
  const all = scenario.variants ?? {};
  const names = Object.keys(all);
  if (asked !== undefined && asked.length === 1 && asked[0] === "none") return undefined;
  const chosen = asked ?? names;
  if (chosen.length === 0) return undefined;
  const seen = new Set<string>();
  for (const name of chosen) {
    if (all[name] === undefined)
      throw InputError.at(
        "--variants",
        names.length > 0
          ? `names from ${names.join(", ")} (or none)`
          : "none (the scenario lists no variants)",
        name,
      );
    if (seen.has(name)) throw InputError.at("--variants", "each variant named once", chosen.join(","));
    seen.add(name);
  }
  return chosen.map((name) => ({
    name,
    description: all[name]!.description ?? null,
    weight: all[name]!.weight,
  }));
}

/** The regret table over the variants of the strategies' summaries (`summaries[v][s]`). */
export function decide(
  scenario: Scenario,
  variants: readonly VariantHeader[],
  strategies: readonly string[],
  summaries: readonly (readonly RunsSummary[])[],
): Decision {
  const priced = summaries.every((row) => row.every((s) => s.cost !== undefined));
  const figure: DecisionFigure = priced ? "cost" : "mailboxHoursDown";
  const means = strategies.map((_, s) =>
    variants.map((_, v) => {
      const summary = summaries[v]![s]!;
      const estimate = figure === "cost" ? summary.cost! : summary.figures.mailboxHoursDown;
      return estimate.mean ?? 0;
    }),
  );
  return {
    figure,
    currency: priced ? (scenario.costs?.currency ?? null) : null,
    ...regretTable(strategies, variants, means),
  };
}
