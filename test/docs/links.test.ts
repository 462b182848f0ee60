/**
 * The repository stands alone: every relative link in README.md and docs/*.md resolves to a
 * file inside the repository (and to a heading of it, when the link names an anchor), every
 * `docs/<page>.md#anchor` or `README.md#anchor` cited from code, scenarios, tests or benches
 * names a page and heading that exist, and nothing cites the design notes that live outside
 * the repository by section number.
 *
 * Anchors follow GitHub's rule for heading ids: the heading's text, lower-cased, with
 * punctuation removed and spaces turned into hyphens; a repeated heading gets "-1", "-2", ….
 * External links (http, mailto) are not fetched: a test must not depend on the network.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The pages whose markdown links are checked. */
const PAGES = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Folders whose text may cite a page (comments, scenario files, test names). */
const CITING_FOLDERS = ["src", "docs", "scenarios", "test", "bench"];
const TEXT_EXTENSIONS = new Set([".ts", ".js", ".mjs", ".md", ".yaml", ".yml", ".json"]);

function read(relative: string): string {
  return readFileSync(path.join(ROOT, relative), "utf8");
}

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(relative));
    else if (TEXT_EXTENSIONS.has(path.extname(entry.name))) out.push(relative);
  }
  return out;
}

/** The markdown with fenced code blocks and inline code blanked out (links there are examples). */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "``");
}

/** GitHub's id for a heading text. */
function slugOf(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a markdown page, in GitHub's numbering of repeated headings. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  for (const match of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slugOf(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(relative: string): Set<string> {
  let anchors = anchorCache.get(relative);
  if (anchors === undefined) {
    anchors = anchorsOf(read(relative));
    anchorCache.set(relative, anchors);
  }
  return anchors;
}

/** Why `target` (a repository-relative path, optionally with #anchor) does not resolve, or null. */
function problemWith(target: string): string | null {
  const [file, anchor] = target.split("#", 2) as [string, string | undefined];
  const absolute = path.resolve(ROOT, file);
  if (!absolute.startsWith(ROOT)) return "leaves the repository";
  if (!existsSync(absolute)) return "no such file";
  if (anchor === undefined || anchor === "") return null;
  if (statSync(absolute).isDirectory() || !file.endsWith(".md")) return "an anchor into a non-markdown file";
  return anchorsOfFile(file).has(anchor) ? null : `no heading with anchor #${anchor}`;
}

/** Every relative link target of a page, as a repository-relative path (with its anchor). */
function relativeLinksOf(page: string): string[] {
  const prose = proseOf(read(page));
  const targets: string[] = [];
  for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [file, anchor] = target.split("#", 2) as [string, string | undefined];
    const resolved =
      file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
    targets.push(anchor === undefined ? resolved : `${resolved}#${anchor}`);
  }
  return targets;
}

describe("links in README.md and docs/", () => {
  it("the pages exist and have links to check", () => {
    expect(PAGES).toContain("docs/validation.md");
    expect(PAGES.flatMap(relativeLinksOf).length).toBeGreaterThan(20);
  });

  it.each(PAGES)("%s: every relative link resolves inside the repository", (page) => {
    const broken = relativeLinksOf(page)
      .map((target) => ({ target, problem: problemWith(target) }))
      .filter((link) => link.problem !== null);
    expect(broken).toEqual([]);
  });
});

describe("page citations in code, scenarios, tests and benches", () => {
  /** This file names broken targets on purpose, as examples. */
  const self = path
    .relative(ROOT, fileURLToPath(import.meta.url))
    .split(path.sep)
    .join("/");
  const files = CITING_FOLDERS.flatMap(filesUnder).filter((file) => file !== self);

  it("every docs/<page>.md#anchor and README.md#anchor names an existing heading", () => {
    const broken: string[] = [];
    let cited = 0;
    for (const file of files) {
      for (const match of read(file).matchAll(/\b((?:docs\/[\w-]+|README)\.md)(#[\w-]+)?/g)) {
        cited++;
        const target = match[2] === undefined ? match[1]! : `${match[1]}${match[2]}`;
        const problem = problemWith(target);
        if (problem !== null) broken.push(`${file}: ${target}: ${problem}`);
      }
    }
    expect(cited).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it("nothing cites the design notes kept outside the repository", () => {
    // Built from parts so that this file does not match its own search.
    const outside = [
      ...["DESIGN", "DOMAIN", "VALIDATION"].map((name) => `${name} \u00a7`),
      `../${"shared"}/`,
      `/work/${"shared"}`,
    ];
    const hits = [...files, "README.md"].flatMap((file) => {
      const text = read(file);
      return outside.filter((needle) => text.includes(needle)).map((needle) => `${file}: ${needle}`);
    });
    expect(hits).toEqual([]);
  });
});

describe("the anchor rule", () => {
  it("follows GitHub's heading ids, including repeats", () => {
    const anchors = anchorsOf(
      "# A `code` title\n## Little's law\n### M/M/1 restores\n## HPE SAS SSDs, 32,768 hours\n## Notes\n## Notes\n```\n# not a heading\n```\n",
    );
    expect([...anchors]).toEqual([
      "a-code-title",
      "littles-law",
      "mm1-restores",
      "hpe-sas-ssds-32768-hours",
      "notes",
      "notes-1",
    ]);
  });

  it("reports a missing file, a missing anchor and a path out of the repository", () => {
    expect(problemWith("docs/no-such-page.md")).toBe("no such file");
    expect(problemWith("docs/validation.md#no-such-heading")).toBe("no heading with anchor #no-such-heading");
    expect(problemWith("../outside.md")).toBe("leaves the repository");
    expect(problemWith("docs/validation.md#littles-law")).toBeNull();
  });
});
