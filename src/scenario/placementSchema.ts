/**
 * `protection.placement` and `protection.scatterWidth`: how a protection group's copies on one
 * backend pick their nodes (src/model/protection/ShardPlacement.ts, docs/model.md#placement-of-copies).
 *
 *   protection:
 *     copies: [store, store, store]
 *     placement: copysets        # chain (default) | random | copysets
 *     scatterWidth: 2            # copysets only; default R − 1 (disjoint copysets)
 *
 * Both keys are optional and absent by default, so a scenario without them parses to the
 * same object as before they existed (and every output stays byte-identical).
 */
import { z } from "zod";
import { integer } from "./fields.js";

export const placementFields = {
  placement: z
    .enum(["chain", "random", "copysets"])
    .optional()
    .describe(
      "How a group's copies on one backend pick their nodes: chain (default: consecutive nodes), random (R distinct nodes drawn per group) or copysets (a few fixed node sets, Cidon et al. 2013).",
    ),
  scatterWidth: integer(1, 10_000, "a whole number of nodes")
    .optional()
    .describe(
      "Copysets only: the scatter width S, how many other nodes each node shares groups with (default R − 1: disjoint copysets).",
    ),
};
