/**
 * Write a file whole or not at all, written as it goes.
 *
 * A result file that a crash, a full disk or a Ctrl-C leaves half-written looks like a
 * result and is not one. So the content goes to a temporary file next to the target (same
 * directory, hence same filesystem, so the rename cannot turn into a copy), is flushed to
 * the disk with fsync, and only then renamed over the target. rename(2) replaces the target
 * atomically: a reader sees the old file or the new one, never a mix. The directory is then
 * fsynced too, so that the rename itself survives a power cut (best effort: not every
 * platform can open a directory).
 *
 * What the target is decides how it is written:
 * - `-` is standard output, written in place;
 * - a symlink is followed: its target is replaced, the link stays a link;
 * - a FIFO, a terminal or a device (`/dev/stdout`) cannot be replaced and is written in place;
 * - a regular file is replaced through the temporary file and keeps its permission bits.
 *
 * Contract: `openOutputFile` returns a writer whose `write` appends (buffered, so a long
 * trace streams to disk instead of growing in memory), `commit` puts the whole content in
 * place, and `abort` removes the temporary file and leaves the target as it was. The temp
 * name `.${basename}.${pid}.tmp` uses the process id, not the clock, so two processes writing
 * the same target never share a temp file; opening a target first removes the temp files of
 * processes that no longer exist (a `kill -9` leaves one behind).
 */

import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export interface OutputFile {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

/** Bytes gathered before one write(2): large enough to be cheap, small enough to stream. */
const FLUSH_CHARS = 1 << 16;

export function writeFileAtomic(path: string, content: string): void {
  const file = openOutputFile(path);
  try {
    file.write(content);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}

export function openOutputFile(path: string): OutputFile {
  if (path === "-") return inPlace(1, false);
  const target = resolveLink(path);
  const existing = statOrUndefined(target);
  if (existing !== undefined && !existing.isFile()) return inPlace(openSync(target, "w"), true);
  removeStaleTemps(target);
  const tempPath = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(tempPath, "w", 0o666);
  const out = buffered(fd);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: out.write,
    commit() {
      out.flush();
      if (existing !== undefined) chmodSync(tempPath, existing.mode & 0o7777);
      fsyncSync(fd);
      close();
      renameSync(tempPath, target);
      syncDirectory(dirname(target));
    },
    abort() {
      try {
        close();
      } finally {
        removeQuietly(tempPath);
      }
    },
  };
}

/** Standard output, a FIFO or a device: written as it goes, nothing to rename or remove. */
function inPlace(fd: number, owned: boolean): OutputFile {
  const out = buffered(fd);
  return {
    write: out.write,
    commit() {
      out.flush();
      if (owned) closeSync(fd);
    },
    abort() {
      if (owned) closeSync(fd);
    },
  };
}

function buffered(fd: number): { write(text: string): void; flush(): void } {
  let pending = "";
  const flush = () => {
    if (pending !== "") writeAll(fd, Buffer.from(pending, "utf8"));
    pending = "";
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= FLUSH_CHARS) flush();
    },
    flush,
  };
}

/** A pipe may take part of a write, or none for now (EAGAIN): keep going until all is out. */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}

/**
 * The file a path names once every symlink is followed, also a dangling link's target (the
 * file the write will create). A device or FIFO keeps the path it was named by: links such
 * as /dev/stdout → /proc/self/fd/1 → "pipe:[…]" only mean something when opened.
 */
export function resolveLink(path: string): string {
  const absolute = resolve(path);
  const info = statOrUndefined(absolute);
  if (info !== undefined && !info.isFile() && !info.isDirectory()) return absolute;
  if (info !== undefined) return realpathSync(absolute);
  let current = absolute;
  for (let hops = 0; hops < 40; hops++) {
    const link = lstatOrUndefined(current);
    if (link === undefined || !link.isSymbolicLink()) break;
    current = resolve(dirname(current), readlinkSync(current));
  }
  try {
    return join(realpathSync(dirname(current)), basename(current));
  } catch {
    return current;
  }
}

/** Temp files `.${name}.${pid}.tmp` of processes that are gone: a kill -9 leaves them behind. */
function removeStaleTemps(target: string): void {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return; // the open below reports the real problem
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length, -".tmp".length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) {
      removeQuietly(join(dirname(target), name));
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

export function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Cleanup must not hide the error that made it necessary. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The original error is the one worth reporting.
  }
}

function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the file is already complete and in place.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
