/**
 * A run that failed on the Redis workers every time it was tried. maildrill is deterministic,
 * so a run that throws will throw again: after the job's bounded attempts the experiment
 * stops and names the run (strategy, seed, sweep point) so it can be replayed alone, here,
 * with a stack trace (the command line prints the replay command).
 */
export class RunFailed extends Error {
  constructor(
    readonly label: string,
    readonly strategy: string | undefined,
    readonly seed: string,
    /** The sweep point's number (from 1), or undefined for compare. */
    readonly point: number | undefined,
    readonly attempts: number,
    readonly reason: string,
    /** A command that runs it alone, here, when the caller knows one. */
    readonly replay: string | undefined,
  ) {
    super(
      `the run (${label}) failed ${attempts} times on the workers: ${reason}` +
        (replay !== undefined ? `; replay it here with: ${replay}` : ""),
    );
    this.name = "RunFailed";
  }
}
