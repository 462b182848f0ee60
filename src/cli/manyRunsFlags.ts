/**
 * The options `compare` and `sweep` share — runs, seed, threads, output format, plugins,
 * memory limit, `--html` — and how their result leaves the program: a table on stdout (or JSON / CSV
 * with `--json` / `--csv`), the same document written whole to `--out`, a progress bar on a
 * terminal's stderr while the runs go.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { loadBackendPlugin } from "../experiment/loadPlugin.js";
import { MAX_RUNS, MAX_THREADS, type ManyRunsOptions } from "../experiment/manyRuns.js";
import { checkOutputPaths } from "../report/checkOutputPaths.js";
import { colorEnabled, type Palette, palette } from "../report/colors.js";
import { progressBar } from "../report/progress.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import { whileInterruptible } from "./interrupts.js";
import { repeatable, seedOption, sizeOption, wholeNumberOption } from "./parseOptions.js";

export interface ManyRunsFlags {
  runs: number;
  seed?: string | number;
  threads?: number;
  json?: boolean;
  csv?: boolean;
  out?: string;
  html?: string;
  plugin?: string[];
  maxMemory?: number;
}

export function addManyRunsOptions(command: Command, defaultRuns: number, per: string): Command {
  return command
    .option(
      "--runs <n>",
      `runs per ${per}, all on the same seeds (default ${defaultRuns})`,
      wholeNumberOption("--runs", "runs", MAX_RUNS),
      defaultRuns,
    )
    .option("--seed <seed>", "base seed: run i uses <seed>/i (default: the scenario's seed)", seedOption)
    .option(
      "--threads <k>",
      "worker threads (default: one per core); the result is the same for any number",
      wholeNumberOption("--threads", "threads", MAX_THREADS),
    )
    .option("--json", "print the whole result (summaries, differences, every run) as JSON")
    .addOption(new Option("--csv", "print one CSV row per figure instead of the table").conflicts("json"))
    .option("--out <file>", "also write the result to this file (CSV with --csv, else JSON)")
    .option("--html <file>", "also write a self-contained HTML report with charts to this file")
    .option(
      "--plugin <file>",
      "load a backend plugin (an ES module) before the scenario; repeatable",
      repeatable(String),
    )
    .option(
      "--max-memory <size>",
      "refuse scenarios estimated to need more memory than this per run (default 8GB)",
      sizeOption("--max-memory"),
    );
}

/** Loads the plugins here and returns the experiment options that pass them on to the workers. */
export async function manyRunsOptions(flags: ManyRunsFlags): Promise<ManyRunsOptions> {
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--html", path: flags.html },
  ]);
  const plugins = (flags.plugin ?? []).map((file) => resolve(file));
  for (const file of flags.plugin ?? []) await loadBackendPlugin(file);
  return {
    runs: flags.runs,
    threads: flags.threads ?? availableParallelism(),
    plugins,
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.maxMemory !== undefined ? { memoryLimitBytes: flags.maxMemory } : {}),
  };
}

/** Runs the experiment with a progress bar on a terminal's stderr, cleared however it ends, also on Ctrl-C. */
export function withProgress<T>(
  label: string,
  experiment: (onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  return whileInterruptible(progressBar(process.stderr, label), experiment);
}

export interface Rendered {
  json: () => string;
  csv: () => string;
  table: (colors: Palette) => string;
}

export function emitResult(flags: ManyRunsFlags, rendered: Rendered): void {
  if (flags.out !== undefined) writeFileAtomic(flags.out, flags.csv ? rendered.csv() : rendered.json());
  if (flags.json) process.stdout.write(rendered.json());
  else if (flags.csv) process.stdout.write(rendered.csv());
  else process.stdout.write(`${rendered.table(palette(colorEnabled(process.stdout)))}\n`);
}
