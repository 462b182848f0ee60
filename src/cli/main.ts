#!/usr/bin/env node
/**
 * The maildrill command line: commander wiring only. Each subcommand parses its options,
 * calls the experiment layer and hands the result to a reporter.
 *
 * Exit codes (README.md#exit-codes): 0 ok, 1 a `check` found a violation, 2 bad input. Any error a user
 * can fix prints one line and exits 2; anything else is a maildrill bug and says so.
 */
import { Command, CommanderError } from "commander";
import { InputError, safeLine } from "../scenario/InputError.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCompareCommand } from "./commands/compare.js";
import { registerReplayCommand } from "./commands/replay.js";
import { registerRunCommand } from "./commands/run.js";
import { registerSchemaCommand } from "./commands/schema.js";
import { registerSweepCommand } from "./commands/sweep.js";
import { withDefaultCommand } from "./defaultCommand.js";
import { rememberInvocation } from "./htmlReport.js";
import { packageVersion } from "./packageVersion.js";
import { ViolationFound } from "./ViolationFound.js";

export const EXIT_OK = 0;
const EXIT_VIOLATION = 1;
export const EXIT_BAD_INPUT = 2;
const EXIT_BUG = 70;

function buildProgram(): Command {
  const program = new Command("maildrill")
    .description(
      "Rehearse a mail-storage migration: availability, integrity and time-to-restore under storage faults.",
    )
    .version(packageVersion(), "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  registerRunCommand(program);
  registerCompareCommand(program);
  registerSweepCommand(program);
  registerSchemaCommand(program);
  registerCheckCommand(program);
  registerReplayCommand(program);
  return program;
}

/** Commander's and unexpected errors echo user input too (an unknown option): escaped and cut like an InputError. */
function oneLine(message: string): string {
  return safeLine(message.replace(/^error:\s*/i, "").trim());
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    const args = withDefaultCommand(argv);
    rememberInvocation(args);
    await program.parseAsync(args, { from: "user" });
    return EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof ViolationFound) return EXIT_VIOLATION; // the report is already out
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
