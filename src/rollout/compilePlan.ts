/**
 * compilePlan: every strategy as one list of Argo-style steps over an ordered list of
 * migration units (protection groups), so one driver runs them all.
 *
 *   big-bang    → move all                              retain 0
 *   dual-write  → move all                              retain `retain`
 *   mirror      → move all                              retain forever
 *   steps       → its steps, `setWeight` turned into a unit count   retain `retain`
 *   cells       → per cell: move through the cell, pause, analysis  retain `retain`
 *
 * Units are taken in a fixed order: by group index (placement is round-robin, so every
 * prefix is spread evenly over nodes and clusters), or for cells grouped cell by cell.
 * `setWeight: w` moves the shortest prefix holding at least w of the mailboxes; a lower
 * weight than the current one rolls units back.
 */
import type { AnalysisTemplate, BackgroundAnalysis } from "../scenario/analysisSchema.js";
import type { RolloutStep, StrategySpec } from "../scenario/rolloutSchema.js";

type PlanStep =
  | { readonly kind: "move"; readonly units: number }
  | { readonly kind: "pause"; readonly ms: number }
  | {
      readonly kind: "analysis";
      /** The gate's name in judge reports: `steps[i]` or `cells[k]` (after cell k, from 0). */
      readonly gate: string;
      /** An analysis template; absent for `no-incidents`. */
      readonly template?: AnalysisTemplate;
    };

export interface Plan {
  /** Groups in the order they move. */
  readonly order: readonly number[];
  readonly steps: readonly PlanStep[];
  /** How long a source copy is kept after its unit's cut-over (Infinity: a permanent mirror). */
  readonly retainMs: number;
  /** A `steps` strategy's background analysis (docs/model.md#metric-analysis). */
  readonly background?: BackgroundAnalysis;
}

export interface UnitFacts {
  readonly groupCount: number;
  groupMailboxes(group: number): number;
  /** The target cell (cluster) a group lands in. */
  targetCell(group: number): number;
}

export function compilePlan(spec: StrategySpec, units: UnitFacts): Plan {
  const byIndex = Array.from({ length: units.groupCount }, (_, g) => g);
  const all: PlanStep[] = [{ kind: "move", units: units.groupCount }];
  switch (spec.kind) {
    case "big-bang":
      return { order: byIndex, steps: all, retainMs: 0 };
    case "dual-write":
      return { order: byIndex, steps: all, retainMs: spec.retain };
    case "mirror":
      return { order: byIndex, steps: all, retainMs: Number.POSITIVE_INFINITY };
    case "steps":
      return {
        order: byIndex,
        steps: spec.steps.map((step, i) => compileStep(step, i, byIndex, units)),
        retainMs: spec.retain,
        ...(spec.analysis !== undefined ? { background: spec.analysis } : {}),
      };
    case "cells":
      return compileCells(spec, byIndex, units);
  }
}

function compileStep(step: RolloutStep, index: number, order: readonly number[], units: UnitFacts): PlanStep {
  if ("setWeight" in step) return { kind: "move", units: unitsForShare(step.setWeight, order, units) };
  if ("pause" in step) return { kind: "pause", ms: step.pause };
  const gate = `steps[${index}]`;
  return step.analysis === "no-incidents"
    ? { kind: "analysis", gate }
    : { kind: "analysis", gate, template: step.analysis };
}

/** The shortest prefix of `order` holding at least `share` of the mailboxes. */
function unitsForShare(share: number, order: readonly number[], units: UnitFacts): number {
  if (share <= 0) return 0;
  let total = 0;
  for (const g of order) total += units.groupMailboxes(g);
  const wanted = share * total * (1 - 1e-12);
  let held = 0;
  for (let i = 0; i < order.length; i++) {
    held += units.groupMailboxes(order[i]!);
    if (held >= wanted) return i + 1;
  }
  return order.length;
}

function compileCells(
  spec: Extract<StrategySpec, { kind: "cells" }>,
  byIndex: readonly number[],
  units: UnitFacts,
): Plan {
  const order = [...byIndex].sort((a, b) => units.targetCell(a) - units.targetCell(b) || a - b);
  const steps: PlanStep[] = [];
  let moved = 0;
  let cell = 0;
  for (let i = 0; i < order.length; i++) {
    const lastOfCell =
      i + 1 === order.length || units.targetCell(order[i + 1]!) !== units.targetCell(order[i]!);
    if (!lastOfCell) continue;
    moved = i + 1;
    steps.push({ kind: "move", units: moved });
    if (moved === order.length) break;
    if (spec.pause > 0) steps.push({ kind: "pause", ms: spec.pause });
    if (spec.analysis) steps.push({ kind: "analysis", gate: `cells[${cell}]` });
    cell++;
  }
  return { order, steps, retainMs: spec.retain };
}
