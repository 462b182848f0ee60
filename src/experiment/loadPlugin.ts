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
import { type BackendPlugin, registerBackendPluginFrom } from "../model/storage/backendPlugins.js";
import { InputError } from "../scenario/InputError.js";
import { importUserModule } from "./importUserModule.js";

/** Imports the plugin module at `path`, checks its export and registers it. */
export async function loadBackendPlugin(path: string): Promise<BackendPlugin> {
  const source = `--plugin ${path}`;
  const { module } = await importUserModule(path, source);
  const candidate = module.default ?? module.backendPlugin;
  if (candidate === undefined) {
    throw new InputError(
      `${source}: expected a backend plugin as the module's default export or its export "backendPlugin"; found neither`,
    );
  }
  return registerBackendPluginFrom(candidate, source);
}
