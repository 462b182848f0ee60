/**
 * Backend kinds added by plugins: the scenario layer's half of the backend-plugin registry.
 *
 * A scenario's `backends` entries of the built-in kinds (`filer`, `scale-out`) are validated
 * by the zod schema. An entry of any other kind is valid when a plugin registered that kind:
 * everything in the entry but `kind` goes to the plugin's `describe`, which either reports
 * a problem through `fail(path, expected, found)` (the scenario loader turns it into the
 * usual one-line `backends.<name>.<path>: expected …; found …`) or returns the shape of the
 * backend the entry declares. That shape — nodes, slots, clusters, nodes per group — is all
 * that validation, cross-checks and the memory estimate need, so this layer knows a plugin
 * only as a kind and a `describe`. The model layer's half (src/model/storage/backendPlugins.ts)
 * adds `create`, which builds the backend for a run, and is the way users register plugins.
 *
 * Contract:
 * - A registered kind is never a built-in kind; registering is checked by the model layer.
 * - `pluginKindsVersion()` changes whenever the set of kinds changes, so a schema built for
 *   one set can be cached until then.
 * - `describeEntry` never lets a `fail` escape: a problem comes back as data. Anything else
 *   `describe` throws is the plugin's own error and propagates unchanged. A shape that is
 *   not four whole numbers ≥ 1 (with nodesPerGroup ≤ nodes) is reported as a problem with
 *   the entry itself, naming the plugin.
 */
import { PluginError } from "./PluginError.js";
import type { Topology } from "./topology.js";

/** The kinds the scenario schema validates itself; no plugin may take one of them. */
export const BUILTIN_BACKEND_KINDS: readonly string[] = ["filer", "scale-out"];

/** Reports a problem with a plugin entry's options; `path` is relative to the entry ("drives", "a.b[2]"). */
export type FailCallback = (path: string, expected: string, found: unknown) => never;

/** What the scenario layer needs of a plugin: its kind and how to validate an entry of it. */
export interface PluginBackendKind {
  readonly kind: string;
  describe(options: Record<string, unknown>, fail: FailCallback): Topology;
}

/** A validated backend entry of a plugin kind (in `Scenario["backends"]`). */
export interface PluginBackendSpec {
  readonly kind: string;
  /** Marks the entry as a plugin's: the built-in kinds have no such key. */
  readonly plugin: true;
  /** The entry's keys but `kind`, as the plugin's `describe` accepted them. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The shape `describe` returned. */
  readonly topology: Topology;
}

/** A problem found in a plugin entry, with its path inside the entry. */
export interface EntryProblem {
  readonly path: (string | number)[];
  readonly expected: string;
  readonly found: unknown;
}

const registered = new Map<string, PluginBackendKind>();
let version = 0;

export function registerPluginKind(plugin: PluginBackendKind): void {
  registered.set(plugin.kind, plugin);
  version++;
}

export function pluginKind(kind: string): PluginBackendKind | undefined {
  return registered.get(kind);
}

/** The registered plugin kinds, sorted. */
export function pluginKinds(): PluginBackendKind[] {
  return [...registered.values()].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

export function clearPluginKinds(): void {
  registered.clear();
  version++;
}

export function pluginKindsVersion(): number {
  return version;
}

/** The thrown value that carries a `fail` out of a plugin's `describe`. */
class EntryFailure {
  constructor(readonly problem: EntryProblem) {}
}

/** Runs a plugin's `describe` on an entry's options: the entry's spec, or the first problem. */
export function describeEntry(
  plugin: PluginBackendKind,
  options: Record<string, unknown>,
): { spec: PluginBackendSpec } | { problem: EntryProblem } {
  const fail: FailCallback = (path, expected, found) => {
    throw new EntryFailure({ path: parsePath(path), expected, found });
  };
  let topology: Topology;
  try {
    topology = plugin.describe(options, fail);
  } catch (error) {
    if (error instanceof EntryFailure) return { problem: error.problem };
    throw new PluginError(`the plugin "${plugin.kind}"`, "describe()", error);
  }
  if (!isTopology(topology)) {
    return {
      problem: {
        path: [],
        expected: `the plugin "${plugin.kind}" to describe it as { nodes, slots, clusters, nodesPerGroup }, whole numbers >= 1 with nodesPerGroup <= nodes`,
        found: topology,
      },
    };
  }
  const { nodes, slots, clusters, nodesPerGroup } = topology;
  return {
    spec: { kind: plugin.kind, plugin: true, options, topology: { nodes, slots, clusters, nodesPerGroup } },
  };
}

function isTopology(value: unknown): value is Topology {
  if (value === null || typeof value !== "object") return false;
  const t = value as Record<string, unknown>;
  const whole = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 1;
  return (
    whole(t.nodes) &&
    whole(t.slots) &&
    whole(t.clusters) &&
    whole(t.nodesPerGroup) &&
    (t.nodesPerGroup as number) <= (t.nodes as number)
  );
}

/** `"a.b[2].c"` → `["a", "b", 2, "c"]`; `""` is the entry itself. */
function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  }
  return segments;
}
