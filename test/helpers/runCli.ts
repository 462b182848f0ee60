/**
 * Runs the real CLI from sources in a child process (`node --import tsx src/cli/main.ts …`)
 * and collects its exit code and output. Colour and debug variables are cleared unless a test
 * sets them, so the output is what a script would see.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function runCli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliOutcome> {
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
