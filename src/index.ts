/**
 * maildrill's programmatic API: load a scenario, run it, read the measurements; search its
 * fault model for a schedule that breaks a property, with the fast-check arbitraries of fault
 * schedules and small scenarios for users' own property tests (docs/check.md); the storage
 * backend interface and the plugin registry for users who add their own kinds of storage
 * (docs/plugins.md); and the engine pieces (streams,
 * distributions, the simulation loop) for users who build on them.
 *
 * Everything exported here is public and documented; anything else is internal and may change.
 */
export * from "./engine/index.js";
export { builtinCompareScenarioPath, builtinScenarioPath } from "./experiment/builtinScenario.js";
export { type FaultModel, faultModelOf, type Range } from "./experiment/check/FaultModel.js";
export type { FaultSchedule, ScheduledFault } from "./experiment/check/FaultSchedule.js";
export { faultScheduleArbitrary } from "./experiment/check/faultScheduleArbitrary.js";
export { loadPropertyModule } from "./experiment/check/loadPropertyModule.js";
export { catalogueProperty, PROPERTY_FORMS, type RunProperty } from "./experiment/check/propertyCatalogue.js";
export { decodeSchedule, encodeSchedule } from "./experiment/check/scheduleCode.js";
export {
  checkSeedOf,
  DEFAULT_CHECK_RUNS,
  type SearchOptions,
  type SearchOutcome,
  searchFaultSchedules,
  type Violation,
} from "./experiment/check/searchFaultSchedules.js";
export {
  type SmallScenarioLimits,
  smallScenarioArbitrary,
} from "./experiment/check/smallScenarioArbitrary.js";
export { withFaults } from "./experiment/check/withFaults.js";
export {
  COMPARE_SCHEMA_VERSION,
  type CompareOptions,
  type CompareResult,
  compareStrategies,
  DEFAULT_COMPARE_RUNS,
  type ScenarioHeader,
  type StrategyDifference,
  type StrategyOutcome,
} from "./experiment/compare.js";
export { loadBackendPlugin } from "./experiment/loadPlugin.js";
export type { ManyRunsOptions, RunRecord } from "./experiment/manyRuns.js";
export {
  DEFAULT_MEMORY_LIMIT_BYTES,
  RESULT_SCHEMA_VERSION,
  type RunHeader,
  type RunOptions,
  type RunResult,
  runScenario,
} from "./experiment/runScenario.js";
export { runSeed, runSeeds, SEED_RULE } from "./experiment/seeds.js";
export {
  readScenarioData,
  SWEEP_SCHEMA_VERSION,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
  sweep,
} from "./experiment/sweep.js";
export { parseVary, type Vary } from "./experiment/varyPath.js";
export type * from "./metrics/RunMeasurements.js";
export { FIGURE_NAMES, type FigureName, type RunFigures, runFigures } from "./metrics/runFigures.js";
export {
  CONFIDENCE,
  type Estimate,
  meanInterval,
  type ProportionEstimate,
  pairedDifference,
  wilsonInterval,
} from "./metrics/statistics.js";
export { studentTQuantile } from "./metrics/studentT.js";
export { pairedDifferences, type RunsSummary, summarizeRuns } from "./metrics/summarizeRuns.js";
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
export { scheduleYaml } from "./report/scheduleYaml.js";
export type { FaultKind } from "./scenario/faultKinds.js";
export { InputError } from "./scenario/InputError.js";
export { loadScenarioFile, parseScenarioText, validateScenario } from "./scenario/loadScenario.js";
export type { FailCallback } from "./scenario/pluginKinds.js";
export type { Scenario, ScenarioInput } from "./scenario/schema.js";
export type { Topology } from "./scenario/topology.js";
