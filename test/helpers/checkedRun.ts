/**
 * checkedRun: runs a scenario with every invariant checker of test/checkers/ attached — the
 * way world-level tests run the model. Each checker hears every observer call (before the
 * run recorder) and every trace record; the first violation throws, naming its checker, and
 * the end-of-run checks run after the horizon. The result is the same as `runScenario`'s: the
 * checkers only listen.
 *
 * `plant` and `plantTrace` put a bug between the world and its listeners (a dropped batch,
 * a doubled restore …), for the tests that show each checker catches the bug it exists for.
 */
import { type RunOptions, type RunResult, runScenario } from "../../src/experiment/runScenario.js";
import type { TraceSink } from "../../src/model/World.js";
import type { WorldObserver } from "../../src/model/WorldObserver.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { AccessStateMachine } from "../checkers/AccessStateMachine.js";
import type { Checker } from "../checkers/Checker.js";
import { CopiesNeverBelowZero } from "../checkers/CopiesNeverBelowZero.js";
import { LedgerConservation } from "../checkers/LedgerConservation.js";
import { NoNegativePopulations } from "../checkers/NoNegativePopulations.js";
import { RestoreAndFailoverCausality } from "../checkers/RestoreAndFailoverCausality.js";

const OBSERVER_METHODS = [
  "accessChanged",
  "groupResized",
  "arrived",
  "storedIntact",
  "deliveredLate",
  "bounced",
  "pendingAtHorizon",
  "classified",
  "reclassified",
  "dataRestored",
  "restoreQueueTotals",
  "dataLost",
  "storageEvent",
] as const satisfies readonly (keyof WorldObserver)[];

// tsc fails here if WorldObserver gains a method the fan-out would not forward.
const everyMethodForwarded: Exclude<keyof WorldObserver, (typeof OBSERVER_METHODS)[number]> extends never
  ? true
  : false = true;
void everyMethodForwarded;

/** One observer that forwards every call to each target in turn. */
export function fanOut(targets: readonly WorldObserver[]): WorldObserver {
  const forward: Record<string, (...args: unknown[]) => void> = {};
  for (const method of OBSERVER_METHODS) {
    forward[method] = (...args: unknown[]) => {
      for (const target of targets) (target[method] as (...a: unknown[]) => void).apply(target, args);
    };
  }
  return forward as unknown as WorldObserver;
}

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
  /** A bug between the world and the trace's listeners. */
  plantTrace?: (sink: TraceSink) => TraceSink;
}

export function runChecked(scenario: Scenario, options: CheckedRunOptions = {}): RunResult {
  const { plant, plantTrace, ...runOptions } = options;
  const checkers = allCheckers();
  const userTrace = options.trace;
  const trace: TraceSink = (record) => {
    for (const checker of checkers) checker.trace(record);
    userTrace?.(record);
  };
  const result = runScenario(scenario, {
    ...runOptions,
    trace: plantTrace ? plantTrace(trace) : trace,
    alsoObserve: (recorder) => {
      const listeners = fanOut([...checkers, recorder]);
      return plant ? plant(listeners) : listeners;
    },
  });
  for (const checker of checkers) checker.finish();
  return result;
}
