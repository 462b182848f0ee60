/**
 * A progress bar for experiments of many runs, on stderr, for a person at a terminal only:
 * when the stream is not a TTY (a pipe, a file, CI) nothing at all is written, so the output
 * stays clean for scripts. Drawn with cli-progress, cleared when done.
 *
 * Contract: `update(done, total)` may be called any number of times; `stop()` always, also
 * after an error (it is a no-op when nothing was drawn).
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  update(doneRuns: number, totalRuns: number): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | undefined;
  return {
    update(doneRuns, totalRuns) {
      if (bar === undefined) {
        bar = new SingleBar({
          stream,
          format: `${label} {bar} {value}/{total} runs · {duration_formatted} · eta {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(totalRuns, 0);
      }
      bar.update(doneRuns);
    },
    stop() {
      bar?.stop();
    },
  };
}
