import { describe, expect, it } from "vitest";
import { reproduceCommand, seedsText } from "../../src/cli/htmlReport.js";

describe("reproduceCommand", () => {
  it("repeats the arguments shell-quoted, without --threads (no result depends on it)", () => {
    expect(
      reproduceCommand([
        "compare",
        "a b.yaml",
        "--threads",
        "4",
        "--runs",
        "8",
        "--threads=2",
        "--html",
        "r.html",
      ]),
    ).toBe("maildrill compare 'a b.yaml' --runs 8 --html r.html");
    expect(
      reproduceCommand(["sweep", "s.yaml", "--vary", "strategies.x.steps[1].pause=1d,7d", "--vary", "it's"]),
    ).toBe(`maildrill sweep s.yaml --vary 'strategies.x.steps[1].pause=1d,7d' --vary 'it'\\''s'`);
  });
});

describe("seedsText", () => {
  it("names the run count and the first and last seed", () => {
    const seeds = Array.from({ length: 8 }, (_, i) => `2023/${i + 1}`);
    expect(seedsText(8, seeds, "strategy")).toBe("8 runs per strategy on seeds 2023/1 … 2023/8");
    expect(seedsText(1, ["7/1"], "grid point")).toBe("1 run per grid point on seed 7/1");
  });
});
