/**
 * The blast radius through shared dependencies (src/model/SharedDependencies.ts), on a small
 * fixture whose arithmetic is in its header: 1,000 mailboxes, node 0 of 4 (250 mailboxes,
 * h = 0.25) hangs for 48 h; a front-end pool of 10,000 requests would need
 * 1000/s × (0.75 × 0.1 s + 0.25 × 60 s) = 15,075 at once, so it is exhausted for those 48 h.
 *
 * Predicted, per policy (mailbox-hours are exact; bounces are Poisson counts):
 * - isolated: 250 × 48 = 12,000 mailbox-hours down, all of them read-down; peak 250.
 * - service-wide-smtp: every mailbox stops accepting mail → 1,000 × 48 = 48,000 hours down,
 *   but reads fail only on the hung quarter → 12,000 read-down hours; peak 1,000.
 * - pool-exhaustion: every mailbox is down → 48,000 hours down and 48,000 read-down.
 * - Bounces: senders give up after 12 h and the MX spools nothing, so mail arriving in the
 *   first 36 h of the 48 h outage bounces: 30/day × 2 d × 36/48 = 45 per closed mailbox,
 *   11,250 expected when 250 are closed and 45,000 when 1,000 are — four times as many.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { poolExhausted } from "../../src/model/SharedDependencies.js";
import { loadScenarioFile } from "../../src/scenario/loadScenario.js";
import type { Scenario } from "../../src/scenario/schema.js";
import type { SharedDependencySpec } from "../../src/scenario/sharedDependenciesSchema.js";

const base = loadScenarioFile("test/fixtures/blast-radius/one-node-hangs.yaml");
const pool = base.sharedDependencies!.frontends!;

function withPool(changes: Partial<SharedDependencySpec>): Scenario {
  return { ...base, sharedDependencies: { frontends: { ...pool, ...changes } } };
}

const measure = (scenario: Scenario) => runScenario(scenario).measurements;

describe("poolExhausted: Little's law against the capacity", () => {
  it("trips just above h* = (capacity/rate − serviceTime)/(hangTimeout − serviceTime)", () => {
    const hStar = (10_000 / 1000 - 0.1) / (60 - 0.1);
    expect(poolExhausted(pool, hStar - 1e-9)).toBe(false);
    expect(poolExhausted(pool, hStar + 1e-9)).toBe(true);
    expect(poolExhausted(pool, 0)).toBe(false);
  });
});

describe("blast radius: cohort-only, MX closed, pool exhausted", () => {
  const isolated = measure(withPool({ hang: "isolated" }));
  const smtp = measure(withPool({ hang: "service-wide-smtp" }));
  const exhausted = measure(withPool({ hang: "pool-exhaustion" }));

  it("gives the mailbox-hours and peaks the arithmetic predicts", () => {
    expect(isolated.availability.mailboxHoursDown).toBe(12_000);
    expect(isolated.availability.mailboxHoursReadDown).toBe(12_000);
    expect(isolated.availability.peakMailboxesDown).toBe(250);
    expect(smtp.availability.mailboxHoursDown).toBe(48_000);
    expect(smtp.availability.mailboxHoursReadDown).toBe(12_000);
    expect(smtp.availability.peakMailboxesDown).toBe(1000);
    expect(exhausted.availability.mailboxHoursDown).toBe(48_000);
    expect(exhausted.availability.mailboxHoursReadDown).toBe(48_000);
  });

  it("bounces about four times as much mail once every mailbox is closed", () => {
    // 11,250 and 45,000 expected; ±5 SD of a Poisson count is well inside ±5%.
    expect(isolated.ledger.bounced).toBeGreaterThan(11_250 * 0.95);
    expect(isolated.ledger.bounced).toBeLessThan(11_250 * 1.05);
    for (const m of [smtp, exhausted]) {
      expect(m.ledger.bounced).toBeGreaterThan(45_000 * 0.95);
      expect(m.ledger.bounced).toBeLessThan(45_000 * 1.05);
      expect(m.ledger.reconciles).toBe(true);
    }
  });

  it("changes nothing under `isolated`, or when the pool has room for the hung requests", () => {
    const { sharedDependencies: _none, ...without } = base;
    const plain = JSON.stringify(measure(without));
    expect(JSON.stringify(isolated)).toBe(plain);
    expect(JSON.stringify(measure(withPool({ hang: "pool-exhaustion", capacity: 15_076 })))).toBe(plain);
    expect(
      measure(withPool({ hang: "pool-exhaustion", capacity: 15_074 })).availability.mailboxHoursDown,
    ).toBe(48_000);
  });
});
