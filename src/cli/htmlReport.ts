/**
 * What every `--html` report needs from the command line: the command that reproduces it
 * (the arguments as given, shell-quoted, without `--threads`, which never changes a result),
 * the maildrill version, and the write itself (whole or not at all, writeFileAtomic.ts).
 *
 * Contract: `rememberInvocation` is called once by `main` with the arguments it parses; the
 * command text depends only on them, so two reports of the same input are the same bytes
 * whatever the thread count. The report renderers (src/report/html/) are imported only when
 * a report is asked for, so commands without `--html` never load them (nor Vega).
 */
import type { ReportMeta } from "../report/html/htmlPage.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import { packageVersion } from "./packageVersion.js";

let invocation: readonly string[] = [];

export function rememberInvocation(argv: readonly string[]): void {
  invocation = [...argv];
}

/** `maildrill …` as typed, minus `--threads N` (a result is the same for any number of threads). */
export function reproduceCommand(argv: readonly string[] = invocation): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--threads") {
      i++;
      continue;
    }
    if (arg.startsWith("--threads=")) continue;
    kept.push(arg);
  }
  return ["maildrill", ...kept].map(shellQuote).join(" ");
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function reportMeta(title: string, scenario: string, seeds: string): ReportMeta {
  return { title, scenario, seeds, version: packageVersion(), command: reproduceCommand() };
}

/** Renders with the report module loaded on demand, then writes the page whole. */
export async function writeHtmlReport(path: string, render: () => Promise<string>): Promise<void> {
  writeFileAtomic(path, await render());
}

/** "8 runs per strategy on seeds 2023/1 … 2023/8" */
export function seedsText(runs: number, seeds: readonly string[], per: string): string {
  const which = runs === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]} … ${seeds[runs - 1]}`;
  return `${runs} run${runs === 1 ? "" : "s"} per ${per} on ${which}`;
}
