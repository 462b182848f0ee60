/**
 * Each checker catches the bug it exists for: a bug is planted between the world and its
 * listeners, and the run must fail with a violation named by that checker.
 * The same runs without the plant pass every checker (the first test), so a catch is the
 * plant's doing.
 */
import { describe, expect, it } from "vitest";
import type { ExitBatch, WorldObserver } from "../../src/model/WorldObserver.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import { type CheckedRunOptions, runChecked } from "../helpers/checkedRun.js";
import { CheckerViolation } from "./Checker.js";

const fixture = (name: string) => loadScenarioFile(new URL(`../fixtures/${name}`, import.meta.url).pathname);
const DAMAGE_THEN_LOSS = "regressions/damage-then-loss.yaml";
const REBUILDS = "validation/common-mode-2-way.yaml";
/** A migration whose outages end in late deliveries and nothing else (no losses to reclassify). */
const LATE_MAIL = "rollout/small-migration.yaml";

/** The violation a planted run throws (undefined if it throws none). */
function violationOf(name: string, options: CheckedRunOptions): CheckerViolation | undefined {
  try {
    runChecked(fixture(name), { seed: 1, ...options });
  } catch (error) {
    if (error instanceof CheckerViolation) return error;
    throw error;
  }
  return undefined;
}

/** The listeners with one method replaced; `original` forwards to them. */
function replacing<K extends keyof WorldObserver>(
  method: K,
  replace: (original: WorldObserver[K]) => WorldObserver[K],
): (listeners: WorldObserver) => WorldObserver {
  return (listeners) => {
    const planted: WorldObserver = Object.create(listeners);
    planted[method] = replace(listeners[method].bind(listeners) as WorldObserver[K]);
    return planted;
  };
}

describe("planted bugs, each caught by its checker", () => {
  it("the fixtures pass every checker unplanted", () => {
    expect(violationOf(DAMAGE_THEN_LOSS, {})).toBeUndefined();
    expect(violationOf(REBUILDS, {})).toBeUndefined();
    expect(violationOf(LATE_MAIL, {})).toBeUndefined();
  });

  it("ledger-conservation: a dropped deferred piece", () => {
    let dropped = false;
    const plant = replacing("deliveredLate", (original) => (batch: ExitBatch) => {
      if (!dropped && batch.count > 0) dropped = true;
      else original(batch);
    });
    const violation = violationOf(LATE_MAIL, { plant });
    expect(dropped).toBe(true);
    expect(violation?.checker).toBe("ledger-conservation");
  });

  it("no-negative-populations: a loss that reclassifies messages never stored", () => {
    const plant = replacing(
      "reclassified",
      (original) => (count, from, to) => original(count + 1_000_000, from, to),
    );
    expect(violationOf(DAMAGE_THEN_LOSS, { plant })?.checker).toBe("no-negative-populations");
  });

  it("access-state-machine: a group's return to Up that is never reported", () => {
    let dropped = false;
    const plant = replacing("accessChanged", (original) => (timeMs, group, from, to, mailboxes, logins) => {
      if (!dropped && to === 0) dropped = true;
      else original(timeMs, group, from, to, mailboxes, logins);
    });
    const violation = violationOf(REBUILDS, { plant });
    expect(dropped).toBe(true);
    expect(violation?.checker).toBe("access-state-machine");
  });

  it("copies-never-below-zero: a shard rebuilt twice", () => {
    const plant = replacing("storageEvent", (original) => (kind, timeMs, detail) => {
      original(kind, timeMs, detail);
      if (kind === "shard-rebuilt") original(kind, timeMs, detail);
    });
    expect(violationOf(REBUILDS, { plant })?.checker).toBe("copies-never-below-zero");
  });

  it("restore-and-failover-causality: a doubled restore", () => {
    const plant = replacing("dataRestored", (original) => (timeMs, group, mailboxes, lostAtMs) => {
      original(timeMs, group, mailboxes, lostAtMs);
      original(timeMs, group, mailboxes, lostAtMs);
    });
    expect(violationOf(DAMAGE_THEN_LOSS, { plant })?.checker).toBe("restore-and-failover-causality");
  });

  it("restore-and-failover-causality: a failover with no outage before it", () => {
    // The group's leaving Up is never reported, so its failover seems to answer nothing.
    const plant = replacing("accessChanged", (original) => (timeMs, group, from, to, mailboxes, logins) => {
      if (from !== 0) original(timeMs, group, from, to, mailboxes, logins);
    });
    expect(violationOf(REBUILDS, { plant })?.checker).toBe("restore-and-failover-causality");
  });
});
