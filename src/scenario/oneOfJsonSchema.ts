/**
 * The JSON Schema of a field the loader parses by hand (a trigger, an effect, a rollout step:
 * `z.unknown().transform(...)` picks the form by its key, for clearer errors). zod cannot see
 * through such a transform and would print `{}`; this gives editors the forms instead.
 *
 * Contract: `oneOfJsonSchema(members, extra, description)` is the `anyOf` of each member's
 * input JSON Schema, after the plain JSON Schemas in `extra` (e.g. an enum of words). It
 * describes only; parsing stays with the transform.
 */
import { z } from "zod";

export function oneOfJsonSchema(
  members: readonly z.ZodType[],
  extra: readonly object[],
  description: string,
) {
  const inputs = members.map((m) => {
    const { $schema: _, ...rest } = z.toJSONSchema(m, { io: "input", unrepresentable: "any" });
    return rest;
  });
  return { anyOf: [...extra, ...inputs], description };
}
