/**
 * Random streams: a stream's draws are a pure function of (seed, name), untouched by any
 * other stream's creation or use; outputs are uniform on [0, 1).
 */
import { describe, expect, it } from "vitest";
import { RandomStream, RandomStreams } from "../../src/engine/RandomStreams.js";

function draws(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

describe("RandomStreams", () => {
  it("gives the same sequence for the same seed and name", () => {
    const a = draws(new RandomStreams(2023).get("faults/vendor"), 1000);
    const b = draws(new RandomStreams(2023).get("faults/vendor"), 1000);
    expect(b).toEqual(a);
    expect(draws(new RandomStreams("2023").get("faults/vendor"), 1000)).toEqual(a); // seeds are strings
  });

  it("gives different sequences for different names or seeds", () => {
    const streams = new RandomStreams(2023);
    const vendor = draws(streams.get("faults/vendor"), 100);
    expect(draws(streams.get("faults/legacy"), 100)).not.toEqual(vendor);
    expect(draws(new RandomStreams(2024).get("faults/vendor"), 100)).not.toEqual(vendor);
    expect(new Set(vendor).size).toBe(100);
  });

  it("returns the same stream object for the same name", () => {
    const streams = new RandomStreams(1);
    const stream = streams.get("a");
    expect(streams.get("a")).toBe(stream);
    expect(stream.name).toBe("a");
    expect(streams.seed).toBe("1");
  });

  it("isolates streams: creating and drawing others never shifts a stream's draws", () => {
    const alone = draws(new RandomStreams(99).get("A"), 300);

    const streams = new RandomStreams(99);
    const a = streams.get("A");
    const interleaved: number[] = [];
    for (let i = 0; i < 300; i++) {
      interleaved.push(a.next());
      streams.get("B").next();
      if (i % 7 === 0) streams.get(`C${i}`).next(); // new streams keep appearing mid-run
      streams.get("B").nextInt(10);
    }
    expect(interleaved).toEqual(alone);
  });

  it("draws uniformly on [0, 1), never 1", () => {
    const stream = new RandomStreams(5).get("uniform");
    const n = 100_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = stream.next();
      sum += u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // mean of U(0,1): 1/2, SE = sqrt(1/12 / n); accept within 4 SE.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it("uses 53 bits, not 32, per draw", () => {
    const stream = new RandomStreams(8).get("bits");
    const fractional = draws(stream, 100).filter((u) => !Number.isInteger(u * 2 ** 32));
    expect(fractional.length).toBeGreaterThan(95);
  });

  it("nextInt covers [0, max) evenly", () => {
    const stream = new RandomStreams(11).get("ints");
    const n = 100_000;
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < n; i++) counts[stream.nextInt(10)]!++;
    // Each count is Binomial(n, 1/10): SE = sqrt(n · 0.1 · 0.9).
    const se = Math.sqrt(n * 0.1 * 0.9);
    for (const count of counts) expect(Math.abs(count - n / 10)).toBeLessThan(4 * se);
    expect(() => stream.nextInt(0)).toThrow(RangeError);
    expect(() => stream.nextInt(2.5)).toThrow(RangeError);
    expect(new RandomStream("x", 1).nextInt(1)).toBe(0);
  });
});
