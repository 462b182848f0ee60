/** fitTable: one table when it fits, else blocks of columns that repeat the row labels. */
import { describe, expect, it } from "vitest";
import { fitTable } from "../../src/report/fitTable.js";
import { renderTable, visibleWidth } from "../../src/report/table.js";

const header = ["", "alpha", "beta", "gamma"];
const rows = [
  ["first row", "1,000 [900, 1,100]", "2,000 [1,900, 2,100]", "3 [2, 4]"],
  ["second", "5", "6", "7"],
];

describe("fitTable", () => {
  it("is renderTable when the table fits (and always at an infinite width)", () => {
    expect(fitTable(header, rows, { width: 200 })).toBe(renderTable(header, rows));
    expect(fitTable(header, rows, { width: Number.POSITIVE_INFINITY })).toBe(renderTable(header, rows));
  });

  it("splits the columns into blocks that fit, each repeating the key column", () => {
    const text = fitTable(header, rows, { width: 55 });
    const blocks = text.split("\n\n");
    expect(blocks).toHaveLength(2);
    for (const line of text.split("\n")) expect(visibleWidth(line)).toBeLessThanOrEqual(55);
    expect(blocks[0]).toContain("alpha");
    expect(blocks[0]).toContain("beta");
    expect(blocks[1]).toContain("gamma");
    expect(blocks[1]).toMatch(/^first row\s+3 \[2, 4\]$/m);
  });

  it("keeps several key columns together and one column per block when nothing else fits", () => {
    const text = fitTable(["k1", "k2", "a", "b"], [["x", "y", "12345678", "87654321"]], {
      width: 10,
      align: ["left", "left", "left", "left"],
      keyColumns: 2,
    });
    expect(text.split("\n\n")).toEqual(["k1  k2  a\nx   y   12345678", "k1  k2  b\nx   y   87654321"]);
  });
});
