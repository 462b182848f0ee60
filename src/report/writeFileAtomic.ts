/**
 * Write a file whole or not at all.
 *
 * A result file that a crash, a full disk or a Ctrl-C leaves half-written looks like a
 * result and is not one. So the content goes to a temporary file next to the target (same
 * directory, hence same filesystem, so the rename cannot turn into a copy), is flushed to
 * the disk with fsync, and only then renamed over the target. rename(2) replaces the target
 * atomically: a reader sees the old file or the new one, never a mix. The directory is then
 * fsynced too, so that the rename itself survives a power cut (best effort: not every
 * platform can open a directory).
 *
 * Contract: on success `path` holds exactly `content` (UTF-8) and no temporary file is left.
 * On failure the error is rethrown, the temporary file `.${basename}.${pid}.tmp` is removed,
 * and the target is as it was. The temp name uses the process id, not the clock, so two
 * processes writing the same target never share a temp file.
 */

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function writeFileAtomic(path: string, content: string): void {
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeAndSync(tempPath, content);
    renameSync(tempPath, path);
  } catch (error) {
    removeQuietly(tempPath);
    throw error;
  }
  syncDirectory(dirname(path));
}

function writeAndSync(path: string, content: string): void {
  const fd = openSync(path, "w");
  try {
    writeFileSync(fd, content, "utf8");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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
