/** Test helper: the message of the InputError an action throws (fails the test if it throws none). */
import { expect } from "vitest";
import { InputError } from "../../src/scenario/InputError.js";

export function inputErrorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error("expected an InputError");
}
