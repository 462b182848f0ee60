/** Word wrap, header parts and shell commands that fit a width without cutting a word. */
import { describe, expect, it } from "vitest";
import { joinFitting, wrapShellCommand, wrapWords } from "../../src/report/wrapText.js";

describe("wrapText", () => {
  it("wraps words greedily and indents continuation lines", () => {
    expect(wrapWords("one two three four", 9, "  ")).toEqual(["one two", "  three", "  four"]);
    expect(wrapWords("one two", Number.POSITIVE_INFINITY)).toEqual(["one two"]);
  });

  it("never cuts a word longer than the width", () => {
    expect(wrapWords("a verylongword b", 5)).toEqual(["a", "verylongword", "b"]);
  });

  it("breaks a header between parts, measuring visible text only", () => {
    const bold = (t: string) => `\u001b[1m${t}\u001b[22m`;
    expect(joinFitting([bold("maildrill run"), "seed 7", "300 mailboxes"], 24, " · ")).toEqual([
      `${bold("maildrill run")} · seed 7`,
      "300 mailboxes",
    ]);
  });

  it("breaks a command before an option with a shell continuation", () => {
    const lines = wrapShellCommand("    maildrill run a.yaml --strategy canary --seed 7/1", 36, "    ");
    expect(lines).toEqual(["    maildrill run a.yaml \\", "      --strategy canary --seed 7/1"]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(36);
  });
});
