/**
 * runScenario's guards: the work estimate refuses a schedule that would run for hours, and
 * `maxEvents` stops a run with an InputError naming the flag and how far it got.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/runScenario.js";
import { InputError } from "../../src/scenario/InputError.js";
import { parseScenarioText } from "../../src/scenario/loadScenario.js";

const SMALL = `
name: small
horizon: 30d
fleet: { mailboxes: 200 }
backends: { filer: { kind: filer, nodes: 4, nodeCrash: { ttf: 2d, downtime: 1h } } }
`;

describe("runScenario guards", () => {
  it("stops at --max-events with a message naming the flag and the simulated time reached", () => {
    const scenario = parseScenarioText(SMALL, "small.yaml");
    expect(() => runScenario(scenario, { maxEvents: 5 })).toThrow(InputError);
    expect(() => runScenario(scenario, { maxEvents: 5 })).toThrow(
      /^--max-events: the run stopped after 5 events at .+ of 30d simulated/,
    );
    expect(runScenario(scenario, { maxEvents: 1_000_000 }).measurements.ledger.reconciles).toBe(true);
  });

  it("refuses a scrub schedule estimated past a billion events, naming the field", () => {
    const text = `${SMALL.replace("mailboxes: 200", "mailboxes: 100000")}protection: { copies: [filer, filer], groups: 100000, scrub: { every: 1s } }\n`;
    expect(() => runScenario(parseScenarioText(text, "s.yaml"))).toThrow(
      /^protection\.scrub\.every: expected a schedule of at most 1e\+9 events/,
    );
  });
});

describe("Little's law for the deferred queue", () => {
  it("the queue integral equals the sojourn sum on the quickstart, at 30 days and at 1 year", () => {
    const quickstart = readFileSync("scenarios/quickstart.yaml", "utf8");
    for (const horizon of ["30d", "365d"]) {
      const text = quickstart.replace("horizon: 30d", `horizon: ${horizon}`);
      const { deferredIntegralMessageMs, sojournSumMessageMs } = runScenario(
        parseScenarioText(text, "q.yaml"),
      ).measurements.smtp;
      expect(sojournSumMessageMs).toBeGreaterThan(0);
      // Off by 6e-4 (30 d) and 7e-4 (1 y) when the integral took arrivals as uniform in a batch.
      expect(Math.abs(deferredIntegralMessageMs / sojournSumMessageMs - 1)).toBeLessThan(1e-9);
    }
  });
});
