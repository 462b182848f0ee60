/**
 * Option parsers for commander: each turns a string into a value or throws an InputError
 * naming the option, so bad flags get the same one-line treatment as bad scenario fields.
 */
import { InputError } from "../scenario/InputError.js";
import { parseSizeBytes, UnitError } from "../scenario/units.js";

export function seedOption(value: string): string | number {
  if (value.trim() === "") throw new InputError("--seed: expected a number or a word; found an empty string");
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

export function sizeOption(flag: string) {
  return (value: string): number => {
    try {
      return parseSizeBytes(value);
    } catch (error) {
      if (error instanceof UnitError) throw new InputError(`${flag}: ${error.message}`);
      throw error;
    }
  };
}
