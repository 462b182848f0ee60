/**
 * Cross-field rules of the `check:` section, checked after the schema with the rest of the
 * scenario: the window lies inside the horizon and is not reversed, and every target
 * pattern names something that exists. Each rule throws one InputError at its field path.
 */
import { expandFaultTargets } from "./faultTargets.js";
import { InputError } from "./InputError.js";
import type { Scenario } from "./schema.js";
import { formatDurationMs } from "./units.js";

export function checkFaultModel(s: Scenario): void {
  const model = s.check?.faults;
  if (model === undefined) return;
  const { from, to = s.horizon } = model.window;
  const horizon = `a time within the horizon (${formatDurationMs(s.horizon)})`;
  if (to > s.horizon) throw InputError.at("check.faults.window.to", horizon, formatDurationMs(to));
  if (from > to) {
    throw InputError.at(
      "check.faults.window.from",
      `a start no later than the window's end (${formatDurationMs(to)})`,
      formatDurationMs(from),
    );
  }
  expandFaultTargets(s);
}
