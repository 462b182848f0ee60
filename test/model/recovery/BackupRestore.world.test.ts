/**
 * A restore needs somewhere to land (docs/model.md#backups-and-restore), through the whole
 * model with every invariant checker listening (`runFixture` → `runChecked`): a restore waits
 * for its node to be replaced, and a bug that bricks the drives (`{ destroy: { replaceAfter } }`)
 * keeps the node down for its hardware lead time. Each test gives the figure the model gave
 * before this rule and the one it gives now.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../../src/scenario/loadScenario.js";
import { runChecked } from "../../helpers/checkedRun.js";
import { fixturePath, runFixture } from "../../helpers/fixtures.js";

const MS_PER_HOUR = 3_600_000;

describe("a restore lands only where there is a node (test/fixtures/restore/)", () => {
  it("a single copy's restore waits for its lost node's 48 h replacement", () => {
    // Before: dataRestore 0.6 h (30 min to start + 360 s), "completed" onto a node down for
    // 48 h; TTR 48.0 h, 4,800 mailbox-hours down. Now: 48 h + 360 s = 48.1 h for both.
    const m = runFixture("restore/restore-waits-for-node.yaml").measurements;
    expect(m.integrity.dataRestore.maxMs).toBe(48 * MS_PER_HOUR + 360_000);
    expect(m.integrity.dataRestore.p50Ms).toBe(48 * MS_PER_HOUR + 360_000);
    expect(m.timeToRestore.meanMs).toBe(48 * MS_PER_HOUR + 360_000);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(4810, 9);
    expect(m.events["restore-landing-down"]).toBe(10);
    expect(m.events["restore-complete"]).toBe(10);
  });

  it("drives bricked by a destroy bug are down for replaceAfter; the restore lands after it", () => {
    // Before (plain `destroy`, restore onto the bricked drives): dataRestore p50 4 h 20 s, max
    // 4 h 40 s; TTR mean 4.008 h; 1,603 mailbox-hours down. Now: 24 h 20 s, 24 h 40 s;
    // TTR mean 24.008 h; 9,603 mailbox-hours down.
    const m = runFixture("restore/destroy-needs-replacement.yaml").measurements;
    expect(m.integrity.dataRestore.p50Ms).toBe(24 * MS_PER_HOUR + 20_000);
    expect(m.integrity.dataRestore.maxMs).toBe(24 * MS_PER_HOUR + 40_000);
    expect(m.timeToRestore.meanMs / MS_PER_HOUR).toBeCloseTo(24.008333, 5);
    expect(m.availability.mailboxHoursDown).toBeCloseTo(9603.333333, 5);
    expect(m.events["node-replaced"]).toBe(4);
    expect(m.events["restore-complete"]).toBe(16);
  });

  it("a plain destroy (data wiped, hardware fine) still restores at once: 4 h 20 s / 4 h 40 s", () => {
    const text = readFileSync(fixturePath("restore/destroy-needs-replacement.yaml"), "utf8");
    const plain = text.replace("effect: { destroy: { replaceAfter: 24h } }", "effect: destroy");
    expect(plain).not.toBe(text);
    const m = runChecked(parseScenarioText(plain, "destroy-plain.yaml")).measurements;
    expect(m.integrity.dataRestore.p50Ms).toBe(4 * MS_PER_HOUR + 20_000);
    expect(m.integrity.dataRestore.maxMs).toBe(4 * MS_PER_HOUR + 40_000);
    expect(m.events["node-replaced"]).toBeUndefined();
  });

  it("a mirror whose nodes come back 12 h and 36 h after the loss: the restore lands on the first, the second is rebuilt", () => {
    // Before: dataRestore 4 h 40 s, "completed" onto two nodes still down; the groups came
    // back when node 0 was in, half of them after a 2-minute failover off node 1 (TTR max
    // 12 h 2 min), and node 1's copies came back at 36 h as if they held the restored data
    // (no rebuild). Now: dataRestore = TTR = 12 h 40 s for all 8 groups (they land on node
    // 0, no failover), and node 1's 8 copies are rebuilt from them once it is in.
    const m = runFixture("restore/mirror-nodes-back-apart.yaml").measurements;
    expect(m.events["restore-complete"]).toBe(8);
    expect(m.integrity.dataRestore.maxMs).toBe(12 * MS_PER_HOUR + 40_000);
    expect(m.timeToRestore.maxMs).toBe(12 * MS_PER_HOUR + 40_000);
    expect(m.events.failover).toBeUndefined();
    expect(m.events["shard-rebuilt"]).toBe(8);
  });
});
