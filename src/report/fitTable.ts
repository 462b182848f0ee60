/**
 * A table laid out to fit a terminal width: as one table when it fits, otherwise in blocks
 * that repeat the key columns (the row labels) and carry as many of the other columns as fit,
 * one block under the other. A table whose lines would wrap in the terminal is unreadable —
 * three screen lines per row — while blocks keep every row on one line and every column
 * whole.
 *
 * Contract: `fitTable(header, rows, { width, keyColumns })` returns lines joined by "\n",
 * blocks separated by a blank line; every line is at most `width` columns unless a single key
 * column set plus one other column is already wider (then each block carries one column and
 * is as narrow as the content allows). `width: Infinity` gives exactly `renderTable`.
 * It does not wrap or cut cells.
 */
import { type Align, renderTable, type TableOptions, visibleWidth } from "./table.js";

export interface FitOptions extends TableOptions {
  /** The screen width to fit; `Number.POSITIVE_INFINITY` for one table whatever its width. */
  width: number;
  /** How many leading columns label the rows and are repeated in every block (default 1). */
  keyColumns?: number;
}

const GAP = 2;

export function fitTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: FitOptions,
): string {
  const whole = renderTable(header, rows, options);
  if (widest(whole) <= options.width) return whole;
  const keys = options.keyColumns ?? 1;
  const columns = Math.max(header.length, ...rows.map((row) => row.length));
  const columnWidth = (i: number) =>
    Math.max(visibleWidth(header[i] ?? ""), ...rows.map((row) => visibleWidth(row[i] ?? "")));
  const indent = visibleWidth(options.indent ?? "");
  let keyWidth = indent;
  for (let i = 0; i < keys; i++) keyWidth += columnWidth(i) + (i > 0 ? GAP : 0);

  const blocks: number[][] = [];
  let block: number[] = [];
  let used = keyWidth;
  for (let i = keys; i < columns; i++) {
    const needed = GAP + columnWidth(i);
    if (block.length > 0 && used + needed > options.width) {
      blocks.push(block);
      block = [];
      used = keyWidth;
    }
    block.push(i);
    used += needed;
  }
  if (block.length > 0) blocks.push(block);

  const pick = <T>(row: readonly T[], chosen: number[], empty: T): T[] => [
    ...Array.from({ length: keys }, (_, i) => row[i] ?? empty),
    ...chosen.map((i) => row[i] ?? empty),
  ];
  return blocks
    .map((chosen) =>
      renderTable(
        pick(header, chosen, ""),
        rows.map((row) => pick(row, chosen, "")),
        options.align === undefined
          ? options
          : { ...options, align: pick<Align>(options.align, chosen, "left") },
      ),
    )
    .join("\n\n");
}

function widest(text: string): number {
  return Math.max(0, ...text.split("\n").map(visibleWidth));
}
