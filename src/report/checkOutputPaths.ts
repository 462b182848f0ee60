/**
 * Output paths checked before any run starts: a result that cannot be written must be
 * refused at once, with exit 2, not reported as an internal error after minutes of work.
 *
 * Contract: `checkOutputPaths` throws one InputError naming the flag for the first path that
 * is empty, names a directory, lies in a directory that is missing or not writable, is an
 * existing file that cannot be written, or names the same file as an earlier flag (after
 * following symlinks). `-` (standard output) and existing FIFOs and devices are accepted as
 * they are written in place. Writability is probed by creating and removing the temporary
 * file the write will use, so what the check accepts the write can do (also as root, for
 * whom permission bits do not apply but read-only filesystems do). It creates nothing that
 * stays.
 */
import { accessSync, closeSync, constants, openSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../scenario/InputError.js";
import { resolveLink, statOrUndefined } from "./writeFileAtomic.js";

export interface OutputTarget {
  /** The flag that named the path, e.g. `--out`. */
  flag: string;
  path: string | undefined;
}

export function checkOutputPaths(targets: readonly OutputTarget[]): void {
  const seen = new Map<string, string>();
  for (const { flag, path } of targets) {
    if (path === undefined) continue;
    if (path === "") throw InputError.at(flag, "a file path (or - for standard output)", path);
    if (path === "-") continue;
    const target = resolveLink(path);
    const earlier = seen.get(target);
    if (earlier !== undefined) throw InputError.at(flag, `a different file from ${earlier}`, path);
    seen.set(target, flag);
    checkWritable(flag, path, target);
  }
}

function checkWritable(flag: string, path: string, target: string): void {
  const info = statOrUndefined(target);
  if (info?.isDirectory()) throw InputError.at(flag, "a file path, not a directory", path);
  if (info !== undefined && !info.isFile()) return; // a FIFO or a device, written in place
  const directory = statOrUndefined(dirname(target));
  if (directory === undefined || !directory.isDirectory())
    throw InputError.at(flag, `a file in an existing directory (${dirname(target)} does not exist)`, path);
  if (info !== undefined && !canAccess(target, constants.W_OK))
    throw InputError.at(flag, "a file that can be written (this one is read-only)", path);
  if (!canCreateIn(target))
    throw InputError.at(flag, `a file in a writable directory (${dirname(target)} is not)`, path);
}

/** Creates and removes the write's own temp file: the real test of the directory. */
function canCreateIn(target: string): boolean {
  const probe = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    closeSync(openSync(probe, "wx"));
  } catch {
    return false;
  }
  rmSync(probe, { force: true });
  return true;
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
