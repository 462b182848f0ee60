/**
 * Special functions against reference values (computed to 20 digits elsewhere) and against
 * their own identities: Φ(Φ⁻¹(p)) = p, Γ(n + 1) = n!, Stirling's remainder vs log-gamma.
 */
import { describe, expect, it } from "vitest";
import {
  erfc,
  logGamma,
  normalCdf,
  normalQuantile,
  stirlingCorrection,
} from "../../src/engine/specialFunctions.js";

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(tolerance);
}

describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [-3, 0.0013498980316301],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160527e-24],
    [-20, 2.7536241186062337e-89],
  ])("Φ(%d)", (x, expected) => {
    expectRelative(normalCdf(x), expected, 1e-13);
  });

  it("is symmetric and monotone", () => {
    for (let x = -8; x <= 8; x += 0.125) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
      expect(normalCdf(x + 0.125)).toBeGreaterThan(normalCdf(x));
    }
    expect(erfc(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("normalQuantile", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.5, 0],
    [0.05, -1.6448536269514729],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%d)", (p, expected) => {
    if (expected === 0) expect(normalQuantile(p)).toBe(0);
    else expectRelative(normalQuantile(p), expected, 1e-14);
  });

  it("inverts normalCdf on the lower half, far tail included", () => {
    // Above 0, Φ(x) rounds near 1 and any inverse loses digits; the lower half is exact.
    for (let x = -37; x <= 0; x += 0.25) {
      expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThanOrEqual(1e-13 * Math.max(1, -x));
    }
    for (const p of [1e-8, 0.01, 0.3]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 6);
  });

  it("handles the ends", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe("logGamma and Stirling's remainder", () => {
  it("matches log n! and Γ(½) = √π", () => {
    let logFactorial = 0;
    for (let n = 1; n <= 170; n++) {
      logFactorial += Math.log(n);
      expect(Math.abs(logGamma(n + 1) - logFactorial)).toBeLessThanOrEqual(1e-12 * Math.max(1, logFactorial));
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });

  it("stirlingCorrection is ln k! minus Stirling's formula, at every k", () => {
    expect(stirlingCorrection(0)).toBeCloseTo(0.08106146679532726, 15);
    expect(stirlingCorrection(9)).toBeCloseTo(0.008330563433362871, 15);
    for (const k of [10, 11, 15, 30, 100, 1000]) {
      const stirling = (k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI);
      expect(Math.abs(stirlingCorrection(k) - (logGamma(k + 1) - stirling))).toBeLessThan(1e-11);
    }
    // The series is smooth across the switch from the table.
    expect(stirlingCorrection(10)).toBeLessThan(stirlingCorrection(9));
    expect(stirlingCorrection(1e9)).toBeCloseTo(1 / (12 * (1e9 + 1)), 20);
  });
});
