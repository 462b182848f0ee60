/**
 * buildBackups: connects the spec's backups to the world's mail, fleet and protection groups.
 *
 * Idea. `BackupRestore` knows schedules and the restore pipeline, nothing of mail: what a
 * backup captures, how large and how urgent a group's restore is, and where it lands are
 * the world's facts. This is where they are handed over. A backup captures, for every group,
 * what it holds now — so an Up group's exposure is first brought up to date. A group's
 * restore tier is the most urgent `tierRestorePriority` among its mailboxes (placement is
 * round-robin: mailbox m lives in group m mod groupCount, docs/model.md#backups-and-restore).
 *
 * Contract: returns undefined when the spec has no `backup`; otherwise a `BackupRestore` not
 * yet started. It draws nothing and schedules nothing itself.
 */
import type { Simulation } from "../../engine/Simulation.js";
import type { Fleet } from "../Fleet.js";
import type { StoredMail } from "../integrity/StoredMail.js";
import type { Placement } from "../Placement.js";
import type { ProtectionGroups } from "../protection/ProtectionGroups.js";
import type { WorldObserver } from "../WorldObserver.js";
import type { WorldSpec } from "../WorldSpec.js";
import { BackupRestore } from "./BackupRestore.js";

/** The world's parts a backup reads and a restore reaches. */
export interface BackupParts {
  readonly sim: Simulation;
  readonly fleet: Fleet;
  readonly placement: Placement;
  readonly protection: ProtectionGroups;
  readonly stored: StoredMail;
  readonly observer: WorldObserver;
  bringExposureUpToDate(group: number): void;
  event(kind: string, detail: Record<string, number | string>): void;
}

export function buildBackups(spec: WorldSpec, parts: BackupParts): BackupRestore | undefined {
  if (spec.backup === undefined) return undefined;
  const { placement: p, protection, stored, observer } = parts;
  const groupCount = p.groupCount;
  const backupAll = (): void => {
    for (let g = 0; g < groupCount; g++) {
      parts.bringExposureUpToDate(g);
      stored.backup(g);
    }
  };
  const groupTier = (group: number): number => {
    const priority = spec.tierRestorePriority;
    let best = Number.POSITIVE_INFINITY;
    for (let m = group; m < parts.fleet.count; m += groupCount)
      best = Math.min(best, priority[parts.fleet.tier[m]!]!);
    return best;
  };
  return new BackupRestore(
    spec.backup,
    parts.sim,
    {
      backupAll,
      groupBytes: (g) => p.groupSizeBytes[g]!,
      groupActivity: (g) => p.groupRatePerMs[g]!,
      groupTier,
      mailboxes: (g) => p.groupMailboxes[g]!,
      hold: (g, held) => protection.setHold(g, held),
      canLand: (g) => protection.canLand(g),
      landRestore: (g) => protection.landRestore(g),
      event: (kind, detail) => parts.event(kind, detail),
      restored: (g, lostAtMs, completedAtMs) => {
        const recovered = stored.restored(g);
        observer.dataRestored(completedAtMs, g, p.groupMailboxes[g]!, lostAtMs);
        parts.event("restore-complete", { group: g, messages: recovered });
      },
    },
    spec.horizonMs,
  );
}
