/**
 * faultTarget: the one parser of a fault's or an operation's `target`, shared by the
 * cross-field checks (which report a bad one) and the world-spec compiler (which turns a good
 * one into numbers once, so the model never splits strings).
 *
 * A target is `backend` (the whole backend), `backend/node/N`, `backend/cluster/N` or
 * `backend/slot/N`, with N written in digits only. This file knows the form, not the
 * topology: whether N exists on that backend is the caller's check.
 */

export type TargetKind = "backend" | "cluster" | "node" | "slot";

export interface FaultTarget {
  readonly backend: string;
  readonly kind: TargetKind;
  /** The node, cluster or slot number; 0 for a whole backend. */
  readonly index: number;
}

const INDEXED_KINDS: readonly string[] = ["node", "cluster", "slot"];

/** The backend name a target starts with (everything before the first "/"). */
export function targetBackend(text: string): string {
  return text.split("/")[0] ?? "";
}

/** The parsed target, or undefined when the part after the backend name has the wrong form. */
export function parseFaultTarget(text: string): FaultTarget | undefined {
  const [backend = "", kind, index, ...rest] = text.split("/");
  if (kind === undefined) return { backend, kind: "backend", index: 0 };
  // Digits only: Number() would also take "", " 1", "0x1" and "1e0" as indexes.
  if (rest.length > 0 || !INDEXED_KINDS.includes(kind) || index === undefined || !/^\d+$/.test(index))
    return undefined;
  return { backend, kind: kind as TargetKind, index: Number(index) };
}
