/**
 * writeLatencyFactor: the p99 of the migrated units' write-latency ratio, each unit weighted by
 * its mailboxes — a slow node shows once it carries more than 1% of the migrated mailboxes, not
 * before (the maximum would), and whatever the other nodes do (the mean would dilute it).
 */
import { describe, expect, it } from "vitest";
import type { MigrationPort } from "../../../src/model/MigrationPort.js";
import { writeLatencyFactor } from "../../../src/rollout/analysis/writeLatencyFactor.js";

const TARGET = 1;

/** A port of `units` groups (two shards each) of `mailboxes` each; `slow[g]` is unit g's node factor. */
function port(units: number, migrated: number, slow: Record<number, number>, mailboxes = 10): MigrationPort {
  const fake: Partial<MigrationPort> = {
    groupCount: units,
    shardCount: 2,
    isPresent: (shard) => shard % 2 === TARGET && Math.floor(shard / 2) < migrated,
    groupMailboxes: () => mailboxes,
    shardSlowFactor: (shard) => slow[Math.floor(shard / 2)] ?? 1,
  };
  return fake as MigrationPort;
}

describe("writeLatencyFactor", () => {
  it("reads 1 while no unit has a copy on the target", () => {
    expect(writeLatencyFactor(port(10, 0, { 0: 8 }), TARGET)).toBe(1);
  });

  it("a slow node holding 1% of the migrated mailboxes stays under the p99 line; more than 1% shows", () => {
    expect(writeLatencyFactor(port(200, 200, { 7: 5 }), TARGET)).toBe(1); // 0.5%
    expect(writeLatencyFactor(port(200, 200, { 7: 5, 9: 5 }), TARGET)).toBe(1); // exactly 1%
    expect(writeLatencyFactor(port(200, 200, { 7: 5, 9: 5, 11: 5 }), TARGET)).toBe(5); // 1.5%
  });

  it("only migrated units count: the same slow unit shows once few others have moved", () => {
    expect(writeLatencyFactor(port(200, 200, { 3: 5 }), TARGET)).toBe(1);
    expect(writeLatencyFactor(port(200, 20, { 3: 5 }), TARGET)).toBe(5); // 1 of 20 units
    expect(writeLatencyFactor(port(200, 3, { 3: 5 }), TARGET)).toBe(1); // unit 3 not moved yet
  });

  it("with two slow nodes the p99 is the factor at the 99th percentile, not the largest", () => {
    // 3% at ×4 and 0.5% at ×9: the slowest 1% of writes all take ×4 or more, not ×9.
    const slow: Record<number, number> = { 0: 9, 10: 4, 20: 4, 30: 4, 40: 4, 50: 4, 60: 4 };
    expect(writeLatencyFactor(port(200, 200, slow), TARGET)).toBe(4);
  });
});
