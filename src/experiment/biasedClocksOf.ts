/**
 * biasedClocksOf: which failure clocks of a scenario `maildrill estimate` draws biased, named by
 * the scenario field that sets them, so the result says what the biasing acted on
 * (docs/model.md#rare-events-by-importance-sampling).
 *
 * Contract: a clock is listed when its distribution is exponential or Weibull (the kinds with a
 * hazard clock): protection shard loss; each built-in backend's node crashes, node losses,
 * latent errors, corruption and RAID disks; each OS bug with a hazard trigger. Any other
 * distribution, and every plugin backend's own clocks, are drawn unbiased and not listed.
 * Backends and bugs in file order.
 */
import type { DistributionSpec } from "../engine/distributions.js";
import { hazardClockOf } from "../engine/LikelihoodRatio.js";
import { resolveProtection } from "../model/protection/resolveProtection.js";
import type { Scenario } from "../scenario/schema.js";

interface BuiltinFailures {
  readonly kind: string;
  readonly nodeCrash?: { readonly ttf: DistributionSpec };
  readonly nodeLoss?: { readonly ttf: DistributionSpec };
  readonly latentErrors?: { readonly ttf: DistributionSpec };
  readonly corruption?: { readonly ttf: DistributionSpec };
  readonly raid?: { readonly diskTtf: DistributionSpec };
  readonly bugs?: readonly { readonly name: string; readonly trigger: { readonly kind: string } }[];
}

export function biasedClocksOf(scenario: Scenario): string[] {
  const clocks: string[] = [];
  const listIf = (name: string, spec: DistributionSpec | undefined) => {
    if (spec !== undefined && hazardClockOf(spec) !== undefined) clocks.push(name);
  };
  listIf("protection.shardLoss.ttf", resolveProtection(scenario).spec.shardLossTtf);
  for (const [name, entry] of Object.entries(scenario.backends)) {
    const b = entry as BuiltinFailures;
    if (b.kind !== "filer" && b.kind !== "scale-out") continue;
    const at = `backends.${name}`;
    listIf(`${at}.nodeCrash.ttf`, b.nodeCrash?.ttf);
    listIf(`${at}.nodeLoss.ttf`, b.nodeLoss?.ttf);
    listIf(`${at}.latentErrors.ttf`, b.latentErrors?.ttf);
    listIf(`${at}.corruption.ttf`, b.corruption?.ttf);
    listIf(`${at}.raid.diskTtf`, b.raid?.diskTtf);
    for (const bug of b.bugs ?? [])
      if (bug.trigger.kind === "hazard") clocks.push(`${at}.bugs.${bug.name}.trigger.hazard`);
  }
  return clocks;
}
