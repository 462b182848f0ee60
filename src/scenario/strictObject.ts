/**
 * strictObject: a zod object that refuses unknown keys with the scenario format's one-line
 * message — the keys it expected, the key it found, and the closest known key when the
 * unknown one looks like a typo (`horizn` → "did you mean horizon?").
 */
import { z } from "zod";
import { closestMatch } from "./didYouMean.js";
import { describeValue } from "./InputError.js";

export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const key = String(issue.keys[0]);
      const hint = closestMatch(key, known);
      const expected = `one of the keys ${known.join(", ")}`;
      return `expected ${expected}; found the unknown key ${describeValue(key)}${hint ? ` (did you mean "${hint}"?)` : ""}`;
    },
  });
}
