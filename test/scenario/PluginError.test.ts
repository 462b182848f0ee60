/**
 * A plugin's exception is the plugin's error: thrown from describe(), create(), a backend
 * method or a callback it scheduled, it becomes a PluginError (an InputError: exit 2) naming
 * the plugin and where it failed, never an internal error. The example tape-library plugin
 * is loaded, then one of its methods is replaced by one that throws.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadBackendPlugin } from "../../src/experiment/loadPlugin.js";
import { runScenario } from "../../src/experiment/runScenario.js";
import {
  type BackendPlugin,
  backendPluginFor,
  clearBackendPlugins,
  registerBackendPlugin,
} from "../../src/model/storage/backendPlugins.js";
import type { StorageBackend } from "../../src/model/storage/StorageBackend.js";
import { parseScenarioText } from "../../src/scenario/loadScenario.js";
import { PluginError } from "../../src/scenario/PluginError.js";

const SCENARIO = readFileSync("scenarios/plugins/tape-library.yaml", "utf8");

/** The example plugin, re-registered under its kind with one of its parts broken. */
async function brokenPlugin(change: (plugin: BackendPlugin) => BackendPlugin): Promise<void> {
  await loadBackendPlugin("scenarios/plugins/tape-library.js");
  const plugin = backendPluginFor("tape-library")!;
  clearBackendPlugins();
  registerBackendPlugin(change(plugin));
}

function errorOf(run: () => unknown): PluginError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginError);
    return error as PluginError;
  }
  throw new Error("no error");
}

const boom = () => {
  throw new TypeError("boom");
};

beforeEach(() => clearBackendPlugins());
afterEach(() => clearBackendPlugins());

describe("a plugin's exception is reported as the plugin's error", () => {
  it("in describe()", async () => {
    await brokenPlugin((p) => ({ ...p, describe: boom }));
    expect(errorOf(() => parseScenarioText(SCENARIO, "t.yaml")).message).toBe(
      'the plugin "tape-library": the plugin\'s code failed in describe() (TypeError: boom); this is an error in the plugin, not in maildrill',
    );
  });

  it("in create()", async () => {
    await brokenPlugin((p) => ({ ...p, create: boom }));
    const scenario = parseScenarioText(SCENARIO, "t.yaml");
    expect(errorOf(() => runScenario(scenario)).message).toMatch(
      /^the plugin "tape-library" \(backends\.\w+\): the plugin's code failed in create\(\) \(TypeError: boom\)/,
    );
  });

  it("in a backend method and in a callback it scheduled", async () => {
    await brokenPlugin((p) => ({
      ...p,
      create: (name, options) => Object.assign(p.create(name, options), { placeShard: boom }),
    }));
    expect(errorOf(() => runScenario(parseScenarioText(SCENARIO, "t.yaml"))).message).toMatch(
      /failed in placeShard\(\) \(TypeError: boom\)/,
    );
    clearBackendPlugins();
    await brokenPlugin((p) => ({
      ...p,
      create: (name, options) => {
        const backend: StorageBackend = p.create(name, options);
        const start = backend.start.bind(backend);
        backend.start = (context) => {
          start(context);
          context.sim.callAt(1, boom);
        };
        return backend;
      },
    }));
    expect(errorOf(() => runScenario(parseScenarioText(SCENARIO, "t.yaml"))).message).toMatch(
      /failed in a callback it scheduled \(TypeError: boom\)/,
    );
  });
});
