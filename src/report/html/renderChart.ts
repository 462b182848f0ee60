/**
 * renderChart: a Vega-Lite spec to an inline SVG string, rendered in Node — the charts of the
 * HTML reports, so a report opens offline with no script and no CDN.
 *
 * Vega-Lite compiles the spec to Vega; a headless Vega view (`renderer: 'none'`) renders it
 * with `toSVG()`, which needs no canvas on Node 20. Both libraries are loaded on the first
 * chart (a dynamic import), so a command without `--html` never pays for them.
 *
 * Contract: the same spec gives the same bytes, in any process. Vega numbers the SVG's ids
 * (clip paths, gradients) from a counter that lives as long as the process; they are renamed
 * here to `<chartId>-<n>` in order of appearance, so a report's bytes do not depend on what
 * was rendered before it, and two charts on one page never share an id. The theme (fonts,
 * sizes) is applied here; colours are the caller's (strategyColors.ts).
 */
import type { Config, TopLevelSpec } from "vega-lite";

type Libraries = { vegaLite: typeof import("vega-lite"); vega: typeof import("vega") };
let libraries: Promise<Libraries> | undefined;

function load(): Promise<Libraries> {
  libraries ??= Promise.all([import("vega-lite"), import("vega")]).then(([vegaLite, vega]) => ({
    vegaLite,
    vega,
  }));
  return libraries;
}

/** Readable on a laptop screen and in a screenshot: larger than Vega's defaults. */
const THEME: Config = {
  font: "Helvetica, Arial, sans-serif",
  background: "white",
  padding: 8,
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: "normal", gridColor: "#eee" },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 260 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { fontSize: 14, fontWeight: "bold", anchor: "start" },
};

/** Vega-Lite's warnings would land on the user's terminal; a spec that warns is fixed in tests instead. */
const QUIET = {
  level: () => QUIET,
  info: () => QUIET,
  warn: () => QUIET,
  error: () => QUIET,
  debug: () => QUIET,
};

export async function renderChart(chartId: string, spec: TopLevelSpec): Promise<string> {
  const { vegaLite, vega } = await load();
  const themed = { ...spec, config: { ...THEME, ...(spec.config ?? {}) } } as TopLevelSpec;
  const compiled = vegaLite.compile(themed, { logger: QUIET }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return stableIds(chartId, await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Renames every `id="…"` and its references to `<chartId>-<n>`, n in order of first appearance. */
function stableIds(chartId: string, svg: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!renamed.has(id)) renamed.set(id, `${chartId}-${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + (renamed.get(id) ?? id) + b)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => {
      const to = renamed.get(id);
      return to === undefined ? whole : `url(#${to})`;
    })
    .replace(/href="#([^"]+)"/g, (whole, id: string) => {
      const to = renamed.get(id);
      return to === undefined ? whole : `href="#${to}"`;
    });
}
