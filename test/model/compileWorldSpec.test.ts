import { describe, expect, it } from "vitest";
import { compileWorldSpec } from "../../src/model/compileWorldSpec.js";
import { editedScenario } from "../helpers/scenarioText.js";

describe("compileWorldSpec", () => {
  const scenario = editedScenario("scenarios/quickstart.yaml", (raw) => {
    const backend = Object.keys(raw.backends)[0];
    raw.faults = [
      { fault: "crash", target: `${backend}/node/1`, at: "3d", duration: "1h" },
      { fault: "crash", target: backend, at: "1d", duration: "1h", repeat: { every: "1d", count: 3 } },
    ];
    raw.operations = [{ operation: "snapshot", target: `${backend}/node/0`, at: "2d" }];
  });
  const spec = compileWorldSpec(scenario);

  it("gives durations and sizes as numbers with units in the names", () => {
    expect(spec.horizonMs).toBe(scenario.horizon);
    expect(spec.messageSizeBytes).toBe(scenario.fleet.messageSize);
    expect(spec.backends.map((b) => b.name)).toEqual(Object.keys(scenario.backends));
  });

  it("expands repeats and sorts faults by time, keeping scenario order at one time", () => {
    const day = 86_400_000;
    expect(spec.faults.map((f) => [f.atMs, f.injection.targetKind, f.injection.targetIndex])).toEqual([
      [day, "backend", 0],
      [2 * day, "backend", 0],
      [3 * day, "node", 1],
      [3 * day, "backend", 0],
    ]);
    expect(spec.faults.every((f) => f.backend === 0)).toBe(true);
    expect(spec.operations).toEqual([
      {
        atMs: 2 * day,
        target: { backend: 0, kind: "node", index: 0 },
        operation: "snapshot",
        version: undefined,
      },
    ]);
  });

  it("gives sender rules as retry schedules", () => {
    expect(spec.mail.senders.length).toBe(scenario.senders.length);
    for (const sender of spec.mail.senders) expect(sender.schedule.attemptAgesMs[0]).toBe(0);
  });
});
