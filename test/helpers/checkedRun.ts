/**
 * checkedRun: runs a scenario with every invariant checker of test/checkers/ attached — the
 * way world-level tests run the model. Each checker hears every observer call (before the
 * run recorder) including the storage events and their detail; the first violation throws,
 * naming its checker, and the end-of-run checks run after the horizon. The result is the
 * same as `runScenario`'s: the checkers only listen.
 *
 * `plant` puts a bug between the world and its listeners (a dropped batch, a doubled
 * restore …), for the tests that show each checker catches the bug it exists for.
 */
import { type RunOptions, type RunResult, runScenario } from "../../src/experiment/runScenario.js";
import { teeObservers } from "../../src/metrics/teeObservers.js";
import type { WorldObserver } from "../../src/model/WorldObserver.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { AccessStateMachine } from "../checkers/AccessStateMachine.js";
import type { Checker } from "../checkers/Checker.js";
import { CopiesNeverBelowZero } from "../checkers/CopiesNeverBelowZero.js";
import { LedgerConservation } from "../checkers/LedgerConservation.js";
import { NoNegativePopulations } from "../checkers/NoNegativePopulations.js";
import { RestoreAndFailoverCausality } from "../checkers/RestoreAndFailoverCausality.js";

function allCheckers(): Checker[] {
  return [
    new LedgerConservation(),
    new NoNegativePopulations(),
    new AccessStateMachine(),
    new CopiesNeverBelowZero(),
    new RestoreAndFailoverCausality(),
  ];
}

export interface CheckedRunOptions extends RunOptions {
  /** A bug between the world and every listener: wraps what the world reports to. */
  plant?: (listeners: WorldObserver) => WorldObserver;
}

export function runChecked(scenario: Scenario, options: CheckedRunOptions = {}): RunResult {
  const { plant, ...runOptions } = options;
  const checkers = allCheckers();
  const result = runScenario(scenario, {
    ...runOptions,
    wrapObserver: (observers) => {
      const listeners = teeObservers(checkers[0]!, ...checkers.slice(1), observers);
      return plant ? plant(listeners) : listeners;
    },
  });
  for (const checker of checkers) checker.finish();
  return result;
}
