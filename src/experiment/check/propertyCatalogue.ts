/**
 * The property catalogue: guarantees a run result either keeps or breaks, named the way
 * `maildrill check --property` writes them.
 *
 *   no-silent-loss        no acknowledged message is lost (ledger.silentlyLost = 0)
 *   no-bounce             no sender is told its message bounced (ledger.bounced = 0)
 *   no-corruption-served  no message is served corrupted (ledger.corruptedServed = 0)
 *   availability>=X       fleet availability at least X (`99.9%` or `0.999`)
 *   ttr-p99<=D            time-to-restore p99 at most D (`4h`); 0 when nothing went down
 *   ledger-reconciles     every arrived message is in exactly one ledger class
 *
 * A `RunProperty`'s `holds` follows fast-check's convention: returning `false` or throwing
 * is a violation, anything else (`true`, nothing) means it holds — so a user's predicate may
 * be written with `expect(...)` as well as with a boolean.
 */
import { InputError } from "../../scenario/InputError.js";
import { parseDurationMs, parseFraction, UnitError } from "../../scenario/units.js";
import type { RunResult } from "../runScenario.js";

/** A named guarantee over one run's result; `holds` returns false (or throws) when the run breaks it. */
export interface RunProperty {
  readonly name: string;
  holds(result: RunResult): boolean | undefined;
}

/** The property forms `catalogueProperty` accepts, as one line for error messages and help. */
export const PROPERTY_FORMS =
  "no-silent-loss, no-bounce, no-corruption-served, availability>=X (e.g. 99.9%), ttr-p99<=D (e.g. 4h), ledger-reconciles, or a module file";

const FIXED: Readonly<Record<string, (result: RunResult) => boolean>> = {
  "no-silent-loss": (r) => r.measurements.ledger.silentlyLost === 0,
  "no-bounce": (r) => r.measurements.ledger.bounced === 0,
  "no-corruption-served": (r) => r.measurements.ledger.corruptedServed === 0,
  "ledger-reconciles": (r) => r.measurements.ledger.reconciles,
};

/** A catalogue property from its name; `option` names the flag in errors. */
export function catalogueProperty(text: string, option = "--property"): RunProperty {
  const name = text.trim();
  const fixed = Object.hasOwn(FIXED, name) ? FIXED[name] : undefined;
  if (fixed !== undefined) return { name, holds: fixed };
  const availability = /^availability\s*>=\s*(.+)$/.exec(name)?.[1];
  if (availability !== undefined) {
    const least = parseWith(parseFraction, availability, option, name);
    return { name, holds: (r) => r.measurements.availability.fleetAvailability >= least };
  }
  const ttr = /^ttr-p99\s*<=\s*(.+)$/.exec(name)?.[1];
  if (ttr !== undefined) {
    const mostMs = parseWith(parseDurationMs, ttr, option, name);
    return { name, holds: (r) => r.measurements.timeToRestore.p99Ms <= mostMs };
  }
  throw InputError.at(option, `one of ${PROPERTY_FORMS}`, text);
}

function parseWith(parse: (text: string) => number, text: string, option: string, whole: string): number {
  try {
    return parse(text.trim());
  } catch (error) {
    if (error instanceof UnitError) throw new InputError(`${option} ${whole}: ${error.message}`);
    throw error;
  }
}
