/**
 * Backend plugins: storage backends that users write, registered at run time.
 *
 * A plugin adds one backend `kind` to the scenario format. It is three things: the kind
 * (e.g. "tape-library"), a `describe` that validates a scenario entry of that kind and says
 * what shape of backend it declares (nodes, slots, clusters, nodes per protection group), and
 * a `create` that builds that backend — an object implementing `StorageBackend` — for one
 * run. Nothing else in maildrill changes: the world talks to every backend through the
 * `StorageBackend` interface (StorageBackend.ts). Plugins come in through
 * `registerBackendPlugin` (programmatic API) or `maildrill run --plugin <file>`
 * (src/experiment/loadPlugin.ts); scenarios/plugins/tape-library.js is a complete example.
 *
 * Contract:
 * - `kind` is a name of letters, digits, "_", "." or "-", never a built-in kind. Registering
 *   the same plugin object twice is harmless; another plugin with a registered kind is refused.
 * - `describe(options, fail)` gets the entry's keys but `kind` and either calls `fail(path,
 *   expected, found)` — `path` relative to the entry, e.g. "drives" — or returns whole
 *   numbers ≥ 1 with nodesPerGroup ≤ nodes. It must be pure: the same options, the same answer.
 * - `create(name, options)` gets the backend's name and a fresh copy of the options
 *   `describe` accepted, and returns a backend with that name and kind and exactly the nodes,
 *   slots and clusters `describe` announced; a mismatch is refused before the run starts.
 * - Plugin entries carry only the plugin's own options: the common backend options of the
 *   built-in kinds (`bugs`, `nodeCrash`, `nodeLoss`, `repairBandwidth`, …) are not applied
 *   to them in this version; a plugin that wants such behaviour implements it itself.
 */

import { InputError } from "../../scenario/InputError.js";
import { guardPluginCall } from "../../scenario/PluginError.js";
import {
  BUILTIN_BACKEND_KINDS,
  clearPluginKinds,
  type PluginBackendKind,
  type PluginBackendSpec,
  pluginKind,
  registerPluginKind,
} from "../../scenario/pluginKinds.js";
import type { BackendContext, StorageBackend } from "./StorageBackend.js";

/**
 * A kind of storage added by a plugin: its `kind`, how to validate its scenario entry and how to
 * build its backend for a run (docs/plugins.md).
 */
export interface BackendPlugin extends PluginBackendKind {
  /** The `kind` scenario files use, e.g. "tape-library"; must not clash with built-in kinds. */
  readonly kind: string;
  /**
   * Validates the backend's scenario entry (everything but `kind`) and returns its shape, or
   * reports the first problem with `fail(path, expected, found)`, which does not return.
   */
  describe: PluginBackendKind["describe"];
  /** Builds the backend for one run. */
  create(name: string, options: Record<string, unknown>): StorageBackend;
}

const KIND_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Registers a backend plugin, so that scenarios validated from now on accept its kind. */
export function registerBackendPlugin(plugin: BackendPlugin): void {
  registerBackendPluginFrom(plugin, "registerBackendPlugin");
}

/**
 * Checks that `candidate` is a backend plugin and registers it; a problem is an InputError
 * whose message starts with `source` (the API call or the `--plugin` option it came from).
 */
export function registerBackendPluginFrom(candidate: unknown, source: string): BackendPlugin {
  const problem = (expected: string, found: string) =>
    new InputError(`${source}: expected ${expected}; found ${found}`);
  if (candidate === null || typeof candidate !== "object") {
    throw problem("a backend plugin object { kind, describe, create }", describeFound(candidate));
  }
  const plugin = candidate as Partial<Record<keyof BackendPlugin, unknown>>;
  const kind = plugin.kind;
  if (typeof kind !== "string" || !KIND_PATTERN.test(kind)) {
    throw problem(
      'a plugin "kind" of letters, digits, "_", "." or "-"',
      kind === undefined ? "no kind" : describeFound(kind),
    );
  }
  if (BUILTIN_BACKEND_KINDS.includes(kind)) {
    throw problem(
      `a plugin kind other than the built-in kinds ${BUILTIN_BACKEND_KINDS.map((k) => `"${k}"`).join(", ")}`,
      `"${kind}"`,
    );
  }
  for (const method of ["describe", "create"] as const) {
    if (typeof plugin[method] !== "function") {
      throw problem(
        `a function "${method}" in the plugin "${kind}"`,
        plugin[method] === undefined ? "none" : describeFound(plugin[method]),
      );
    }
  }
  const existing = pluginKind(kind);
  if (existing !== undefined && existing !== candidate) {
    throw problem(`a kind no other plugin has registered`, `"${kind}", registered already`);
  }
  registerPluginKind(candidate as BackendPlugin);
  return candidate as BackendPlugin;
}

/** The registered plugin of a kind, if any. */
export function backendPluginFor(kind: string): BackendPlugin | undefined {
  const plugin = pluginKind(kind);
  // Only registerBackendPluginFrom registers kinds, and it checks `create`.
  return plugin !== undefined && "create" in plugin ? (plugin as BackendPlugin) : undefined;
}

/** Forgets every registered plugin (for tests and long-lived hosts). */
export function clearBackendPlugins(): void {
  clearPluginKinds();
}

/** Builds a plugin entry's backend and checks it against what `describe` announced. */
export function buildPluginBackend(name: string, spec: PluginBackendSpec): StorageBackend {
  const plugin = backendPluginFor(spec.kind);
  if (plugin === undefined) {
    throw new InputError(
      `backends.${name}.kind: expected the kind of a registered backend plugin; found "${spec.kind}" (no plugin registers it now)`,
    );
  }
  const who = `the plugin "${spec.kind}" (backends.${name})`;
  const options = structuredClone(spec.options) as Record<string, unknown>;
  const backend = guardPluginCall(who, "create()", () => plugin.create(name, options));
  const { nodes, slots, clusters } = spec.topology;
  const expected = { name, kind: spec.kind, nodeCount: nodes, slotCount: slots, clusterCount: clusters };
  const found = shapeOf(backend);
  if (found !== shapeOf(expected)) {
    throw new InputError(
      `backends.${name}: expected the plugin "${spec.kind}" to create a backend ${shapeOf(expected)}, as its describe() said; found ${found}`,
    );
  }
  return guardedBackend(backend, who);
}

/**
 * The plugin's backend with every method, and every callback it schedules on the simulation,
 * run under guardPluginCall: whatever the plugin's code throws during the run is reported as
 * the plugin's error (PluginError), not as a maildrill bug.
 */
function guardedBackend(backend: StorageBackend, who: string): StorageBackend {
  return new Proxy(backend, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const where = `${String(property)}()`;
      return (...args: unknown[]) => {
        if (property === "start") args[0] = guardedContext(args[0] as BackendContext, who);
        return guardPluginCall(who, where, () => value.apply(target, args));
      };
    },
  });
}

function guardedContext(context: BackendContext, who: string): BackendContext {
  const sim = new Proxy(context.sim, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "callAt") {
        return (timeMs: number, fn: () => void, ...rest: unknown[]) =>
          value.call(target, timeMs, () => guardPluginCall(who, "a callback it scheduled", fn), ...rest);
      }
      if (property === "register") {
        return (name: string, handler: (arg: number) => void) =>
          value.call(target, name, (arg: number) =>
            guardPluginCall(who, `its "${name}" event`, () => handler(arg)),
          );
      }
      return value.bind(target);
    },
  });
  return { ...context, sim };
}

/** The identity and shape of a backend, as `{ name: "b", kind: "k", nodeCount: 2, … }`. */
function shapeOf(backend: Partial<StorageBackend> | null | undefined): string {
  if (backend === null || typeof backend !== "object") return describeFound(backend);
  const keys = ["name", "kind", "nodeCount", "slotCount", "clusterCount"] as const;
  return `{ ${keys.map((key) => `${key}: ${describeFound(backend[key])}`).join(", ")} }`;
}

function describeFound(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined || value === null || typeof value !== "object") return String(value);
  return Array.isArray(value) ? "a list" : "an object";
}
