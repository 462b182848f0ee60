/**
 * Property: over random small scenarios and seeds, every arrived message ends in exactly one
 * ledger class, and availability is consistent (no mailbox counted both up and down: the
 * number down never exceeds the fleet, downtime never exceeds fleet × horizon, and the
 * stricter thresholds never count more mailboxes than the looser ones).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/loadScenario.js";
import { runChecked } from "../helpers/checkedRun.js";
import { expectReconciled } from "../helpers/ledger.js";

const mta = fc.constantFrom("postfix", "exim", "exchange", "gmail");

const smallScenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  mailboxes: fc.integer({ min: 1, max: 300 }),
  nodes: fc.integer({ min: 1, max: 4 }),
  volumesPerNode: fc.integer({ min: 1, max: 3 }),
  horizonHours: fc.integer({ min: 1, max: 24 * 20 }),
  acceptForHours: fc.integer({ min: 0, max: 24 }),
  holdMaxHours: fc.integer({ min: 1, max: 24 * 8 }),
  senders: fc.array(mta, { minLength: 1, maxLength: 3 }),
  crashMeanHours: fc.integer({ min: 6, max: 24 * 30 }),
  downtimeMedianMinutes: fc.integer({ min: 1, max: 24 * 60 * 3 }),
  diurnal: fc.constantFrom("flat", "consumer", "business"),
});

type Drawn = typeof smallScenario extends fc.Arbitrary<infer T> ? T : never;

function toScenario(d: Drawn) {
  const share = 100 / d.senders.length;
  return validateScenario({
    name: "property",
    seed: d.seed,
    horizon: `${d.horizonHours}h`,
    timelineStep: "1h",
    fleet: {
      mailboxes: d.mailboxes,
      inboundPerDay: { lognormal: { median: 40, sigma: 1 } },
      diurnal: d.diurnal,
    },
    senders: d.senders.map((m, i) => ({
      share: `${i === d.senders.length - 1 ? 100 - share * (d.senders.length - 1) : share}%`,
      mta: m,
    })),
    mx: { spool: { acceptFor: `${d.acceptForHours}h`, holdMax: `${d.holdMaxHours}h` } },
    backends: {
      store: {
        kind: "filer",
        nodes: d.nodes,
        volumesPerNode: d.volumesPerNode,
        nodeCrash: {
          ttf: { exponential: { mean: `${d.crashMeanHours}h` } },
          downtime: { lognormal: { median: `${d.downtimeMedianMinutes}m`, sigma: 1 } },
        },
      },
    },
  });
}

describe("ledger and availability invariants", () => {
  it("hold for random small scenarios", () => {
    fc.assert(
      fc.property(smallScenario, (drawn) => {
        const s = toScenario(drawn);
        const { ledger, availability, timeToRestore } = runChecked(s).measurements;
        expectReconciled(ledger);
        expect(ledger.bouncedByMx + ledger.bouncedBySender).toBe(ledger.bounced);
        const n = s.fleet.mailboxes;
        const timeline = availability.timeline.mailboxesDown;
        expect(Math.min(...timeline)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...timeline)).toBeLessThanOrEqual(n);
        expect(availability.peakMailboxesDown).toBeLessThanOrEqual(n);
        expect(availability.mailboxHoursDown).toBeLessThanOrEqual((n * s.horizon) / 3_600_000 + 1e-6);
        expect(availability.fleetAvailability).toBeGreaterThanOrEqual(0);
        expect(availability.fleetAvailability).toBeLessThanOrEqual(1);
        const over = availability.mailboxesDownOver;
        expect(over["24h"]).toBeLessThanOrEqual(over["1h"]);
        expect(over["72h"]).toBeLessThanOrEqual(over["24h"]);
        // Affected counts mailboxes, each once: no more than the fleet, nor than the mailbox-episodes,
        // and at least every mailbox that was out for more than an hour.
        const affected = timeToRestore.affectedMailboxes;
        expect(affected).toBeLessThanOrEqual(n + 1e-9);
        expect(affected).toBeLessThanOrEqual(
          timeToRestore.episodes + timeToRestore.unrestoredAtHorizon + 1e-9,
        );
        expect(affected).toBeGreaterThanOrEqual(over["1h"] - 1e-9);
      }),
      { seed: 20_231_122, numRuns: 60 },
    );
  });
});
