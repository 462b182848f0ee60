/**
 * The ziggurat normal against N(0, 1): moments, and the frequency of every band between the
 * layer edges and far into the tail, each within 4 standard errors on a fixed seed.
 */
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../src/engine/RandomStreams.js";
import { normalCdf } from "../../src/engine/specialFunctions.js";
import { zigguratNormal } from "../../src/engine/zigguratNormal.js";

const N = 2_000_000;
const draws = (() => {
  const rng = new RandomStream("ziggurat-test", 11);
  return Float64Array.from({ length: N }, () => zigguratNormal(rng));
})();

describe("zigguratNormal", () => {
  it("has mean 0, variance 1, skew 0 and kurtosis 3 within 4 SE", () => {
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const x of draws) {
      m1 += x;
      m2 += x * x;
      m3 += x ** 3;
      m4 += x ** 4;
    }
    // SEs of the sample moments of N(0,1): sqrt(Var(X^k) / N) with Var = 1, 2, 15, 96.
    expect(Math.abs(m1 / N) / Math.sqrt(1 / N)).toBeLessThan(4);
    expect(Math.abs(m2 / N - 1) / Math.sqrt(2 / N)).toBeLessThan(4);
    expect(Math.abs(m3 / N) / Math.sqrt(15 / N)).toBeLessThan(4);
    expect(Math.abs(m4 / N - 3) / Math.sqrt(96 / N)).toBeLessThan(4);
  });

  it("puts the right mass in every band, wedges and tail included", () => {
    const cuts = [
      -Infinity,
      -4,
      -3.442619855899,
      -3,
      -2.5,
      -2,
      -1.5,
      -1,
      -0.5,
      -0.2,
      0,
      0.2,
      0.5,
      1,
      1.5,
      2,
      2.5,
      3,
      3.442619855899,
      4,
      Infinity,
    ];
    const counts = new Array<number>(cuts.length - 1).fill(0);
    for (const x of draws) {
      let band = 0;
      while (x >= cuts[band + 1]!) band++;
      counts[band]! += 1;
    }
    counts.forEach((count, band) => {
      const p = normalCdf(cuts[band + 1]!) - normalCdf(cuts[band]!);
      const z = (count - N * p) / Math.sqrt(N * p * (1 - p));
      expect(Math.abs(z), `band ${band} [${cuts[band]}, ${cuts[band + 1]})`).toBeLessThan(4);
    });
  });
});
