/**
 * A real `redis-server` for the distributed tests, on a free port of 127.0.0.1 in a scratch
 * directory, with or without its append-only file; `restart()` stops it (SIGTERM: Redis
 * writes its AOF out on the way down) and starts it again on the same port and directory,
 * as an operator restarting Redis would; `stop()` ends it and removes the directory.
 * Debian's `redis-server` package provides the binary (.ci/run installs it when missing).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface RedisServer {
  url: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function answers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => null });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.disconnect();
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startRedis(options: { appendOnly: boolean }): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "maildrill-redis-"));
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir];
  args.push("--appendonly", options.appendOnly ? "yes" : "no");
  let child = spawn("redis-server", args, { stdio: "ignore" });
  await answers(port, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      child.kill("SIGTERM");
      await exited(child);
      child = spawn("redis-server", args, { stdio: "ignore" });
      await answers(port, 10_000);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
