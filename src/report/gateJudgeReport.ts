/**
 * gateJudgeReport: the judge of the judges in `maildrill compare`'s terminal report
 * (docs/experiments.md#judging-the-gates): one row per gate of every strategy that has gates
 * — in each variant when there are variants — with how often it decided, its false promotes
 * (promoted with trouble ahead: an incident with the gate ignored) and its false rollbacks
 * (aborted with none), each as a share with its 95% Wilson interval.
 *
 * Contract: a pure function of the worlds given; no lines at all when no strategy has gates.
 */
import type { StrategyOutcome } from "../experiment/compare.js";
import type { Palette } from "./colors.js";
import { titleLines } from "./compareReport.js";
import { proportionText } from "./estimateText.js";
import { fitTable } from "./fitTable.js";

export interface JudgedWorld {
  /** The variant's name; undefined for the scenario as written. */
  readonly variant: string | undefined;
  readonly strategies: readonly StrategyOutcome[];
}

/** The judge's table: a header and one row per gate; undefined when no strategy has gates. The HTML report shows the same rows. */
export function gateJudgeTable(
  worlds: readonly JudgedWorld[],
): { header: string[]; rows: string[][] } | undefined {
  const withVariants = worlds.some((w) => w.variant !== undefined);
  const rows: string[][] = [];
  for (const world of worlds)
    for (const s of world.strategies)
      for (const g of s.gates ?? [])
        rows.push([
          ...(withVariants ? [world.variant ?? ""] : []),
          s.name ?? "",
          g.gate,
          `${g.promoted}/${g.aborted}/${g.inconclusive}`,
          `${g.troubled} of ${g.decided}`,
          proportionText(g.falsePromote),
          proportionText(g.falseRollback),
        ]);
  if (rows.length === 0) return undefined;
  const header = [
    ...(withVariants ? ["variant"] : []),
    "strategy",
    "gate",
    "promoted/aborted/held",
    "trouble ahead",
    "false promote",
    "false rollback",
  ];
  return { header, rows };
}

/** What the judge's columns mean, for the table's note. */
export const GATE_JUDGE_NOTE =
  "trouble ahead: with the gate ignored, the same world and seed met an incident on the target cohort " +
  "after the previous decision; false promote: promoted with trouble ahead; false rollback: aborted with none; 95% Wilson intervals";

export function gateJudgeLines(worlds: readonly JudgedWorld[], colors: Palette, width: number): string[] {
  const table = gateJudgeTable(worlds);
  if (table === undefined) return [];
  const keys = table.header.length - 5;
  return [
    ...titleLines("Judging the gates", `(${GATE_JUDGE_NOTE})`, colors, width),
    fitTable(
      table.header.map((h) => colors.bold(h)),
      table.rows,
      {
        width,
        keyColumns: keys,
        align: table.header.map((_, i) => (i < keys ? ("left" as const) : ("right" as const))),
      },
    ),
  ];
}
