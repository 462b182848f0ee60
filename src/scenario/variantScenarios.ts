/**
 * From a scenario file's `variants:` to one validated scenario per variant: the file as
 * written, without its `variants`, with the variant's `set` values put at their paths
 * (valuePath.ts), validated again like any file. A variant is therefore exactly the file a
 * user would get by making those edits by hand.
 *
 * Contract: a bad path or a value the schema refuses is one InputError naming
 * `variants.<name>.set.<path>` (or `variants.<name>` for an error the edit causes elsewhere);
 * a variant may not set `seed` or `variants`, since every variant must run on the same seeds.
 */
import { InputError } from "./InputError.js";
import type { Scenario } from "./schema.js";
import { pathSteps, setValueAt } from "./valuePath.js";
import type { VariantSpec } from "./variantsSchema.js";

type Validate = (data: unknown) => Scenario;

export function variantScenarios(
  data: unknown,
  variants: Record<string, VariantSpec>,
  validate: Validate,
): Record<string, VariantSpec & { scenario: Scenario }> {
  const out: Record<string, VariantSpec & { scenario: Scenario }> = {};
  for (const [name, spec] of Object.entries(variants)) {
    const raw = overlay(withoutVariants(data), name, spec.set);
    try {
      out[name] = { ...spec, scenario: validate(raw) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(`variants.${name}: ${error.message}`);
    }
  }
  return out;
}

/**
 * The file as written with variant `name`'s values set (keeping its `variants`, so it
 * validates as the same file): what `sweep --vary variant=a,b` runs at each point.
 */
export function withVariant(data: unknown, name: string, label: string): unknown {
  const variants = (data as { variants?: Record<string, { set?: Record<string, unknown> }> }).variants ?? {};
  const spec = variants[name];
  if (spec === undefined) {
    const names = Object.keys(variants);
    throw InputError.at(
      label,
      names.length > 0 ? `one of ${names.join(", ")}` : "no variant (the scenario lists none)",
      name,
    );
  }
  return overlay(data, name, spec.set ?? {});
}

function withoutVariants(data: unknown): unknown {
  const { variants: _variants, ...base } = data as Record<string, unknown>;
  return base;
}

function overlay(data: unknown, name: string, set: Record<string, unknown>): unknown {
  let raw = data;
  for (const [path, value] of Object.entries(set)) {
    const label = `variants.${name}.set.${path}`;
    const steps = pathSteps(path);
    if (steps === undefined)
      throw InputError.at(label, "a path of keys and [index]es such as a.b[0].c", path);
    if (steps[0] === "seed" || steps[0] === "variants")
      throw InputError.at(
        label,
        "a scenario value other than seed and variants (variants share seeds)",
        path,
      );
    raw = setValueAt(raw, steps, value, label);
  }
  return raw;
}

/** The scenario a run of `variant` uses: the variant's own, or the file as written when undefined. */
export function scenarioOfVariant(
  scenario: Scenario,
  variant: string | undefined,
  askedBy = "--variant",
): Scenario {
  if (variant === undefined) return scenario;
  const found = scenario.variants?.[variant];
  if (found === undefined) {
    const names = Object.keys(scenario.variants ?? {});
    throw InputError.at(
      askedBy,
      names.length > 0 ? `one of ${names.join(", ")}` : "no variant (the scenario lists none)",
      variant,
    );
  }
  return found.scenario;
}
