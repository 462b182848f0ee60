/**
 * The Rollout block of `maildrill run`: how far the migration got, when it first met trouble,
 * whether a gate aborted it, what it copied and held (and, for plans that have them, what a
 * prefill wrote and how long a hold lasted), and the draws of the world it met (each
 * bug's threshold and the vendor's fix delay — the same for every strategy on this seed).
 *
 * Contract: a pure function; no lines when the run had no migration.
 */
import type { RunMeasurements } from "../metrics/RunMeasurements.js";
import type { Palette } from "./colors.js";
import { formatCount, formatDurationMs, formatPercent } from "./format.js";

const INDENT = "  ";
const BYTES_PER_TB = 1e12;

export function rolloutBlock(m: RunMeasurements, colors: Palette): string[] {
  const r = m.rollout;
  if (r === undefined) return [];
  const when = (ms: number | null) => (ms === null ? "never" : `at ${formatDurationMs(ms)}`);
  const incident =
    r.firstIncidentMs === null
      ? "no incident on the target cohort"
      : colors.red(
          `first incident at ${formatDurationMs(r.firstIncidentMs)} with ${formatPercent(r.shareMigratedAtFirstIncident ?? 0, 1)} migrated`,
        );
  const lines = [
    colors.bold(colors.cyan(`Rollout · ${r.strategy} (${r.kind})`)),
    `${INDENT}${incident}`,
    `${INDENT}completed ${when(r.completedMs)}` +
      (r.aborted
        ? colors.yellow(`   aborted ${when(r.abortedAtMs)}, rolled back ${when(r.rolledBackAtMs)}`)
        : "") +
      `   on the target at the end ${formatCount(r.mailboxesOnTargetAtHorizon)} mailboxes`,
    `${INDENT}copied ${(r.copiedBytes / BYTES_PER_TB).toFixed(1)} TB, back ${(r.rollbackBytes / BYTES_PER_TB).toFixed(1)} TB` +
      `   extra storage ${r.extraStorageTBDays.toFixed(1)} TB-days`,
  ];
  // Only plans with a prefill or a hold report these (see RolloutMeasurements).
  const extra: string[] = [];
  if (r.prefillBytes !== undefined && r.prefillMs !== undefined)
    extra.push(
      `prefill wrote ${(r.prefillBytes / BYTES_PER_TB).toFixed(1)} TB in ${formatDurationMs(r.prefillMs)}`,
    );
  if (r.heldMs !== undefined) extra.push(`held after failed gates ${formatDurationMs(r.heldMs)}`);
  if (extra.length > 0) lines.push(`${INDENT}${extra.join("   ")}`);
  for (const b of m.bugs) {
    const thresholds =
      b.thresholds.length > 0 ? `threshold ${b.thresholds.map(formatCount).join(", ")}   ` : "";
    const fix = b.fixDelayMs === null ? "no fix" : `fix after ${formatDurationMs(b.fixDelayMs)}`;
    lines.push(`${INDENT}${colors.dim(`bug ${b.backend}/${b.bug}: ${thresholds}${fix}`)}`);
  }
  return lines;
}
