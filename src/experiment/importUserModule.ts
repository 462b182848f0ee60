/**
 * importUserModule: imports a module file a user named on the command line (a backend
 * plugin, a property), turning every problem they can fix into one InputError that names the
 * option: no such file, or a module that fails to load (the loader's reason on one line).
 *
 * Contract: the path is resolved against the current directory; returns the module's exports.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../scenario/InputError.js";

const MAX_REASON_CHARS = 300;

/** `source` names the option and value, e.g. `--plugin ./tape.js`. */
export async function importUserModule(
  path: string,
  source: string,
): Promise<{ file: string; module: Record<string, unknown> }> {
  const file = resolve(process.cwd(), path);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile())
    throw new InputError(`${source}: expected a JavaScript module file; found no such file`);
  try {
    return { file, module: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new InputError(`${source}: expected a module that loads; found it failing with ${oneLine(reason)}`);
  }
}

/** The loader's reason on one line, cut if long (some loaders add a source excerpt). */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 3)}...` : line;
}
