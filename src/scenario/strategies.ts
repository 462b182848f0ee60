/**
 * The strategies a scenario weighs, by name, in the order the file lists them. A scenario
 * with a `migration` but no `strategies` weighs one: `big-bang`. A scenario without a
 * migration has none (its runs are plain runs of the world as described).
 */
import { InputError } from "./InputError.js";
import type { StrategySpec } from "./rolloutSchema.js";
import type { Scenario } from "./schema.js";

const IMPLICIT: Record<string, StrategySpec> = { "big-bang": { kind: "big-bang" } };

/** Every strategy of the scenario, in file order. */
export function scenarioStrategies(scenario: Scenario): Record<string, StrategySpec> {
  if (scenario.migration === undefined) return {};
  return scenario.strategies ?? IMPLICIT;
}

export function strategyNames(scenario: Scenario): string[] {
  return Object.keys(scenarioStrategies(scenario));
}

/**
 * The strategy a run uses: the one asked for, else the scenario's `strategy`, else the first.
 * Undefined for a scenario without a migration. `askedBy` names where a bad name came from.
 */
export function chooseStrategy(
  scenario: Scenario,
  asked: string | undefined,
  askedBy = "--strategy",
): { name: string; spec: StrategySpec } | undefined {
  const all = scenarioStrategies(scenario);
  const names = Object.keys(all);
  if (names.length === 0) {
    if (asked !== undefined)
      throw InputError.at(askedBy, "no strategy (the scenario has no `migration`)", asked);
    return undefined;
  }
  const name = asked ?? scenario.strategy ?? names[0]!;
  const spec = all[name];
  if (spec === undefined)
    throw InputError.at(asked === undefined ? "strategy" : askedBy, `one of ${names.join(", ")}`, name);
  return { name, spec };
}
