/**
 * compare through BullMQ on a real redis-server (test/helpers/redisServer.ts) with two worker
 * processes (`maildrill worker`): the JSON is byte-identical to a run in one thread; a worker
 * SIGKILLed in the middle of a run loses nothing (BullMQ's stall check hands the run to
 * another worker) and changes nothing; Redis restarted mid-experiment with its append-only
 * file, the experiment resumes; two coordinators on one experiment share its runs (each run
 * starts once); a run that throws fails the experiment after its attempts, naming its seed
 * and a replay command. The reference is compareStrategies in this process, printed as the
 * CLI prints `--json`.
 */
import { resolve } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeIdentity } from "../../src/cli/codeIdentity.js";
import { compareStrategies } from "../../src/experiment/compare.js";
import { queueName } from "../../src/experiment/distributed/redisConnection.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { type CliProcess, startCli } from "../helpers/cliProcess.js";
import { migrationSmallWith } from "../helpers/fixtures.js";
import { type RedisServer, startRedis } from "../helpers/redisServer.js";
import { REPO_ROOT } from "../helpers/runCli.js";
import { scratchFolder } from "../helpers/scratchFolder.js";

const SMALL = resolve(REPO_ROOT, "test/fixtures/experiment/migration-small.yaml");
const scratch = scratchFolder("maildrill-redis-test");
// Runs long enough (a few hundred ms) that a kill or a restart lands in the middle of one.
const SLOWER = migrationSmallWith(4000, scratch.file);

let redis: RedisServer;
const workers: CliProcess[] = [];

function startWorker(): CliProcess {
  const worker = startCli(["worker", "--redis", redis.url, "--concurrency", "1", "--lock-duration", "1000"]);
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  redis = await startRedis({ appendOnly: true });
  await Promise.all([startWorker(), startWorker()].map((w) => w.waitFor(/ready/)));
});

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.done));
  await redis?.stop();
});

const STRATEGIES = ["big-bang", "canary"];

function compareArgs(file: string, seed: string, runs: number): string[] {
  return [
    "compare",
    file,
    "--runs",
    String(runs),
    "--strategies",
    STRATEGIES.join(","),
    "--seed",
    seed,
    "--json",
  ];
}

async function reference(file: string, seed: string, runs: number): Promise<string> {
  const result = await compareStrategies(loadScenarioFile(file), {
    runs,
    seed,
    threads: 1,
    strategies: STRATEGIES,
  });
  return `${JSON.stringify(result, null, 2)}\n`;
}

const allWorkerLogs = () => workers.map((w) => w.stderr()).join("");
const startsOf = (seed: string) => allWorkerLogs().match(new RegExp(` ${seed}/\\d+\\n`, "g")) ?? [];

describe("compare --redis with two worker processes", () => {
  it("prints the same bytes as --threads 1, with both workers taking runs", async () => {
    const coordinator = startCli([...compareArgs(SMALL, "same", 4), "--redis", redis.url]);
    expect(await coordinator.done).toBe(0);
    expect(coordinator.stdout()).toBe(await reference(SMALL, "same", 4));
    for (const w of workers) expect(w.stderr()).toMatch(/start \w+ \S+ same\//);
  });

  it("completes identically when a worker is SIGKILLed in the middle of a run", async () => {
    const coordinator = startCli([...compareArgs(SLOWER, "kill", 2), "--redis", redis.url]);
    const victim = workers[0]!;
    await victim.waitFor(/start \w+ \S+ kill\/\d+\n/);
    victim.child.kill("SIGKILL");
    const key = /start (\w+) \S+ kill\/\d+\n/.exec(victim.stderr())![1]!;
    startWorker(); // keep two live workers
    expect(await coordinator.done).toBe(0);
    expect(coordinator.stdout()).toBe(await reference(SLOWER, "kill", 2));
    // The run the dead worker held was found stalled and done again by another worker.
    expect(victim.stderr()).not.toContain(`done ${key}`);
    expect(allWorkerLogs()).toContain(`done ${key}`);
    const queue = new Queue(queueName(codeIdentity()), {
      connection: { host: "127.0.0.1", port: redis.port },
    });
    try {
      expect((await queue.getJob(key))?.stalledCounter).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.close();
    }
  });

  it("resumes when Redis is restarted (append-only file) in the middle of the experiment", async () => {
    const coordinator = startCli([...compareArgs(SLOWER, "restart", 3), "--redis", redis.url]);
    // Two workers take one run at a time: a third start means a run has finished.
    while (startsOf("restart").length < 3) await new Promise((wait) => setTimeout(wait, 50));
    expect(coordinator.child.exitCode).toBe(null); // still waiting for runs
    await redis.restart();
    expect(await coordinator.done).toBe(0);
    expect(coordinator.stdout()).toBe(await reference(SLOWER, "restart", 3));
  });

  it("shares the runs between two coordinators of the same experiment: each run starts once", async () => {
    const args = [...compareArgs(SMALL, "shared", 3), "--redis", redis.url];
    const [first, second] = [startCli(args), startCli(args)];
    expect(await first.done).toBe(0);
    expect(await second.done).toBe(0);
    const expected = await reference(SMALL, "shared", 3);
    expect(first.stdout()).toBe(expected);
    expect(second.stdout()).toBe(expected);
    expect(startsOf("shared")).toHaveLength(3 * STRATEGIES.length);
  });

  it("fails the experiment at once on a run whose plugin throws: the plugin's error, exit 2, not retried", async () => {
    const base = resolve(REPO_ROOT, "scenarios/plugins/tape-library.js");
    const plugin = scratch.file(
      "jammed-tape.js",
      `import base from ${JSON.stringify(base)};\n` +
        "export default { ...base, create(name, options) { const b = base.create(name, options);" +
        ' b.start = () => { throw new Error("the tape robot jammed"); }; return b; } };\n',
    );
    const scenario = resolve(REPO_ROOT, "scenarios/plugins/tape-library.yaml");
    const coordinator = startCli([
      "compare",
      scenario,
      "--runs",
      "1",
      "--seed",
      "jam",
      "--plugin",
      plugin,
      "--redis",
      redis.url,
    ]);
    // A plugin's exception is the plugin's error, not maildrill's (exit 2, naming it), and a
    // worker's input error is final: retrying a deterministic run cannot help.
    expect(await coordinator.done).toBe(2);
    expect(coordinator.stderr()).toMatch(
      /^maildrill: the plugin "tape-library" \(backends\.archive\): the plugin's code failed in start\(\) \(Error: the tape robot jammed\); this is an error in the plugin, not in maildrill \(in the run seed jam\/1/,
    );
    expect(coordinator.stderr()).toContain(
      `replay it here with: maildrill run ${scenario} --seed jam/1 --plugin ${plugin})`,
    );
    expect(startsOf("jam")).toHaveLength(1);
  });
});
