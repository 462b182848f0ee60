/**
 * ViolationFound: thrown by `maildrill check` after it has printed a counterexample, so that
 * the program exits with code 1 (docs/check.md: "a violation was found") through the same
 * single exit path as every other outcome. It carries no message of its own: the report
 * has already said everything.
 */
export class ViolationFound extends Error {
  override readonly name = "ViolationFound";

  constructor() {
    super("a check found a violation");
  }
}
