/**
 * parseInside: runs a sub-schema on a value a custom transform has already taken apart (a
 * field that is "a word or an object", a threshold whose form depends on its counter) and
 * passes the sub-schema's issues on to the outer parse, so every message still names the
 * bad field. Zod prefixes the transform's own path; `prefix` adds the part below it that the
 * transform chose (pass [] when the value is the field itself).
 *
 * Contract: returns the sub-schema's output, or z.NEVER after reporting every issue. It does
 * not reword the issues.
 */
import { z } from "zod";

export function parseInside<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  ctx: z.core.$RefinementCtx,
  prefix: PropertyKey[],
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data as z.output<S>;
  for (const issue of result.error.issues)
    ctx.addIssue({ ...issue, path: [...prefix, ...issue.path] } as never);
  return z.NEVER;
}
