/**
 * The progress bar's estimate never reads `NFs` (no run finished yet) or `3m60s` (seconds
 * rounding up to a minute), and stopping a drawn bar gives back the cursor and line wrap.
 */
import { describe, expect, it } from "vitest";
import { formatEta, progressBar } from "../../src/report/progress.js";

describe("formatEta", () => {
  it("rounds before splitting into units", () => {
    expect(formatEta(239.6)).toBe("4m 0s");
    expect(formatEta(59.5)).toBe("1m 0s");
    expect(formatEta(3599.7)).toBe("1h 0m");
    expect(formatEta(42.2)).toBe("42s");
    expect(formatEta(7384)).toBe("2h 3m");
  });

  it("says … while the time left is unknown", () => {
    expect(formatEta(undefined)).toBe("…");
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe("…");
    expect(formatEta(Number.NaN)).toBe("…");
  });
});

describe("progressBar on a terminal", () => {
  it("shows … before the first run and restores the cursor and line wrap on stop", () => {
    let written = "";
    const stream = {
      isTTY: true,
      columns: 100,
      write: (chunk: string) => {
        written += chunk;
        return true;
      },
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => stream,
      removeListener: () => stream,
    } as unknown as NodeJS.WriteStream;
    const bar = progressBar(stream, "compare");
    bar.update(0, 8);
    expect(written).toContain("eta …");
    expect(written).not.toMatch(/NF|Infinity|NaN/);
    bar.stop();
    expect(written.endsWith("\u001b[?25h\u001b[?7h")).toBe(true);
  });
});
