/**
 * Runs the real CLI from sources in a child process (`node --import tsx src/cli/main.ts …`)
 * and collects its exit code and output (`runCliQueued`: at most two children at once). Colour and debug variables are cleared unless a test
 * sets them, so the output is what a script would see.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.MAILDRILL_DEBUG;
  Object.assign(env, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
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
