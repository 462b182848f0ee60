import { describe, expect, it } from "vitest";
import { deferredQueueIntegralMessageMs } from "../../src/metrics/deferredQueueIntegral.js";
import type { ExitBatch } from "../../src/model/WorldObserver.js";

const batch = (overrides: Partial<ExitBatch>): ExitBatch => ({
  count: 10,
  place: "sender",
  arrivalStartMs: 100,
  arrivalEndMs: 200,
  arrivalMeanMs: 150,
  restoredAtMs: 0,
  ...overrides,
});

describe("deferredQueueIntegralMessageMs", () => {
  it("is count × (exit − arrival) for a step in and a step out", () => {
    const b = batch({ arrivalEndMs: 100, arrivalMeanMs: 100, exitAtMs: 400 });
    expect(deferredQueueIntegralMessageMs(b, 1_000)).toBe(10 * 300);
  });

  it("is count × (exit − mean arrival) for a ramp in and a step out", () => {
    expect(deferredQueueIntegralMessageMs(batch({ exitAtMs: 400 }), 1_000)).toBe(10 * 250);
  });

  it("is count × shift for a ramp shifted out, also when the ramps overlap", () => {
    expect(deferredQueueIntegralMessageMs(batch({ exitShiftMs: 30 }), 1_000)).toBeCloseTo(10 * 30, 9);
    expect(deferredQueueIntegralMessageMs(batch({ exitShiftMs: 300 }), 1_000)).toBeCloseTo(10 * 300, 9);
  });

  it("counts only what lies inside [0, horizon]", () => {
    // Queued from 100–200 (ramp) until 400, horizon at 300: ∫ = 10 × (50 + 100).
    expect(deferredQueueIntegralMessageMs(batch({ exitAtMs: 400 }), 300)).toBeCloseTo(10 * 150, 9);
    // Exits shifted to [250, 350), horizon at 300: arrived 10 × (300 − 150), left 10 × 50² / 200.
    expect(deferredQueueIntegralMessageMs(batch({ exitShiftMs: 150 }), 300)).toBeCloseTo(
      10 * (150 - 12.5),
      9,
    );
  });

  it("uses the batch's own (diurnal-weighted) arrival mean, not the window's midpoint", () => {
    // Arrivals over [100, 200) weighted to the end of the window (mean 170), leaving at 400:
    // the sojourn sum is 10 × (400 − 170), and so must the integral be (it was 10 × 250).
    expect(deferredQueueIntegralMessageMs(batch({ arrivalMeanMs: 170, exitAtMs: 400 }), 1_000)).toBe(
      10 * 230,
    );
  });

  it("throws for a batch without an exit", () => {
    expect(() => deferredQueueIntegralMessageMs(batch({}), 1_000)).toThrow(RangeError);
  });
});
