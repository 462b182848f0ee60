/**
 * Regressions found while writing the incident scenarios; each test fails on the code before
 * its fix (figures from the fixtures in test/fixtures/regressions/).
 */
import { describe, expect, it } from "vitest";
import { runFixture } from "../helpers/fixtures.js";
import { expectReconciled } from "../helpers/ledger.js";

describe("regressions", () => {
  it("damage before a total loss keeps the backed-up mail recoverable", () => {
    const withDamage = runFixture("regressions/damage-then-loss.yaml").measurements;
    expectReconciled(withDamage.ledger);
    // 1,000 mailboxes × 100 messages/day: the backup at 1 d holds ~100,000 messages, the
    // loss at 1 d 18 h takes ~175,000. Before the fix only ~25,000 came back recovered.
    expect(withDamage.ledger.recovered).toBeGreaterThan(95_000);
    expect(withDamage.ledger.recovered).toBeLessThan(103_000);
    expect(withDamage.ledger.silentlyLost).toBeLessThan(80_000);
    expect(withDamage.ledger.corruptedServed).toBeGreaterThan(0);
  });

  it("upgrading a whole backend into a time bomb that already went off hits every node", () => {
    const m = runFixture("regressions/time-bomb-upgrade.yaml").measurements;
    expect(m.availability.peakMailboxesDown).toBe(400); // before the fix: 100, the first node's
    expect(m.events["bug-effect"]).toBe(4);
  });

  it("a data effect strikes each node once, however many upgrades follow", () => {
    const m = runFixture("regressions/destroy-on-upgrade.yaml").measurements;
    expect(m.events["shard-lost"]).toBe(16); // 8 nodes × 2 slots; before the fix 72
    expect(m.events["bug-effect"]).toBe(8);
  });
});
