/**
 * Ctrl-C and `kill`, in one place. A long experiment interrupted must leave the terminal as it
 * found it (the progress bar hides the cursor and turns line wrap off), say how far it got and
 * how to pick it up again (with the run cache: run the same command, only the missing runs
 * run), and exit with the shell's codes for the signal: 128 + its number, 130 for SIGINT and
 * 143 for SIGTERM. A command that must do something else first (a worker finishing the runs
 * it holds) registers its own handler with `onInterrupt`.
 *
 * Contract: `onInterrupt(handler)` runs `handler` once, for the first of the two signals, and
 * returns the function that removes it; with no handler, Node's default applies.
 * `whileInterruptible(progress, work, resumeHint)` runs `work` with such a handler installed;
 * on a signal it stops the progress bar, prints one line on stderr (the runs finished so far,
 * and `resumeHint`'s advice, or that nothing was kept) and exits. Results are written only
 * after the work ends, so an interrupted experiment writes no partial file.
 */
import type { Progress } from "../report/progress.js";

export type StopSignal = "SIGINT" | "SIGTERM";

export const SIGNAL_EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export function onInterrupt(handler: (signal: StopSignal) => void): () => void {
  const listener = (signal: StopSignal) => {
    remove();
    handler(signal);
  };
  const remove = () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return remove;
}

/** How to resume, given how many runs had finished; undefined when nothing was kept. */
export type ResumeHint = (doneRuns: number, totalRuns: number) => string | undefined;

function interruptedMessage(
  signal: StopSignal,
  doneRuns: number,
  totalRuns: number,
  hint: ResumeHint,
): string {
  const advice = hint(doneRuns, totalRuns) ?? "nothing was kept; rerun the command to start again";
  return `maildrill: interrupted by ${signal} after ${doneRuns} of ${totalRuns} runs had finished; ${advice}\n`;
}

export async function whileInterruptible<T>(
  progress: Progress,
  work: (onProgress: (done: number, total: number) => void) => Promise<T>,
  resumeHint: ResumeHint = () => undefined,
): Promise<T> {
  let done = 0;
  let total = 0;
  const stopListening = onInterrupt((signal) => {
    progress.stop();
    process.stderr.write(interruptedMessage(signal, done, total, resumeHint));
    process.exit(SIGNAL_EXIT_CODES[signal]);
  });
  try {
    return await work((doneRuns, totalRuns) => {
      done = doneRuns;
      total = totalRuns;
      progress.update(doneRuns, totalRuns);
    });
  } finally {
    stopListening();
    progress.stop();
  }
}
