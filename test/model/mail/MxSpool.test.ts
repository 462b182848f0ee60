/**
 * The MX spool's acceptance window and capacity. A fleet-wide outage of 10,000 mailboxes at
 * 30 messages a day (12,500 an hour, flat profile) with a 16 h acceptance window spools
 * 200,000 messages; with a 50,000-message capacity the spool fills after exactly 4 h and the
 * rest of the outage's mail waits at the senders.
 */
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { zScore } from "../../helpers/fixtures.js";

function outageScenario(spool: Record<string, unknown>) {
  return validateScenario({
    name: "spool",
    seed: 99,
    horizon: "10d",
    fleet: { mailboxes: 10_000, inboundPerDay: 30, diurnal: "flat" },
    senders: [{ share: "100%", mta: "postfix" }],
    mx: { spool },
    backends: { store: { kind: "filer", nodes: 2, volumesPerNode: 5, takeover: "none" } },
    faults: [{ at: "1d", target: "store", fault: "crash", duration: "30h" }],
  });
}

describe("MX spool", () => {
  it("spools for acceptFor, then senders queue the rest", () => {
    const { smtp, ledger } = runChecked(outageScenario({ acceptFor: "16h", holdMax: "7d" })).measurements;
    expect(zScore(smtp.viaMxSpool, 200_000, Math.sqrt(200_000))).toBeLessThanOrEqual(4);
    expect(zScore(smtp.viaSender, 12_500 * 14, Math.sqrt(12_500 * 14))).toBeLessThanOrEqual(4);
    expect(ledger.bouncedByMx).toBe(0);
  });

  it("a full spool stops accepting: capacity 50,000 fills after 4 h", () => {
    const { smtp, ledger } = runChecked(
      outageScenario({ acceptFor: "16h", holdMax: "7d", capacityMessages: 50_000 }),
    ).measurements;
    expect(zScore(smtp.viaMxSpool, 50_000, Math.sqrt(50_000))).toBeLessThanOrEqual(4);
    expect(zScore(smtp.viaSender, 12_500 * 26, Math.sqrt(12_500 * 26))).toBeLessThanOrEqual(4);
    expect(ledger.reconciles).toBe(true);
  });

  it("a capacity above the outage's volume changes nothing (same seed, same result)", () => {
    const unbounded = runChecked(outageScenario({ acceptFor: "16h", holdMax: "7d" })).measurements;
    const roomy = runChecked(
      outageScenario({ acceptFor: "16h", holdMax: "7d", capacityMessages: 1e9 }),
    ).measurements;
    expect(roomy).toEqual(unbounded);
  });

  it("mail held past holdMax is bounced by the MX", () => {
    const { ledger } = runChecked(outageScenario({ acceptFor: "16h", holdMax: "20h" })).measurements;
    // Spooled mail that arrived in the first 10 h of a 30 h outage has waited more than 20 h.
    expect(zScore(ledger.bouncedByMx, 125_000, Math.sqrt(125_000))).toBeLessThanOrEqual(4);
  });
});
