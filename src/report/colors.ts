/**
 * Whether to colour terminal output, and the few styles the reports use.
 *
 * Colour is for a person at a terminal: it is off when the output goes to a file or a pipe
 * (the stream is not a TTY), and off when the user sets `NO_COLOR` (no-color.org). A user
 * who wants colour through a pipe (CI logs, `less -R`) sets `FORCE_COLOR`, which wins over
 * both, as it does for Node itself; `FORCE_COLOR=0` (or `false`) forces colour off.
 *
 * The palette is built on a private `Chalk` instance with an explicit level, never on the
 * global `chalk`, whose level chalk guesses from the process's own stdout: a report rendered
 * for a file must not pick up colour because stdout happens to be a terminal.
 *
 * Contract: `colorEnabled` reads only its arguments (`env` defaults to `process.env`);
 * `palette(false)` returns functions that give back their input unchanged.
 */

import { Chalk } from "chalk";

export interface Palette {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  const noColor = env["NO_COLOR"];
  if (noColor !== undefined && noColor !== "") return false;
  return stream.isTTY === true;
}

export function palette(enabled: boolean): Palette {
  // Level 1 is the 16 basic ANSI colours: every terminal that has colour has these.
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    red: (text) => chalk.red(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    cyan: (text) => chalk.cyan(text),
  };
}
