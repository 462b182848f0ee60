/**
 * What `maildrill` does with no arguments: the main job, `compare` on the built-in Libero 2023
 * migration with the default number of runs (every command runs the built-in
 * scenario when none is given). `maildrill --help` still prints the help.
 */
const DEFAULT_COMMAND = ["compare"];

export function withDefaultCommand(argv: readonly string[]): string[] {
  return argv.length === 0 ? [...DEFAULT_COMMAND] : [...argv];
}
