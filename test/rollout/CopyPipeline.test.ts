/**
 * CopyPipeline: one copy at a time at the whole bandwidth, in queue order; a copy that may not
 * start is looked at again later; a copy whose ends failed while it ran is redone; an abort
 * drops the queued copies to the target but keeps the copies back.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/Simulation.js";
import { type CopyJob, CopyPipeline } from "../../src/rollout/CopyPipeline.js";

const GB = 1e9;

function pipeline(
  options: { mayStart?: (job: CopyJob) => boolean; intact?: (job: CopyJob) => boolean } = {},
) {
  const sim = new Simulation();
  const landed: { group: number; back: boolean; atMs: number }[] = [];
  const copies = new CopyPipeline(sim, GB /* per second */, 60_000, {
    bytes: () => 10 * GB,
    mayStart: options.mayStart ?? (() => true),
    intact: options.intact ?? (() => true),
    landed: (job) => landed.push({ ...job, atMs: sim.nowMs }),
  });
  return { sim, copies, landed };
}

describe("CopyPipeline", () => {
  it("copies one unit at a time at the whole bandwidth, in queue order", () => {
    const { sim, copies, landed } = pipeline();
    for (const group of [3, 1, 2]) copies.push({ group, back: false });
    sim.run(1e9);
    // 10 GB at 1 GB/s = 10,000 ms each, back to back.
    expect(landed).toEqual([
      { group: 3, back: false, atMs: 10_000 },
      { group: 1, back: false, atMs: 20_000 },
      { group: 2, back: false, atMs: 30_000 },
    ]);
    expect(copies.bytesForward).toBe(30 * GB);
    expect(copies.idle).toBe(true);
  });

  it("looks again every retry interval while a copy may not start", () => {
    let open = false;
    const { sim, copies, landed } = pipeline({ mayStart: () => open });
    copies.push({ group: 0, back: false });
    sim.callAt(150_000, () => {
      open = true;
    });
    sim.run(1e9);
    // Looked at 0, 60 s, 120 s (closed), 180 s (open): lands 10 s later.
    expect(landed).toEqual([{ group: 0, back: false, atMs: 190_000 }]);
  });

  it("redoes a copy whose ends failed while it ran, and counts the bytes sent twice", () => {
    let failures = 1;
    const { sim, copies, landed } = pipeline({ intact: () => failures-- <= 0 });
    copies.push({ group: 5, back: false });
    sim.run(1e9);
    expect(landed).toEqual([{ group: 5, back: false, atMs: 20_000 }]);
    expect(copies.bytesForward).toBe(20 * GB);
  });

  it("an abort drops the queued copies to the target and keeps the copies back", () => {
    const { sim, copies, landed } = pipeline();
    copies.push({ group: 0, back: false });
    copies.push({ group: 1, back: false });
    copies.push({ group: 2, back: true });
    sim.callAt(5_000, () => copies.dropForwardJobs());
    sim.run(1e9);
    // Group 0 was already copying and finishes; group 1 is dropped; group 2 goes back.
    expect(landed.map((l) => [l.group, l.back])).toEqual([
      [0, false],
      [2, true],
    ]);
    expect(copies.bytesBack).toBe(10 * GB);
  });
});
