import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { renderChart } from "../../../src/report/html/renderChart.js";

// Clipped marks make Vega number clip paths from a process-wide counter.
const spec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  width: 200,
  height: 100,
  data: {
    values: [
      { x: 1, y: 2 },
      { x: 2, y: 5 },
      { x: 3, y: 1 },
    ],
  },
  mark: { type: "line", clip: true },
  encoding: {
    x: { field: "x", type: "quantitative", scale: { domain: [1.5, 3] } },
    y: { field: "y", type: "quantitative" },
  },
} as TopLevelSpec;

describe("renderChart", () => {
  it("renders an SVG whose ids do not depend on what was rendered before", async () => {
    const first = await renderChart("demo", spec);
    await renderChart("other", spec);
    const again = await renderChart("demo", spec);
    expect(first.startsWith("<svg")).toBe(true);
    expect(again).toBe(first);
    expect(first).toContain('id="demo-1"');
    expect(first).toContain("url(#demo-1)");
  });

  it("keeps two charts of one page apart by their chart id", async () => {
    const a = await renderChart("a", spec);
    const b = await renderChart("b", spec);
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(a).some((id) => ids(b).includes(id))).toBe(false);
  });
});
