import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { palette } from "../../src/report/colors.js";
import { renderTable, visibleWidth } from "../../src/report/table.js";

describe("renderTable", () => {
  it("aligns text left and numbers right, two spaces between columns", () => {
    const table = renderTable(
      ["class", "messages", "share"],
      [
        ["stored intact", "9,000,000", "99.5%"],
        ["bounced", "12", "0.1%"],
      ],
    );
    expect(table).toBe(
      [
        "class           messages  share",
        "stored intact  9,000,000  99.5%",
        "bounced               12   0.1%",
      ].join("\n"),
    );
  });

  it("measures width without ANSI codes", () => {
    const c = palette(true);
    const table = renderTable(
      ["a", "b"],
      [
        [c.red("xx"), "1"],
        ["yyyy", "22"],
      ],
    );
    const lines = table.split("\n").map((line) => stripVTControlCharacters(line));
    expect(lines).toEqual(["a      b", "xx     1", "yyyy  22"]);
    expect(visibleWidth(c.bold("✓ ok"))).toBe(4);
  });

  it("takes explicit alignment, indentation and short rows, with no trailing spaces", () => {
    const table = renderTable(["name", "n"], [["x"], ["longer", "5"]], {
      align: ["right", "left"],
      indent: "  ",
    });
    expect(table).toBe(["    name  n", "       x", "  longer  5"].join("\n"));
  });
});
