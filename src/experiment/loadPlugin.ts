/**
 * Loading a backend plugin from a file: `maildrill run --plugin ./my-backend.js`.
 *
 * A plugin file is an ES module whose default export (or, failing that, its export named
 * `backendPlugin`) is a `BackendPlugin` (src/model/storage/backendPlugins.ts): a kind, a
 * `describe` and a `create`. The loader imports it and registers it, so that scenarios
 * validated afterwards accept its kind. Plugins must therefore be loaded before the
 * scenario that uses them.
 *
 * Contract: the path is resolved against the current directory; any problem a user can fix
 * — no such file, a module that fails to load, no plugin exported, a malformed plugin, a
 * kind taken by another plugin — is one InputError naming the `--plugin` option (exit code
 * 2 on the command line). Loading the same file twice registers it once.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BackendPlugin, registerBackendPluginFrom } from "../model/storage/backendPlugins.js";
import { InputError } from "../scenario/InputError.js";

const MAX_REASON_CHARS = 300;

/** Imports the plugin module at `path`, checks its export and registers it. */
export async function loadBackendPlugin(path: string): Promise<BackendPlugin> {
  const source = `--plugin ${path}`;
  const file = resolve(process.cwd(), path);
  if (!isFile(file)) {
    throw new InputError(`${source}: expected a JavaScript module file; found no such file`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new InputError(`${source}: expected a module that loads; found it failing with ${oneLine(reason)}`);
  }
  const candidate = module.default ?? module.backendPlugin;
  if (candidate === undefined) {
    throw new InputError(
      `${source}: expected a backend plugin as the module's default export or its export "backendPlugin"; found neither`,
    );
  }
  return registerBackendPluginFrom(candidate, source);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The loader's reason on one line, cut if long (some loaders add a source excerpt). */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 3)}...` : line;
}
