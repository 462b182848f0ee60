/**
 * `--trace <file>`: the event log streamed to disk as the run goes, one JSON line per event,
 * instead of held in memory until the end (146 MB of trace took 1 GB of memory that way, and
 * a longer one failed with "Invalid string length"). The file still appears whole or not at
 * all: the lines go to the write's temporary file, renamed into place when the run ends
 * (src/report/writeFileAtomic.ts), and removed if the run fails.
 *
 * Contract: `withTraceFile(path, run)` calls `run` with a trace sink (undefined when `path`
 * is), commits the file after `run` returns and aborts it if `run` throws, rethrowing.
 */
import type { TraceSink } from "../model/World.js";
import { openOutputFile } from "../report/writeFileAtomic.js";

export function withTraceFile<T>(path: string | undefined, run: (trace: TraceSink | undefined) => T): T {
  if (path === undefined) return run(undefined);
  const file = openOutputFile(path);
  try {
    const result = run((record) => file.write(`${JSON.stringify(record)}\n`));
    file.commit();
    return result;
  } catch (error) {
    file.abort();
    throw error;
  }
}
