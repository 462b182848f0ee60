/**
 * Named random streams: common random numbers by construction.
 *
 * Every consumer of randomness asks for a stream by name (`"filer/node-crash"`,
 * `"mail/deferred"`). Each stream is its own generator, seeded with the string
 * `"<run seed>/<name>"`, so the draws of one stream depend only on the seed and its name:
 * adding a new consumer, or drawing more from another stream, never shifts them. Two
 * strategies compared on one seed therefore face the same hardware failures and the same bug
 * trigger, which is what makes paired comparisons sharp (DESIGN §2.3).
 *
 * The generator is seedrandom's Alea (Baagøe): fast in JavaScript (pure double arithmetic,
 * no 32-bit multiply emulation), a period of about 2^116, and it passes BigCrush. Its main
 * output has 32 random bits, which is ample for simulation draws; `next()` never returns 1.
 */
import seedrandom from "seedrandom";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

export class RandomStream implements Rng {
  private readonly generator: () => number;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.generator = seedrandom.alea(seed);
  }

  next(): number {
    return this.generator();
  }

  /** A uniform integer in [0, exclusiveMax). */
  nextInt(exclusiveMax: number): number {
    return Math.floor(this.generator() * exclusiveMax);
  }
}

export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();
  readonly seed: string;

  constructor(seed: string | number) {
    this.seed = String(seed);
  }

  get(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, `${this.seed}/${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
