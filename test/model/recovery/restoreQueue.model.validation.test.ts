/**
 * docs/validation.md#mm1-restores through the real loader and model: restores of lost mailboxes form
 * an M/M/1 queue (Poisson losses at 0.8/h, exponential restore times of mean 1 h, one FIFO
 * stream), whose time-average number in system is L = 4, within ±0.17 over 1e6 h.
 */
import { describe, expect, it } from "vitest";
import { runFixture } from "../../helpers/fixtures.js";

describe("the restore queue is M/M/1 (docs/validation.md#mm1-restores)", () => {
  it("time-average jobs in the restore system: 4 ± 0.17", () => {
    const { integrity, events } = runFixture("validation/restore-queue-mm1.yaml").measurements;
    const horizonMs = 1e6 * 3_600_000;
    const meanJobs = integrity.restoreQueueIntegralJobMs / horizonMs;
    expect(events["node-loss"]).toBeGreaterThan(790_000);
    expect(Math.abs(meanJobs - 4)).toBeLessThanOrEqual(0.17);
  });
});
