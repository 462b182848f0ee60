/**
 * What `maildrill` does with no arguments: the main job, `compare` on the built-in Libero 2023
 * migration under its variants (how the vendor's threshold counts, how far a hang spreads),
 * printing the regret table and the verdict (every command runs the built-in
 * scenario when none is given). Four runs per strategy and variant keep it to about a minute
 * on 2 cores; the report ends with the commands that go deeper (more runs, one variant's
 * whole table, a replay). `maildrill --help` still prints the help.
 */
const DEFAULT_COMMAND_RUNS = 4;

const DEFAULT_COMMAND = ["compare", "--runs", String(DEFAULT_COMMAND_RUNS)];

export function withDefaultCommand(argv: readonly string[]): string[] {
  return argv.length === 0 ? [...DEFAULT_COMMAND] : [...argv];
}
