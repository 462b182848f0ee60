#!/usr/bin/env node
/**
 * The maildrill command line: commander wiring only. Each subcommand parses its options,
 * calls the experiment layer and hands the result to a reporter.
 *
 * Exit codes (README.md#exit-codes): 0 ok, 1 a `check` found a violation, 2 bad input. Any error a user
 * can fix prints one line and exits 2; anything else is a maildrill bug and says so (70),
 * including a run that kept failing on the Redis workers (with its replay command). A shard
 * (`--shard K/N`) ends by saying what it wrote, exit 0.
 */
import { Command, CommanderError } from "commander";
import { RunFailed } from "../experiment/distributed/RunFailed.js";
import { ShardFinished } from "../experiment/distributed/shards.js";
import { InputError, safeLine } from "../scenario/InputError.js";
import { expandMerge } from "./commands/merge.js";
import { withDefaultCommand } from "./defaultCommand.js";
import { rememberInvocation } from "./htmlReport.js";
import { packageVersion } from "./packageVersion.js";
import { ViolationFound } from "./ViolationFound.js";

export const EXIT_OK = 0;
const EXIT_VIOLATION = 1;
export const EXIT_BAD_INPUT = 2;
const EXIT_BUG = 70;

/**
 * Each command's module, loaded only when needed. PERF: the commands between them pull in
 * the scenario schema (zod), the model, the worker pool and every report; `--version` needs
 * none of them and `run` only its own, so a command loads its module alone when it is named
 * first on the line, and all of them (for help and did-you-mean) otherwise.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  run: async () => (await import("./commands/run.js")).registerRunCommand,
  compare: async () => (await import("./commands/compare.js")).registerCompareCommand,
  sweep: async () => (await import("./commands/sweep.js")).registerSweepCommand,
  schema: async () => (await import("./commands/schema.js")).registerSchemaCommand,
  check: async () => (await import("./commands/check.js")).registerCheckCommand,
  replay: async () => (await import("./commands/replay.js")).registerReplayCommand,
  scenarios: async () => (await import("./commands/scenarios.js")).registerScenariosCommand,
  worker: async () => (await import("./commands/worker.js")).registerWorkerCommand,
  merge: async () => (await import("./commands/merge.js")).registerMergeCommand,
  estimate: async () => (await import("./commands/estimate.js")).registerEstimateCommand,
};

/** The commands `argv` needs registered: none for a bare --version, the named one, or all. */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  if (argv.length === 1 && (first === "--version" || first === "-V")) return [];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  return Object.keys(COMMANDS);
}

async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("maildrill")
    .description(
      "Rehearse a mail-storage migration: availability, integrity and time-to-restore under storage faults.",
    )
    .version(packageVersion(), "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  const registers = await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  return program;
}

/** Commander's and unexpected errors echo user input too (an unknown option): escaped and cut like an InputError. */
function oneLine(message: string): string {
  return safeLine(message.replace(/^error:\s*/i, "").trim());
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = expandMerge(withDefaultCommand(argv));
    rememberInvocation(args);
    const program = await buildProgram(args);
    await program.parseAsync(args, { from: "user" });
    return EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof ViolationFound) return EXIT_VIOLATION; // the report is already out
  if (error instanceof ShardFinished) {
    process.stderr.write(`maildrill: ${error.message}\n`);
    return EXIT_OK;
  }
  if (error instanceof RunFailed) {
    process.stderr.write(`maildrill: ${oneLine(error.message)}\n`);
    return EXIT_BUG;
  }
  if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return EXIT_OK;
    }
    process.stderr.write(`maildrill: ${oneLine(error.message)} (see maildrill --help)\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    process.stderr.write(`maildrill: ${error.message}\n`);
    // A plugin's own exception (PluginError) carries it as the cause.
    if (process.env.MAILDRILL_DEBUG && error.cause instanceof Error)
      process.stderr.write(`${error.cause.stack ?? ""}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `maildrill: internal error (a bug in maildrill, please report it): ${oneLine(message)}\n`,
  );
  if (process.env.MAILDRILL_DEBUG) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
  return EXIT_BUG;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
