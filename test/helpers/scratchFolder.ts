/**
 * A scratch folder for one test file: created when the file loads, removed after its tests,
 * with a writer for the small modules and scenarios the tests feed to the code under test.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export interface ScratchFolder {
  readonly path: string;
  /** Writes `text` to `name` in the folder and returns the file's path. */
  file(name: string, text: string): string;
}

/** A fresh folder under the OS temp directory, named `<prefix>-…`, removed after the file's tests. */
export function scratchFolder(prefix: string): ScratchFolder {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(path, { recursive: true, force: true }));
  return {
    path,
    file(name, text) {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
