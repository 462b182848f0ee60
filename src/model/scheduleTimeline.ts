/**
 * scheduleTimeline: the spec's timeline of explicit faults and planned operations, put on
 * the clock.
 *
 * Idea. Faults and operations are timeline data, already parsed and sorted by time in the
 * compiled spec (docs/scenarios.md). Each becomes one call at its time: a fault is injected
 * into its backend; an operation (restart, upgrade, ...) runs on every node it targets — one
 * node, every node of a cluster, or the whole backend — in node order; an upgrade with a
 * version sets the node's version first; and every operation is shown to the OS bugs, which
 * may trigger on it, and reported as an `operation-<kind>` storage event.
 *
 * Contract: schedules faults first, then operations, in spec order, so the order of
 * simultaneous events is the spec's. Draws nothing; decides nothing about what a fault does
 * (the backend does).
 */
import type { Simulation } from "../engine/Simulation.js";
import type { BugHooks } from "./faults/attachBugs.js";
import type { StorageBackend } from "./storage/StorageBackend.js";
import type { WorldSpec } from "./WorldSpec.js";

export function scheduleTimeline(
  spec: WorldSpec,
  sim: Simulation,
  backends: readonly StorageBackend[],
  bugs: BugHooks,
  event: (kind: string, detail: Record<string, number | string>) => void,
): void {
  for (const { atMs, backend, injection } of spec.faults) {
    const target = backends[backend]!;
    sim.callAt(atMs, () => target.injectFault(injection));
  }
  for (const op of spec.operations) {
    const b = op.target.backend;
    const backend = backends[b]!;
    const { kind, index } = op.target;
    const nodes = Array.from({ length: backend.nodeCount }, (_, n) => n).filter((n) =>
      kind === "node" ? n === index : kind === "cluster" ? backend.nodeCluster(n) === index : true,
    );
    sim.callAt(op.atMs, () => {
      for (const node of nodes) {
        if (op.operation === "upgrade" && op.version !== undefined)
          backend.setNodeVersion?.(node, op.version);
        event(`operation-${op.operation}`, { backend: backend.name, node });
        bugs.nodeOperation(b, node, op.operation);
      }
    });
  }
}
