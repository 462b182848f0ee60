/**
 * `maildrill merge DIR... -- compare|sweep SCENARIO [options]`: assembles an experiment from
 * the directories its shards wrote (`--shard K/N --cache DIR`), running nothing. The words
 * after `--` are the experiment exactly as the shards were given it (output options such as
 * `--json` or `--out` may be added), so every run's content key is the same and the result
 * is byte-identical to one machine running it all. A run no directory holds is named, with
 * its shard when the shards left their manifests, and the exit code is 2.
 *
 * It is spelled as its own command for the people reading a batch job's script; underneath it
 * is the experiment command with one `--merge DIR` per directory (distributedFlags.ts).
 */
import type { Command } from "commander";
import { InputError } from "../../scenario/InputError.js";

const USAGE = "maildrill merge DIR... -- compare|sweep SCENARIO [the shards' options]";
const EXPERIMENTS = new Set(["compare", "sweep"]);

/** `merge a b -- compare s.yaml …` → `compare s.yaml … --merge a --merge b`; other argv unchanged. */
export function expandMerge(argv: readonly string[]): string[] {
  const separator = argv.indexOf("--");
  if (argv[0] !== "merge" || separator < 0) return [...argv];
  const dirs = argv.slice(1, separator);
  const experiment = argv.slice(separator + 1);
  if (dirs.length === 0) throw InputError.at("merge", `at least one directory (${USAGE})`, "none");
  if (!EXPERIMENTS.has(experiment[0] ?? ""))
    throw InputError.at("merge", `compare or sweep after -- (${USAGE})`, experiment[0] ?? "nothing");
  return [...experiment, ...dirs.flatMap((dir) => ["--merge", dir])];
}

export function registerMergeCommand(program: Command): void {
  program
    .command("merge")
    .description("assemble an experiment from its shards' directories, running nothing")
    .usage("DIR... -- compare|sweep SCENARIO [options]")
    .argument("[dirs...]", "the directories the shards wrote (--shard K/N --cache DIR)")
    .action(() => {
      // Only reached without `--` (expandMerge turns a complete merge into its experiment).
      throw InputError.at("merge", `the experiment after -- (${USAGE})`, "no --");
    });
}
