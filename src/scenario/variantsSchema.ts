/**
 * `variants`: structural uncertainty, written down. Each variant is a named overlay on the
 * scenario — a few values set by path, as `sweep --vary` writes them — standing for one
 * plausible world (how the vendor's threshold counts, how far a hang spreads):
 *
 *   variants:
 *     per-cluster-threshold: { weight: 2 }                    # the file as written
 *     per-node-threshold:
 *       description: the threshold counts objects per node
 *       set: { backends.vendor.bugs[0].trigger.per: node }
 *
 * `compare` runs every strategy under every variant on the same seeds and reports regret
 * (src/experiment/variants.ts). `weight` (default 1) is the variant's relative plausibility.
 * The overlays themselves are applied and validated by `variantScenarios.ts`.
 */
import { z } from "zod";
import { name } from "./rolloutSchema.js";
import { strictObject as strict } from "./strictObject.js";

const variant = strict({
  description: z.string().optional().describe("What the variant assumes, shown in reports"),
  /** Relative plausibility; the weighted mean divides by the sum of the weights. */
  weight: z
    .number()
    .positive()
    .finite()
    .prefault(1)
    .describe("Relative plausibility; the weighted mean divides by the sum of the weights"),
  /** Path → value, paths as in `sweep --vary` (e.g. `backends.vendor.bugs[0].trigger.per`). */
  set: z
    .record(z.string(), z.unknown())
    .prefault({})
    .describe("Path → value, paths as in `sweep --vary` (e.g. backends.vendor.bugs[0].trigger.per)"),
});

export const variantsSchema = z.record(name, variant);

export type VariantSpec = z.output<typeof variant>;
