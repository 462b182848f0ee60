/**
 * The options `compare`, `sweep` and `estimate` share — runs, seed, threads, output format,
 * plugins, memory limit; `--html` and the distributed flags for `compare` and `sweep` only —
 * and how their result leaves the program: a table on stdout (or JSON / CSV
 * with `--json` / `--csv`), the same document written whole to `--out`, a progress bar on a
 * terminal's stderr while the runs go. Where runs are kept and run (cache, Redis, shards) is
 * distributedFlags.ts; on Ctrl-C or SIGTERM an experiment with a cache says how to resume.
 * A command that runs everything here (`estimate`: its weighted runs are neither cached nor sent
 * to workers) takes `addLocalRunsOptions` and so is never offered a flag it would refuse.
 */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { UnitOptions } from "../experiment/distributed/runUnits.js";
import { loadBackendPlugin } from "../experiment/loadPlugin.js";
import { MAX_RUNS, MAX_THREADS, type ManyRunsOptions } from "../experiment/manyRuns.js";
import { checkOutputPaths } from "../report/checkOutputPaths.js";
import { colorEnabled, type Palette, palette } from "../report/colors.js";
import { progressBar } from "../report/progress.js";
import { writeFileAtomic } from "../report/writeFileAtomic.js";
import {
  addDistributedOptions,
  type DistributedFlags,
  distributedOptions,
  reportCacheUse,
} from "./distributedFlags.js";
import { whileInterruptible } from "./interrupts.js";
import { repeatable, seedOption, sizeOption, wholeNumberOption } from "./parseOptions.js";
import { addWidthOptions, tableWidth, type WidthFlags } from "./widthOptions.js";

/** The flags of an experiment whose runs all run here, in this process and its threads. */
export interface LocalRunsFlags extends WidthFlags {
  runs: number;
  seed?: string | number;
  threads?: number;
  json?: boolean;
  csv?: boolean;
  out?: string;
  plugin?: string[];
  maxMemory?: number;
}

export interface ManyRunsFlags extends LocalRunsFlags, DistributedFlags {
  html?: string;
}

/** Everything but `--html` and where runs are kept and run: runs, seed, threads, formats, plugins. */
export function addLocalRunsOptions(command: Command, defaultRuns: number, per: string): Command {
  return addWidthOptions(command)
    .option(
      "--runs <n>",
      `runs per ${per}, all on the same seeds`,
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

/** The local options, `--html`, and the run cache, shards and Redis workers (distributedFlags.ts). */
export function addManyRunsOptions(command: Command, defaultRuns: number, per: string): Command {
  const withOptions = addLocalRunsOptions(command, defaultRuns, per).option(
    "--html <file>",
    "also write a self-contained HTML report with charts to this file",
  );
  return addDistributedOptions(withOptions);
}

/**
 * Refuses an --out or --html that cannot be written, before the scenario is even read: each
 * command calls it first, before it resolves the scenario and asks for `manyRunsOptions`.
 */
export function checkManyRunsOutputs(flags: LocalRunsFlags & { html?: string }): void {
  checkOutputPaths([
    { flag: "--out", path: flags.out },
    { flag: "--html", path: flags.html },
  ]);
}

/**
 * Loads the plugins here and returns the experiment options that pass them on to the workers;
 * `scenarioPath` is the file a replay command names.
 */
export async function manyRunsOptions(flags: ManyRunsFlags, scenarioPath: string): Promise<ManyRunsOptions> {
  const local = await localRunsOptions(flags);
  const units = await distributedOptions(flags, scenarioPath);
  return { ...(units !== undefined ? { units } : {}), ...local };
}

/** The options of runs that all run here: loads the plugins and passes them on to the threads. */
export async function localRunsOptions(flags: LocalRunsFlags): Promise<ManyRunsOptions> {
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

/**
 * Runs the experiment with a progress bar on a terminal's stderr, cleared however it ends,
 * also on Ctrl-C. With a run cache, an interrupt says how to resume, and the end says what
 * the cache saved.
 */
export async function withProgress<T>(
  label: string,
  experiment: (onProgress: (done: number, total: number) => void) => Promise<T>,
  units?: UnitOptions,
): Promise<T> {
  let total = 0;
  const result = await whileInterruptible(
    progressBar(process.stderr, label),
    (onProgress) =>
      experiment((done, all) => {
        total = all;
        onProgress(done, all);
      }),
    (doneRuns) =>
      units?.cache === undefined || doneRuns === 0
        ? undefined
        : `the finished ones are kept in ${units.cache.dir}. Run the same command again to resume: only the missing runs will run.`,
  );
  reportCacheUse(units, total);
  return result;
}

export interface Rendered {
  json: () => string;
  csv: () => string;
  table: (colors: Palette, width: number) => string;
}

export function emitResult(flags: LocalRunsFlags, rendered: Rendered): void {
  if (flags.out !== undefined) writeFileAtomic(flags.out, flags.csv ? rendered.csv() : rendered.json());
  if (flags.json) process.stdout.write(rendered.json());
  else if (flags.csv) process.stdout.write(rendered.csv());
  else process.stdout.write(`${rendered.table(palette(colorEnabled(process.stdout)), tableWidth(flags))}\n`);
}
