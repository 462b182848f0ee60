/**
 * What `maildrill` does with no arguments: the main job, `compare` on the built-in Libero 2023
 * migration under its variants (how the vendor's threshold counts, how far a hang spreads),
 * printing the regret table and the verdict (every command runs the built-in
 * scenario when none is given). Four runs per strategy and variant keep it to about 13 s
 * on 2 cores; the report ends with the commands that go deeper (more runs, one variant's
 * whole table, a replay). Options with no command (`maildrill --threads 1 --html out/a.html`)
 * go to that main job; `maildrill --help` and `--version` still print the help and version.
 */
const DEFAULT_COMMAND_RUNS = 4;

const DEFAULT_COMMAND = ["compare", "--runs", String(DEFAULT_COMMAND_RUNS)];

const OWN_OPTIONS = new Set(["-h", "--help", "-V", "--version"]);

export function withDefaultCommand(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first === undefined) return [...DEFAULT_COMMAND];
  // The main job's runs come before the user's options, so a --runs given here wins.
  if (first.startsWith("-") && !OWN_OPTIONS.has(first)) return [...DEFAULT_COMMAND, ...argv];
  return [...argv];
}
