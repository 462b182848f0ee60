/**
 * Named random streams: common random numbers by construction.
 *
 * Every consumer of randomness asks for a stream by name (`"faults/vendor"`,
 * `"mail/deferred"`). Each stream is its own generator, seeded with the string
 * `"<run seed>/<name>"`, so the draws of one stream depend only on the run seed and its
 * name: adding a consumer, creating another stream or drawing more from it never shifts
 * them. Two strategies compared on one seed therefore meet the same hardware failures and
 * the same bug trigger, which is what makes paired comparisons sharp (docs/experiments.md#seeds-common-random-numbers).
 *
 * Generator choice: seedrandom's Alea (Baagøe). Its state is three doubles and a carry, so
 * it runs on plain floating-point arithmetic in V8 (the fastest entry in seedrandom's own
 * table), seeds in microseconds (a run creates dozens of streams, a sweep thousands of
 * runs), has a period near 2^116, and its author reports that it passes TestU01's BigCrush. One Alea step yields only 32 random bits, so `next()` uses seedrandom's
 * `double()`, which combines two steps into 53 bits. The second step buys the tails: with 32
 * bits the smallest non-zero uniform is 2^-32, which caps an exponential draw at 22 means
 * and a Box–Muller normal at 6.7 sigma; with 53 bits the caps are 37 means and 8.6 sigma,
 * and `nextInt` stays uniform for ranges far beyond 2^32.
 *
 * Contract: `next()` is uniform on [0, 1) and never returns 1; `get(name)` returns the same
 * object for the same name; a stream's sequence is a pure function of (seed, name).
 */
import seedrandom from "seedrandom";

export interface Rng {
  /** Uniform on [0, 1); never exactly 1. */
  next(): number;
}

/** One named stream of random numbers of a run; `next()` gives a uniform number in [0, 1). */
export class RandomStream implements Rng {
  readonly name: string;
  private readonly generator: seedrandom.PRNG;

  /** A stream seeded with `${runSeed}/${name}`; RandomStreams.get is the usual way in. */
  constructor(name: string, runSeed: string | number) {
    this.name = name;
    this.generator = seedrandom.alea(`${runSeed}/${name}`);
  }

  next(): number {
    return this.generator.double();
  }

  /**
   * A uniform integer in [0, exclusiveMax). Scaling a 53-bit uniform biases no value by
   * more than exclusiveMax / 2^53 (relative), far below anything a simulation can detect.
   */
  nextInt(exclusiveMax: number): number {
    if (!(Number.isSafeInteger(exclusiveMax) && exclusiveMax > 0)) {
      throw new RangeError(`nextInt needs a positive safe integer, got ${exclusiveMax}`);
    }
    return Math.floor(this.generator.double() * exclusiveMax);
  }
}

/**
 * The named random streams of one run, each seeded from the run's seed and its name, so a new
 * consumer never shifts another's draws. `get(name)` returns the stream of that name.
 */
export class RandomStreams {
  readonly seed: string;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: string | number) {
    this.seed = String(seed);
  }

  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, this.seed);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
