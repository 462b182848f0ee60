/**
 * Runs the real CLI from sources in a child process (`node --import tsx src/cli/main.ts …`)
 * and collects its exit code and output (`runCliQueued`: at most two children at once). Colour and debug variables are cleared unless a test
 * sets them, so the output is what a script would see; the run cache is off (MAILDRILL_CACHE=off)
 * unless a test asks for one, so every test really runs its runs.
 */
import { expect } from "vitest";
import { startCli } from "./cliProcess.js";

export { REPO_ROOT } from "./cliProcess.js";

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliOutcome> {
  const child = startCli(args, extraEnv);
  const code = await child.done;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** At most two children at a time (a 2-core machine), started as soon as they are asked for. */
const MAX_CHILDREN = 2;
let active = 0;
const waiting: (() => void)[] = [];

export async function runCliQueued(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<CliOutcome> {
  if (active >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await runCli(args, extraEnv);
  } finally {
    active--;
    waiting.shift()?.();
  }
}

/** The bad-input contract: exit 2, nothing on stdout, one line on stderr naming the problem. */
export function expectOneErrorLine(outcome: CliOutcome, fragment: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe("");
  expect(outcome.stderr).toMatch(/^maildrill: [^\n]*\n$/);
  expect(outcome.stderr).toMatch(fragment);
  expect(outcome.stderr).not.toMatch(/internal error/i);
}
