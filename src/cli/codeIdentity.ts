/**
 * Which maildrill is running, precisely enough that two processes with the same identity give
 * the same figures: the package version plus a digest of the code itself. The run cache keys
 * and the Redis queue name carry it, so a run computed by other code — a developer's edited
 * working tree, a patched install, a worker on an older checkout with the same version
 * number — is never reused or taken as this code's run. (The version alone was not enough:
 * edits between releases silently reused stale runs from `~/.cache/maildrill/runs`.)
 *
 * The digest is SHA-256 over the sorted relative paths and bytes of the module files under the
 * directory this file was loaded from: `dist/` for the installed, compiled CLI (`.js`), `src/`
 * when run from sources with tsx (`.ts`). Declarations and source maps are left out: they do
 * not change a figure. Contract: deterministic for the same files, whatever the machine; no
 * `:` (BullMQ reserves it in queue names and job ids). It does not see plugins (their own
 * digests enter each unit key) nor the Node version (the simulator's arithmetic is IEEE-754
 * double precision, the same on every platform Node runs on).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { packageVersion } from "./packageVersion.js";

let cached: string | undefined;

/** `<version>-<first 16 hex digits of the code digest>`, computed once per process. */
export function codeIdentity(): string {
  cached ??= `${packageVersion()}-${codeDigest(fileURLToPath(new URL("..", import.meta.url)))}`;
  return cached;
}

/** The first 16 hex digits of the digest of the module files under `root` (exported for its test). */
export function codeDigest(root: string): string {
  const hash = createHash("sha256");
  for (const file of moduleFiles(root)) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

function moduleFiles(dir: string): string[] {
  const files: string[] = [];
  // Sorted by name so the digest never depends on the file system's listing order.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...moduleFiles(path));
    else if (isModule(entry.name)) files.push(path);
  }
  return files;
}

function isModule(name: string): boolean {
  if (name.endsWith(".d.ts")) return false;
  return name.endsWith(".js") || name.endsWith(".ts");
}
