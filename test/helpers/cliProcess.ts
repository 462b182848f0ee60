/**
 * A long-lived CLI child process (`node --import tsx src/cli/main.ts …`) a test can watch and
 * kill: a `maildrill worker`, or an experiment to interrupt. Its stderr is collected as it
 * comes; `waitFor(pattern)` resolves when stderr matches, `done` when the process exits.
 * Colour and debug variables are cleared and the run cache is off (MAILDRILL_CACHE=off) unless
 * the test sets them, so the output is what a script would see and every run really runs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<number | null>;
}

export function startCli(args: string[], extraEnv: Record<string, string> = {}): CliProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILDRILL_CACHE: "off" };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.MAILDRILL_DEBUG;
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  const done = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(err)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${pattern} from maildrill ${args.join(" ")}; stderr: ${err}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}
