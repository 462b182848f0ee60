/** The trace file: a header line with the format and version, then the event lines as given. */
import { describe, expect, it } from "vitest";
import { TRACE_FORMAT_VERSION } from "../../src/experiment/traceHeader.js";
import { traceFileText } from "../../src/report/traceFile.js";

const run = { scenario: "demo", strategy: null, seed: 7, horizonMs: 1000, mailboxes: 10, placementGroups: 2 };

describe("traceFileText", () => {
  it("opens with the header and ends every line with a newline", () => {
    const text = traceFileText(run, ['{"tMs":0,"event":"access","group":0,"from":"up","to":"down"}']);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(JSON.parse(lines[0]!)).toEqual({
      format: "maildrill-trace",
      version: TRACE_FORMAT_VERSION,
      scenario: "demo",
      strategy: null,
      seed: 7,
      horizonMs: 1000,
      mailboxes: 10,
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ from: "up", to: "down" });
  });

  it("is only the header when nothing happened", () => {
    expect(traceFileText(run, []).split("\n")).toHaveLength(2);
  });
});
