/**
 * Option parsers for commander: each turns a string into a value or throws an InputError
 * naming the option, so bad flags get the same one-line treatment as bad scenario fields.
 */
import { InputError } from "../scenario/InputError.js";
import { parseFraction, parseSizeBytes, UnitError } from "../scenario/units.js";

export function seedOption(value: string): string | number {
  if (value.trim() === "") throw new InputError("--seed: expected a number or a word; found an empty string");
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** A value with a unit read by a scenario unit parser, its errors named after the option. */
function unitOption(flag: string, parse: (value: string) => number) {
  return (value: string): number => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof UnitError) throw new InputError(`${flag}: ${error.message}`);
      throw error;
    }
  };
}

export function sizeOption(flag: string) {
  return unitOption(flag, parseSizeBytes);
}

/** A share written as a percentage or a fraction (`5%`, `0.05`), for `--precision`. */
export function fractionOption(flag: string) {
  return unitOption(flag, parseFraction);
}

/** A whole number from 1 to `max`, for counts such as `--runs` and `--threads`. */
export function wholeNumberOption(flag: string, what: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < 1 || n > max)
      throw InputError.at(flag, `a whole number of ${what} from 1 to ${max.toLocaleString("en-US")}`, value);
    return n;
  };
}

/** A comma-separated list of names, e.g. `--strategies big-bang,dual-write`. */
export function nameListOption(flag: string) {
  return (value: string): string[] => {
    const names = value.split(",").map((name) => name.trim());
    if (names.some((name) => name === ""))
      throw InputError.at(flag, "names separated by commas, e.g. big-bang,dual-write", value);
    return names;
  };
}

/** Collects a repeatable option's values in order. */
export function repeatable<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []): T[] => [...previous, parse(value)];
}
