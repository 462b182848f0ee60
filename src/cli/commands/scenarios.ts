/**
 * `maildrill scenarios`: the built-in scenarios, one line each — the name to pass to `run`,
 * `compare`, `sweep` or `check`, and what the scenario is (src/experiment/builtinScenario.ts).
 * Descriptions longer than the terminal are cut at a word with "…" so each stays one line.
 */
import type { Command } from "commander";
import { builtinScenarios } from "../../experiment/builtinScenario.js";
import { colorEnabled, palette } from "../../report/colors.js";
import { renderTable, visibleWidth } from "../../report/table.js";
import { shortenTo } from "../../report/wrapText.js";
import { addWidthOptions, tableWidth, type WidthFlags } from "../widthOptions.js";

const GAP = 2;

export function registerScenariosCommand(program: Command): void {
  const command = program
    .command("scenarios")
    .description("list the built-in scenarios, usable by name (e.g. maildrill run libero-2023)");
  addWidthOptions(command).action((flags: WidthFlags) => {
    const colors = palette(colorEnabled(process.stdout));
    const width = tableWidth(flags);
    const list = builtinScenarios();
    const nameWidth = Math.max(...list.map((s) => visibleWidth(s.name)));
    const rows = list.map((s) => [colors.bold(s.name), shortenTo(s.summary, width - nameWidth - GAP)]);
    process.stdout.write(`${renderTable(rows[0]!, rows.slice(1), { align: ["left", "left"] })}\n`);
  });
}
