/**
 * A progress bar for experiments of many runs, on stderr, for a person at a terminal only:
 * when the stream is not a TTY (a pipe, a file, CI) nothing at all is written, so the output
 * stays clean for scripts. Drawn with cli-progress, cleared when done.
 *
 * The estimate of the time left is ours, not cli-progress's: its `eta_formatted` printed
 * `NFs` before the first run finished (0 runs done: a rate of zero) and `3m60s` when the
 * seconds rounded up to a whole minute. `formatEta` rounds first, then splits into units.
 *
 * Contract: `update(done, total)` may be called any number of times; `stop()` always, also
 * after an error or an interrupt (it is a no-op when nothing was drawn, and when drawn it
 * gives back the cursor and line wrapping that the bar took).
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  update(doneRuns: number, totalRuns: number): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | undefined;
  // A wall clock only for the person watching; it never reaches a result.
  const startedMs = performance.now();
  return {
    update(doneRuns, totalRuns) {
      if (bar === undefined) {
        bar = new SingleBar({
          stream,
          format: `${label} {bar} {value}/{total} runs · {duration_formatted} · eta {etaText}`,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(totalRuns, 0, { etaText: formatEta(undefined) });
      }
      const elapsedSec = (performance.now() - startedMs) / 1000;
      const leftSec = doneRuns > 0 ? (elapsedSec / doneRuns) * (totalRuns - doneRuns) : undefined;
      bar.update(doneRuns, { etaText: formatEta(leftSec) });
    },
    stop() {
      if (bar === undefined) return;
      bar.stop();
      bar = undefined;
      // Cursor shown, line wrap on: cli-progress restores them on stop; said again so an
      // interrupt mid-draw cannot leave the terminal without them.
      stream.write("\u001b[?25h\u001b[?7h");
    },
  };
}

/** Seconds left as `45s`, `3m 5s`, `2h 4m`; `…` while unknown (no run finished yet, or not finite). */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "…";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
