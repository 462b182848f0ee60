/**
 * htmlPage: the shell every HTML report shares — one self-contained page (inline CSS, inline
 * SVG charts, no script, no external resource) with the facts a reader needs to trust and
 * repeat what it shows: the scenario, the seeds, the maildrill version and the exact command.
 *
 * Contract: a pure function of its input (no clock, no random ids), so the same report is
 * the same bytes. Every text given as `string` is escaped here; `html` fields are already
 * markup (charts, tables built with `escapeHtml`). It does not render charts (renderChart.ts).
 */

/** What identifies the report: shown at the top of every page. */
export interface ReportMeta {
  /** "maildrill compare", "maildrill run", … */
  title: string;
  scenario: string;
  /** One line about the seeds, e.g. "8 runs per strategy on seeds 2023/1 … 2023/8". */
  seeds: string;
  version: string;
  /** The command that reproduces this report, shell-quoted. */
  command: string;
}

export interface ReportSection {
  heading: string;
  /** A sentence or two saying what the chart shows and how to read it. */
  intro?: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A chart in a figure, with the id the browser test and readers can point at. */
export function figure(id: string, svg: string): string {
  return `<figure class="chart" id="${escapeHtml(id)}">${svg}</figure>`;
}

/** A table cell: text (escaped here) or markup built with `escapeHtml`. */
export type Cell = string | { html: string };

/** A small table: header row, then rows of already-formatted cells. */
export function htmlTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const head = header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const cell = (c: Cell) => `<td>${typeof c === "string" ? escapeHtml(c) : c.html}</td>`;
  const body = rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
p.intro { margin: 4px 0 10px; color: #444; max-width: 900px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.meta dt { color: #666; }
dl.meta dd { margin: 0; }
code, pre { font-family: Menlo, Consolas, monospace; font-size: 13px; }
pre { background: #f6f6f6; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
figure.chart { margin: 8px 0; overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px; text-align: right; }
th:first-child, td:first-child { text-align: left; white-space: nowrap; }
td small { color: #666; white-space: nowrap; }
`;

export function htmlPage(meta: ReportMeta, sections: readonly ReportSection[]): string {
  const facts: [string, string][] = [
    ["scenario", meta.scenario],
    ["seeds", meta.seeds],
    ["maildrill", meta.version],
  ];
  const dl = facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("");
  const body = sections
    .map((s) => {
      const intro = s.intro === undefined ? "" : `<p class="intro">${escapeHtml(s.intro)}</p>\n`;
      return `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${intro}${s.html}\n</section>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${meta.title} · ${meta.scenario}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(meta.title)} · ${escapeHtml(meta.scenario)}</h1>
<dl class="meta">${dl}</dl>
<p>Reproduce this report with:</p>
<pre>${escapeHtml(meta.command)}</pre>
${body}
</body>
</html>
`;
}
