/**
 * The run cache: a directory of finished runs, one file per unit, named by its content key
 * (unitKey.ts), so an experiment interrupted at any moment — Ctrl-C, SIGTERM, kill -9, a
 * reboot — loses only the runs that were still going, and a shard's output is just a cache.
 *
 * An entry is `<dir>/<first two hex digits>/<key>.json` (two levels keep directories small at a
 * million entries): `{ format, key, unit, figures, sha256 }`, where `figures` is the run's
 * figures as lossless JSON (losslessJson.ts) and `sha256` the digest of `key + "\n" + figures`.
 * Files are written whole or not at all (the injected atomic writer: a temporary file,
 * fsync, rename), so a reader never sees half an entry from a live writer; a file damaged
 * anyway (a disk error, a truncated copy, a hand edit) fails its checksum, is counted as
 * damaged and reported missing, so the run is done again and the entry rewritten. An entry is
 * never trusted on its name alone.
 *
 * Contract: `get` returns the figures `put` stored under the same key, or undefined; it never
 * throws for a missing or damaged entry. Several processes may share one directory: the same
 * key always holds the same content, so concurrent writers cannot disagree. Nothing is ever
 * evicted (an entry is a few hundred bytes); deleting the directory is always safe.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunFigures } from "../../metrics/runFigures.js";
import { losslessJson, parseLosslessJson } from "./losslessJson.js";
import { sha256Hex } from "./unitKey.js";

const ENTRY_FORMAT = "maildrill-run/1";

/** Writes a file whole or not at all (report/writeFileAtomic.ts, injected by the command line). */
export type AtomicWriter = (path: string, content: string) => void;

interface Entry {
  format: string;
  key: string;
  unit: string;
  figures: string;
  sha256: string;
}

export class RunCache {
  /** Entries found and sound, found but damaged (then recomputed), and written, since creation. */
  readonly counts = { found: 0, damaged: 0, written: 0 };

  constructor(
    readonly dir: string,
    readonly writeFile: AtomicWriter,
  ) {}

  entryPath(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): RunFigures | undefined {
    let text: string;
    try {
      text = readFileSync(this.entryPath(key), "utf8");
    } catch {
      return undefined; // not there (or unreadable): the run is simply missing
    }
    const figures = soundFigures(text, key);
    if (figures === undefined) this.counts.damaged++;
    else this.counts.found++;
    return figures;
  }

  /** `unit` says in words which run this is (strategy, seed), for a person reading the directory. */
  put(key: string, unit: string, figures: RunFigures): void {
    const encoded = losslessJson(figures);
    const entry: Entry = {
      format: ENTRY_FORMAT,
      key,
      unit,
      figures: encoded,
      sha256: checksum(key, encoded),
    };
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    this.writeFile(this.entryPath(key), `${JSON.stringify(entry)}\n`);
    this.counts.written++;
  }
}

function checksum(key: string, figures: string): string {
  return sha256Hex(`${key}\n${figures}`);
}

/** The entry's figures if every check passes: JSON, format, the key it is filed under, checksum. */
function soundFigures(text: string, key: string): RunFigures | undefined {
  try {
    const entry = JSON.parse(text) as Partial<Entry>;
    if (entry.format !== ENTRY_FORMAT || entry.key !== key || typeof entry.figures !== "string")
      return undefined;
    if (entry.sha256 !== checksum(key, entry.figures)) return undefined;
    return parseLosslessJson(entry.figures) as RunFigures;
  } catch {
    return undefined;
  }
}
