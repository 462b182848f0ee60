/**
 * maildrill's programmatic API: load a scenario, run it, read the measurements; the storage
 * backend interface and the plugin registry for users who add their own kinds of storage
 * (docs/architecture.md, "Writing a backend plugin"); and the engine pieces (streams,
 * distributions, the simulation loop) for users who build on them.
 *
 * Everything exported here is public and documented; anything else is internal and may change.
 */
export * from "./engine/index.js";
export { builtinScenarioPath } from "./experiment/builtinScenario.js";
export { loadBackendPlugin } from "./experiment/loadPlugin.js";
export {
  DEFAULT_MEMORY_LIMIT_BYTES,
  RESULT_SCHEMA_VERSION,
  type RunHeader,
  type RunOptions,
  type RunResult,
  runScenario,
} from "./experiment/runScenario.js";
export type * from "./metrics/RunMeasurements.js";
export {
  type BackendPlugin,
  clearBackendPlugins,
  registerBackendPlugin,
} from "./model/storage/backendPlugins.js";
export type {
  BackendContext,
  FaultInjection,
  NodeCondition,
  SlotDamage,
  StorageBackend,
} from "./model/storage/StorageBackend.js";
export { Access, type WorldObserver } from "./model/WorldObserver.js";
export { InputError } from "./scenario/InputError.js";
export { loadScenarioFile, parseScenarioText, validateScenario } from "./scenario/loadScenario.js";
export type { FailCallback } from "./scenario/pluginKinds.js";
export type { Scenario, ScenarioInput } from "./scenario/schema.js";
export type { Topology } from "./scenario/topology.js";
