/**
 * maildrill's programmatic API, and all of it: what is exported here is public, documented
 * and kept stable within a major version; everything else under `src/` is internal and may
 * change. The API follows one run from file to report:
 *
 * 1. load and validate a scenario (`loadScenarioFile`; a bad one throws `InputError`);
 * 2. run it once (`runScenario`) or many times (`compareStrategies`, `sweep`), with the
 *    statistics of `summarizeRuns`;
 * 3. search its fault model for a schedule that breaks a property (`searchFaultSchedules`),
 *    or draw schedules and small scenarios in your own fast-check tests
 *    (`faultScheduleArbitrary`, `smallScenarioArbitrary`; fast-check is a peer dependency,
 *    so they are built from your copy of it);
 * 4. render the same text and CSV reports the command line prints (`runSummaryText`, …);
 * 5. add a kind of storage (`registerBackendPlugin`, the `StorageBackend` interface).
 *
 * Guides: README.md ("Using maildrill as a library"), docs/check.md, docs/plugins.md,
 * docs/experiments.md (result formats), docs/model.md (what each measurement means).
 */

// 5. Storage backend plugins
export type { RandomStream, RandomStreams } from "./engine/RandomStreams.js";
export type { Simulation } from "./engine/Simulation.js";
// 1. Scenarios
export { builtinCompareScenarioPath, builtinScenarioPath } from "./experiment/builtinScenario.js";
// 3. Fault-schedule search and property-based testing
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
// 2. Runs and experiments
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
export { runSeeds, SEED_RULE } from "./experiment/seeds.js";
export {
  readScenarioData,
  SWEEP_SCHEMA_VERSION,
  type SweepOptions,
  type SweepPoint,
  type SweepResult,
  sweep,
} from "./experiment/sweep.js";
export { parseVary, type Vary } from "./experiment/varyPath.js";
export type {
  Availability,
  Integrity,
  Ledger,
  Quantiles,
  RunMeasurements,
  SmtpQueue,
  TimeToRestore,
} from "./metrics/RunMeasurements.js";
export { FIGURE_NAMES, type FigureName, type RunFigures, runFigures } from "./metrics/runFigures.js";
export type { Estimate, ProportionEstimate } from "./metrics/statistics.js";
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
export { Access } from "./model/WorldObserver.js";
// 4. Reports
export type { CheckInvocation } from "./report/checkReport.js";
export { compareCsv, sweepCsv } from "./report/experimentCsv.js";
export { scheduleYaml } from "./report/scheduleYaml.js";
export {
  checkReportText,
  compareReportText,
  runSummaryText,
  sweepReportText,
  type TextReportOptions,
} from "./report/textReports.js";
export type { FaultKind } from "./scenario/faultKinds.js";
export { InputError } from "./scenario/InputError.js";
export { loadScenarioFile, parseScenarioText, validateScenario } from "./scenario/loadScenario.js";
export type { FailCallback } from "./scenario/pluginKinds.js";
export type { Scenario, ScenarioInput } from "./scenario/schema.js";
export type { Topology } from "./scenario/topology.js";
