/**
 * How maildrill reaches Redis for BullMQ, in one place for the coordinator and the workers:
 * the connection options from a `redis://[user:password@]host:port[/db]` URL, the queue name,
 * and a quick reachability check so that a wrong URL is a one-line error before any work
 * starts rather than a silent wait.
 *
 * `maxRetriesPerRequest: null` is what BullMQ requires of a worker's connection (its blocking
 * commands must not fail after a few retries); we use it everywhere so that a Redis restart
 * is ridden out — commands wait for the reconnection — instead of failing the experiment.
 * The queue name carries maildrill's version: a worker of another version, which could give
 * other figures, never takes this version's runs (docs/distributed.md).
 */
import { Redis } from "ioredis";
import { InputError } from "../../scenario/InputError.js";

export function queueName(version: string): string {
  // BullMQ keys are `bull:<queue>:<id>`, so the name must not contain ":".
  return `maildrill-runs-${version.replaceAll(":", "-")}`;
}

/** The options both BullMQ and ioredis accept. */
export interface RedisConnection {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  maxRetriesPerRequest: null;
}

export function redisConnection(url: string): RedisConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw InputError.at("--redis", "a URL redis://HOST:PORT", url);
  }
  if (parsed.protocol !== "redis:" || parsed.hostname === "")
    throw InputError.at("--redis", "a URL redis://HOST:PORT", url);
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) throw InputError.at("--redis", "a database number after the port", url);
  return {
    host: parsed.hostname,
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    ...(parsed.username !== "" ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password !== "" ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db !== "" ? { db: Number(db) } : {}),
    maxRetriesPerRequest: null,
  };
}

const REACH_TIMEOUT_MS = 5000;

/** Pings Redis once; an InputError naming `--redis` if it does not answer. */
export async function checkRedisReachable(url: string): Promise<void> {
  const client = new Redis({
    ...redisConnection(url),
    maxRetriesPerRequest: 0,
    connectTimeout: REACH_TIMEOUT_MS,
    retryStrategy: () => null,
    lazyConnect: true,
  });
  client.on("error", () => {}); // the failed ping below reports it
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw InputError.at("--redis", "a Redis server that answers", `${url} (${(error as Error).message})`);
  } finally {
    client.disconnect();
  }
}
