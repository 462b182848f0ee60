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
 * weight than the current one rolls units back. `setDensity` lists a density canary's units
 * next in the order (`UnitOrder.ts`, `densityGroups.ts`); `prefill` is a step of its own
 * (`Prefill.ts`); `pause: {}` is a pause of Infinity, ended by a `promote` command.
 */
import type { AnalysisTemplate, BackgroundAnalysis } from "../scenario/analysisSchema.js";
import type { RolloutStep, StrategySpec } from "../scenario/rolloutSchema.js";
import { densityGroups } from "./densityGroups.js";
import { UnitOrder } from "./UnitOrder.js";

export interface PrefillStep {
  readonly kind: "prefill";
  /** Synthetic objects per target node, as a share of its objects once everything has moved. */
  readonly level: number;
  readonly rateBytesPerSec: number;
  /** Only the first this many target clusters; undefined: the whole target. */
  readonly clusters: number | undefined;
}

type PlanStep =
  | { readonly kind: "move"; readonly units: number }
  | { readonly kind: "pause"; readonly ms: number }
  | {
      readonly kind: "analysis";
      /** The gate's name in judge reports: `steps[i]` or `cells[k]` (after cell k, from 0). */
      readonly gate: string;
      /** An analysis template; absent for `no-incidents`. */
      readonly template?: AnalysisTemplate;
    }
  | PrefillStep;

/** A manual operator command, in effect `migration.decision` after `atMs`. */
export interface OperatorCommand {
  readonly atMs: number;
  readonly action: "promote" | "abort";
}

export interface Plan {
  /** Groups in the order they move. */
  readonly order: readonly number[];
  readonly steps: readonly PlanStep[];
  /** How long a source copy is kept after its unit's cut-over (Infinity: a permanent mirror). */
  readonly retainMs: number;
  /** A failed gate holds until the target is healthy, then continues (absent: it rolls back). */
  readonly holdOnIncident?: boolean;
  readonly commands?: readonly OperatorCommand[];
  /** A `steps` strategy's background analysis (docs/model.md#metric-analysis). */
  readonly background?: BackgroundAnalysis;
}

export interface UnitFacts {
  readonly groupCount: number;
  groupMailboxes(group: number): number;
  /** The target cell (cluster) a group lands in. */
  targetCell(group: number): number;
  /** The target node a group's copy lands on. */
  targetNode(group: number): number;
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
    case "steps": {
      const order = new UnitOrder(units.groupCount, (g) => units.groupMailboxes(g));
      const steps = spec.steps.map((step, i) => compileStep(step, i, order, units));
      return {
        order: order.finish(),
        steps,
        retainMs: spec.retain,
        ...policy(spec.onIncident),
        ...(spec.operator === undefined
          ? {}
          : { commands: spec.operator.map((c) => ({ atMs: c.at, action: c.action })) }),
        ...(spec.analysis !== undefined ? { background: spec.analysis } : {}),
      };
    }
    case "cells":
      return { ...compileCells(spec, byIndex, units), ...policy(spec.onIncident) };
  }
}

/** Only a hold is written into the plan, so a plan without the key is today's. */
function policy(onIncident: string | undefined): { holdOnIncident?: boolean } {
  return onIncident === "hold-and-continue-after-fix" ? { holdOnIncident: true } : {};
}

function compileStep(step: RolloutStep, index: number, order: UnitOrder, units: UnitFacts): PlanStep {
  if ("setWeight" in step) return { kind: "move", units: order.unitsForShare(step.setWeight) };
  if ("setDensity" in step)
    return { kind: "move", units: order.append(densityGroups(step.setDensity, units)) };
  if ("prefill" in step)
    return {
      kind: "prefill",
      level: step.prefill.objects,
      rateBytesPerSec: step.prefill.rate,
      clusters: step.prefill.clusters,
    };
  if ("pause" in step) return { kind: "pause", ms: step.pause };
  const gate = `steps[${index}]`;
  return step.analysis === "no-incidents"
    ? { kind: "analysis", gate }
    : { kind: "analysis", gate, template: step.analysis };
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
