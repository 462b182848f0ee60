/**
 * `--property` values, shared by `check` (which searches for a schedule breaking them) and
 * `replay` (which re-runs the schedule found and exits 1 when it still breaks one): a
 * catalogue property such as `no-silent-loss`, or a path to a property module.
 *
 * Contract: `loadProperties` returns them in order, each loaded or parsed once; an unknown
 * property or a module that does not load is an InputError naming `--property`.
 */
import { loadPropertyModule, looksLikeModulePath } from "../experiment/check/loadPropertyModule.js";
import { catalogueProperty, type RunProperty } from "../experiment/check/propertyCatalogue.js";

export async function loadProperties(args: readonly string[]): Promise<RunProperty[]> {
  const properties: RunProperty[] = [];
  for (const arg of args)
    properties.push(looksLikeModulePath(arg) ? await loadPropertyModule(arg) : catalogueProperty(arg));
  return properties;
}
