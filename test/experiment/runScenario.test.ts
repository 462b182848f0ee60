/**
 * runScenario's guards: the work estimate refuses a schedule that would run for hours, and
 * `maxEvents` stops a run with an InputError naming the flag and how far it got.
 */
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
    const text = `${SMALL}protection: { copies: [filer, filer], groups: 100000, scrub: { every: 1s } }\n`;
    expect(() => runScenario(parseScenarioText(text, "s.yaml"))).toThrow(
      /^protection\.scrub\.every: expected a schedule of at most 1e\+9 events/,
    );
  });
});
