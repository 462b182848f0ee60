/**
 * The Libero 2023 scenario at another fleet size, for tests and benchmarks that need it
 * smaller (or at full size) without a second scenario file to keep in step.
 *
 * The fleet, the bug's object threshold (and any headroom gate's assumed object limit), the
 * migration bandwidth and the reopening pace are
 * The fleet, the bug's object threshold, the migration bandwidth, prefill rates and the reopening pace are
 * scaled together, so every time in the run is unchanged and only the per-mailbox work
 * shrinks: the bug still trips at the same share migrated, on the same day.
 *
 * Contract: `liberoRaw` returns fresh scenario data (as parsed YAML, unvalidated) on each call;
 * `liberoAtScale` validates it. Nothing else of the file is changed, except that its
 * `variants` are left out: they set absolute thresholds for the full fleet, so the scaled
 * scenario is the file as written.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { validateScenario } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { parseBandwidthBytesPerSec } from "../../src/scenario/units.js";

const FULL_MAILBOXES = 9_000_000;
const LIBERO = fileURLToPath(new URL("../../scenarios/libero-2023.yaml", import.meta.url));

/** The Libero scenario with `mailboxes` mailboxes and every fleet-proportional figure scaled alike. */
export function liberoAtScale(mailboxes: number): Scenario {
  return validateScenario(liberoRaw(mailboxes));
}

/** As `liberoAtScale`, before validation: the data to write out as a scenario file. */
export function liberoRaw(mailboxes: number): unknown {
  const scale = mailboxes / FULL_MAILBOXES;
  // biome-ignore lint/suspicious/noExplicitAny: raw YAML is untyped
  const raw = parse(readFileSync(LIBERO, "utf8")) as any;
  raw.fleet.mailboxes = mailboxes;
  const bug = raw.backends.vendor.bugs[0];
  bug.trigger.threshold.uniform = bug.trigger.threshold.uniform.map((x: number) => x * scale);
  bug.fix.reopenRate = `${3_000_000 * scale}/day`;
  raw.migration.bandwidth = `${53 * scale}TB/day`;
  // An assumed object limit of a headroom gate is a count of the whole fleet's objects: scaled alike.
  for (const strategy of Object.values(raw.strategies) as {
    steps?: { analysis?: { assumedLimit?: number } }[];
  }[])
    for (const step of strategy.steps ?? [])
      if (typeof step.analysis?.assumedLimit === "number") step.analysis.assumedLimit *= scale;
  // A prefill writes a share of the (scaled) objects: its rate scales too, so it takes as long.
  for (const strategy of Object.values(raw.strategies) as { steps?: { prefill?: { rate: string } }[] }[])
    for (const step of strategy.steps ?? [])
      if (step.prefill) step.prefill.rate = `${parseBandwidthBytesPerSec(step.prefill.rate) * scale}B/s`;
  delete raw.variants;
  return raw;
}
