/**
 * Aligned text tables for the terminal.
 *
 * A column is as wide as its widest cell, columns are separated by two spaces, text is
 * left-aligned and numbers right-aligned so that their digits line up. Cells may carry ANSI
 * colour codes: widths are measured on the visible text (escape codes stripped, one column
 * per code point), so a coloured cell lines up with a plain one.
 *
 * Contract: `renderTable(header, rows, options)` returns the lines joined by "\n", with no
 * trailing spaces and no final newline. A column's alignment is `options.align[i]` when
 * given, otherwise "right" when every non-empty body cell of it looks like a number
 * ("9,000,000", "-1.5", "99.93%"), else "left". The header follows its column's alignment.
 * Rows shorter than the header are padded with empty cells.
 */

import { stripVTControlCharacters } from "node:util";

export type Align = "left" | "right";

export interface TableOptions {
  align?: readonly Align[];
  /** Put before every line, e.g. "  " to indent the table under a heading. */
  indent?: string;
}

const NUMBER_LIKE = /^[-+]?\d[\d,.\u2009\u202f]*%?$/;

/** Columns a cell takes on screen. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of stripVTControlCharacters(text)) width++;
  return width;
}

export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string {
  const columns = Math.max(header.length, ...rows.map((row) => row.length));
  const cell = (row: readonly string[], i: number) => row[i] ?? "";
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(visibleWidth(cell(header, i)), ...rows.map((row) => visibleWidth(cell(row, i)))),
  );
  const aligns = Array.from({ length: columns }, (_, i) => options.align?.[i] ?? guessAlign(rows, i));
  const line = (row: readonly string[]) =>
    `${options.indent ?? ""}${widths.map((width, i) => pad(cell(row, i), width, aligns[i]!)).join("  ")}`.trimEnd();
  return [header, ...rows].map(line).join("\n");
}

function guessAlign(rows: readonly (readonly string[])[], column: number): Align {
  const cells = rows.map((row) => stripVTControlCharacters(row[column] ?? "").trim()).filter((c) => c !== "");
  return cells.length > 0 && cells.every((c) => NUMBER_LIKE.test(c)) ? "right" : "left";
}

function pad(text: string, width: number, align: Align): string {
  const fill = " ".repeat(Math.max(0, width - visibleWidth(text)));
  return align === "right" ? fill + text : text + fill;
}
