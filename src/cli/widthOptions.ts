/**
 * How wide the terminal tables may be: `--width <n>` when given (scripts and tests ask for an
 * exact width), `--wide` for one table however wide (today's layout, for a pager or a file),
 * else the terminal's own width when stdout is a terminal, else `MAILDRILL_WIDTH` or
 * `COLUMNS` from the environment, else 120 columns — a width most terminals and code review
 * tools show without wrapping.
 *
 * Contract: `tableWidth(flags, stdout, env)` reads only its arguments; the result is a whole
 * number ≥ 40 or `Infinity`. A bad `--width` is a one-line input error; a bad environment value
 * is ignored (the environment is not the user's command line).
 */
import type { Command } from "commander";
import { InputError } from "../scenario/InputError.js";

export interface WidthFlags {
  width?: number;
  wide?: boolean;
}

const DEFAULT_WIDTH = 120;
const MIN_WIDTH = 40;
const MAX_WIDTH = 10_000;

export function addWidthOptions(command: Command): Command {
  return command
    .option(
      "--width <columns>",
      `lay tables out for this many columns (default: the terminal's width, else ${DEFAULT_WIDTH})`,
      widthOption,
    )
    .option("--wide", "one table per section however wide it is (for a pager or a file)");
}

export function tableWidth(
  flags: WidthFlags,
  stdout: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number {
  if (flags.width !== undefined) return flags.width;
  if (flags.wide) return Number.POSITIVE_INFINITY;
  if (stdout.isTTY && stdout.columns !== undefined && stdout.columns >= MIN_WIDTH) return stdout.columns;
  for (const name of ["MAILDRILL_WIDTH", "COLUMNS"]) {
    const value = env[name];
    if (value !== undefined && /^\d+$/.test(value.trim()) && Number(value) >= MIN_WIDTH)
      return Math.min(Number(value), MAX_WIDTH);
  }
  return DEFAULT_WIDTH;
}

function widthOption(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < MIN_WIDTH || n > MAX_WIDTH)
    throw InputError.at("--width", `a whole number of columns from ${MIN_WIDTH} to ${MAX_WIDTH}`, value);
  return n;
}
