/** Which width the tables fit: --width, --wide, the terminal, the environment, then 120. */
import { describe, expect, it } from "vitest";
import { tableWidth } from "../../src/cli/widthOptions.js";

const pipe = { isTTY: false };

describe("tableWidth", () => {
  it("takes --width first, then --wide", () => {
    expect(tableWidth({ width: 80, wide: true }, { isTTY: true, columns: 200 }, {})).toBe(80);
    expect(tableWidth({ wide: true }, { isTTY: true, columns: 200 }, {})).toBe(Number.POSITIVE_INFINITY);
  });

  it("fits a terminal's own width, else the environment, else 120", () => {
    expect(tableWidth({}, { isTTY: true, columns: 97 }, { COLUMNS: "60" })).toBe(97);
    expect(tableWidth({}, pipe, { MAILDRILL_WIDTH: "88", COLUMNS: "60" })).toBe(88);
    expect(tableWidth({}, pipe, { COLUMNS: "60" })).toBe(60);
    expect(tableWidth({}, pipe, { COLUMNS: "wide" })).toBe(120);
    expect(tableWidth({}, pipe, { COLUMNS: "10" })).toBe(120);
  });
});
