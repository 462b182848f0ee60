/**
 * A linear pre-scan of scenario text, before the YAML parser sees it, so that every file up
 * to the size cap is refused or parsed within a bounded time.
 *
 * Why: the yaml library's composer is quadratic on some inputs. Measured on this project's
 * 2-core machine (docs/reliability.md): `a: [][][]…` of 40 KB takes 1.9 s and grows with the
 * square of its length (each extra collection after a node is an error whose handling walks
 * the ones before), and nesting 5,000 flow collections deep overflows the call stack. No
 * scenario needs either, so the scan refuses them up front:
 * - flow collections (`[`, `{` outside quotes and comments) nested more than
 *   MAX_FLOW_DEPTH deep, or more than MAX_FLOW_COLLECTIONS of them in one file;
 * - block nesting deeper than MAX_BLOCK_INDENT columns of indentation;
 * - more than MAX_ENTRIES lines and flow items in all (a budget on the parser's work: 1 MB of
 *   `1,1,1,…` took 8 s, 1 MB of lines with an unclosed quote 13 s).
 *
 * Contract: `preScanYaml` returns nothing for text within the limits and throws one
 * InputError naming the line and the limit otherwise. It is a scan, not a parser: it
 * understands quotes and comments only well enough to skip their brackets, and never
 * rejects a file the parser would accept unless it breaks a limit.
 */
import { InputError } from "./InputError.js";

const MAX_FLOW_DEPTH = 64;
const MAX_FLOW_COLLECTIONS = 2_000;
const MAX_BLOCK_INDENT = 256;
/** Lines plus flow-collection separators (`,`): the parser's work grows with these, not with bytes. */
const MAX_ENTRIES = 5_000;

export function preScanYaml(text: string, sourceName: string): void {
  let line = 1;
  let depth = 0;
  let collections = 0;
  let lineStart = true;
  let indent = 0;
  let quote = "";
  let entries = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      if (++entries > MAX_ENTRIES) refuseEntries(sourceName, line);
      line++;
      lineStart = true;
      indent = 0;
      continue; // a quoted scalar may span lines: the quote stays open
    }
    if (quote !== "") {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (lineStart) {
      if (c === " ") {
        if (++indent > MAX_BLOCK_INDENT)
          refuse(sourceName, line, `indented more than ${MAX_BLOCK_INDENT} columns (nesting too deep)`);
        continue;
      }
      lineStart = false;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end - 1;
    } else if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1]!)))) {
      quote = c;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_FLOW_DEPTH) refuse(sourceName, line, `nesting deeper than ${MAX_FLOW_DEPTH} levels`);
      if (++collections > MAX_FLOW_COLLECTIONS)
        refuse(
          sourceName,
          line,
          `more than ${MAX_FLOW_COLLECTIONS.toLocaleString("en-US")} [ ] or { } collections`,
        );
    } else if (c === "," && depth > 0) {
      if (++entries > MAX_ENTRIES) refuseEntries(sourceName, line);
    } else if ((c === "]" || c === "}") && depth > 0) {
      depth--;
    }
  }
}

function refuseEntries(sourceName: string, line: number): never {
  refuse(sourceName, line, `more than ${MAX_ENTRIES.toLocaleString("en-US")} lines and list items`);
}

function refuse(sourceName: string, line: number, what: string): never {
  throw new InputError(
    `${sourceName}: the scenario file has ${what} at line ${line}; no scenario needs that many`,
  );
}
