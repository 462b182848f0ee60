/**
 * Prose and header lines that fit a terminal width: words are moved to the next line rather
 * than letting the terminal cut them anywhere, and a header made of parts ("compare · name ·
 * 8 runs · …") breaks between parts, never inside one.
 *
 * Contract: widths are measured on the visible text (ANSI codes do not count). A single word
 * or part wider than `width` stays whole on its own line: these helpers never cut a word, a
 * path or a command. `width: Infinity` returns the input on one line.
 */
import { visibleWidth } from "./table.js";

/** Greedy word wrap of `text`; continuation lines start with `indent`. */
export function wrapWords(text: string, width: number, indent = ""): string[] {
  return joinFitting(
    text.split(" ").filter((word) => word !== ""),
    width,
    " ",
    indent,
  );
}

/** Parts joined by `separator`, as many per line as fit; continuation lines start with `indent`. */
export function joinFitting(
  parts: readonly string[],
  width: number,
  separator: string,
  indent = "",
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (line === "") {
      line = (lines.length > 0 ? indent : "") + part;
      continue;
    }
    const joined = line + separator + part;
    if (visibleWidth(joined) <= width) {
      line = joined;
      continue;
    }
    lines.push(line.trimEnd());
    line = indent + part;
  }
  if (line !== "") lines.push(line.trimEnd());
  return lines;
}

/**
 * A shell command that fits: too long for one line, it breaks before an option with a
 * trailing " \" (a shell line continuation), so the lines still paste as one command.
 */
export function wrapShellCommand(command: string, width: number, indent: string): string[] {
  const pieces = command.split(/ (?=--)/);
  const lines = joinFitting(pieces, width - 2, " ", `${indent}  `);
  return lines.map((line, i) => (i < lines.length - 1 ? `${line} \\` : line));
}

/** One line of at most `width` columns: cut at a word and marked "…" when it is longer. */
export function shortenTo(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  const words = text.split(" ");
  let line = "";
  for (const word of words) {
    const next = line === "" ? word : `${line} ${word}`;
    if (visibleWidth(next) + 2 > width) break;
    line = next;
  }
  return `${line.replace(/[,:;]$/, "")} …`;
}
