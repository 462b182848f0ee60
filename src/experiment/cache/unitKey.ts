/**
 * The content key of one unit of work: one run of one scenario (a sweep point is its own
 * scenario content) in one of its variants under one strategy on one seed, by one build of maildrill (its code identity, src/cli/codeIdentity.ts) with
 * the same backend plugins. Two units with the same key give the same figures, byte for byte
 * (the simulator is deterministic), so the key is what the run cache files results under,
 * what a shard is chosen by, and the BullMQ job id that makes enqueueing idempotent.
 *
 * The key is the SHA-256 (hex) of the canonical JSON (losslessJson.ts: sorted keys, exact
 * numbers) of those inputs. The scenario is the validated one, so two files that differ only
 * in spelling (`30d` or `720h`, key order, comments) share their runs. A plugin enters by the
 * SHA-256 of its file's bytes, not its path, so editing a plugin invalidates its runs.
 *
 * Contract: pure given the plugin files' contents; 64 lowercase hex characters (no `:`,
 * which BullMQ reserves in job ids). It does not include the thread count, memory limit or
 * output options, which do not change a run's figures.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Scenario } from "../../scenario/schema.js";
import { canonicalJson } from "./losslessJson.js";

/** Bumped when the meaning of a key's inputs changes, so old cache entries are never mistaken for new ones. */
const KEY_FORMAT = "maildrill-unit/3";

export function sha256Hex(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The digest of a scenario's content: computed once per scenario, shared by its units' keys. */
export function scenarioDigest(scenario: Scenario): string {
  return sha256Hex(canonicalJson(scenario));
}

/** The digests of the plugin files, in load order (the order can change which kind wins). */
export function pluginDigests(files: readonly string[]): string[] {
  return files.map((file) => sha256Hex(readFileSync(file)));
}

export interface UnitIdentity {
  version: string;
  scenarioDigest: string;
  strategy: string | undefined;
  /** One of the scenario's `variants`, or undefined for the scenario as written. */
  variant: string | undefined;
  seed: string;
  pluginDigests: readonly string[];
}

export function unitKey(unit: UnitIdentity): string {
  return sha256Hex(
    canonicalJson({
      format: KEY_FORMAT,
      version: unit.version,
      scenario: unit.scenarioDigest,
      strategy: unit.strategy ?? null,
      variant: unit.variant ?? null,
      seed: unit.seed,
      plugins: unit.pluginDigests,
    }),
  );
}
