import { describe, expect, it } from "vitest";
import { colorEnabled, palette } from "../../src/report/colors.js";

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe("colorEnabled", () => {
  it("follows the stream: on for a TTY, off for a pipe or a file", () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it("is off when NO_COLOR is set to anything non-empty", () => {
    expect(colorEnabled(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "0" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "" })).toBe(true);
  });

  it("is forced on by a non-empty FORCE_COLOR other than 0, even through a pipe or with NO_COLOR", () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "3" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "" })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: "false" })).toBe(false);
  });
});

describe("palette", () => {
  it("adds ANSI codes only when enabled", () => {
    expect(palette(false).red("lost")).toBe("lost");
    expect(palette(false).bold("title")).toBe("title");
    expect(palette(true).red("lost")).toBe("\u001b[31mlost\u001b[39m");
    expect(palette(true).bold("title")).toBe("\u001b[1mtitle\u001b[22m");
  });
});
