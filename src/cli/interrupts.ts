/**
 * Ctrl-C and `kill`: a long experiment interrupted must leave the terminal as it found it
 * (the progress bar hides the cursor and turns line wrap off), say how far it got, and exit
 * with the shell's codes for the signal: 130 for SIGINT, 143 for SIGTERM (128 + signal).
 *
 * Contract: `whileInterruptible(progress, work)` runs `work` with SIGINT/SIGTERM handlers
 * installed; on a signal it stops the progress bar, prints one line on stderr (the runs
 * finished so far, and `resumeHint`'s advice when there is any) and exits. Handlers are
 * removed when `work` settles. Results are written only after the work ends, so an
 * interrupted experiment writes no partial file.
 */
import type { Progress } from "../report/progress.js";

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * How to pick the interrupted experiment up again: the hook for the run cache (its own
 * helper adds it), which can say "rerun the same command: N runs are cached". Until then
 * there is nothing to resume from, and the message says so.
 */
function resumeHint(_doneRuns: number, _totalRuns: number): string | undefined {
  return undefined;
}

function interruptedMessage(signal: keyof typeof EXIT_CODES, doneRuns: number, totalRuns: number): string {
  const hint = resumeHint(doneRuns, totalRuns) ?? "nothing was written; rerun the command to start again";
  return `maildrill: interrupted by ${signal} after ${doneRuns} of ${totalRuns} runs had finished; ${hint}\n`;
}

export async function whileInterruptible<T>(
  progress: Progress,
  work: (onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  let done = 0;
  let total = 0;
  const onSignal = (signal: keyof typeof EXIT_CODES) => {
    progress.stop();
    process.stderr.write(interruptedMessage(signal, done, total));
    process.exit(EXIT_CODES[signal]);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await work((doneRuns, totalRuns) => {
      done = doneRuns;
      total = totalRuns;
      progress.update(doneRuns, totalRuns);
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    progress.stop();
  }
}
