/**
 * Fleet: the mailboxes, stored as struct-of-arrays (one typed array per attribute, never one
 * object per mailbox), so that nine million mailboxes cost ~40 bytes each.
 *
 * Contract: attributes are drawn once, in mailbox order, from the `fleet` stream, so the same
 * seed gives the same fleet whatever else the run does; each attribute has its own stream so
 * changing one distribution never reshuffles another. PERF: because each stream is the
 * attribute's own, lognormals use the ziggurat normal (a varying number of uniforms per draw,
 * about twice as fast as Box–Muller); 27 M draws are most of a 9 M-mailbox run.
 */
import { ownStreamSamplerOf } from "../engine/distributions.js";
import type { RandomStreams } from "../engine/RandomStreams.js";
import type { FleetSpec } from "../scenario/schema.js";

/** Bytes of typed-array state per mailbox across the model (fleet + placement + accounting). */
export const BYTES_PER_MAILBOX = 8 + 8 + 4 + 1 + 4 + 8;

export class Fleet {
  readonly count: number;
  readonly sizeBytes: Float64Array;
  readonly inboundPerDay: Float64Array;
  readonly loginsPerDay: Float32Array;
  readonly tier: Uint8Array;
  readonly tierNames: readonly string[];

  constructor(spec: FleetSpec, streams: RandomStreams) {
    const n = spec.mailboxes;
    this.count = n;
    this.tierNames = spec.tiers.map((t) => t.name);
    const sizes = spec.sizes;
    this.sizeBytes = sizes
      ? Float64Array.from({ length: n }, (_, m) => sizes[m % sizes.length]!)
      : drawEach(n, nonNegative(ownStreamSamplerOf(spec.size)), streams.get("fleet/size"), Float64Array);
    this.inboundPerDay = drawEach(
      n,
      nonNegative(ownStreamSamplerOf(spec.inboundPerDay)),
      streams.get("fleet/inbound"),
      Float64Array,
    );
    this.loginsPerDay = drawEach(
      n,
      nonNegative(ownStreamSamplerOf(spec.loginsPerDay)),
      streams.get("fleet/logins"),
      Float32Array,
    );
    this.tier = drawTiers(
      n,
      spec.tiers.map((t) => t.share),
      streams.get("fleet/tier"),
    );
  }
}

type Draw = (rng: { next(): number }) => number;

function nonNegative(draw: Draw): Draw {
  return (rng) => Math.max(0, draw(rng));
}

function drawEach<T extends Float64Array | Float32Array>(
  n: number,
  draw: Draw,
  rng: { next(): number },
  Kind: new (n: number) => T,
): T {
  const out = new Kind(n);
  for (let i = 0; i < n; i++) out[i] = draw(rng);
  return out;
}

function drawTiers(n: number, shares: number[], rng: { next(): number }): Uint8Array {
  const out = new Uint8Array(n);
  if (shares.length === 1) return out;
  const cumulative = shares.map(
    (
      (sum) => (s: number) =>
        (sum += s)
    )(0),
  );
  for (let i = 0; i < n; i++) {
    const u = rng.next() * cumulative[cumulative.length - 1]!;
    let t = 0;
    while (t < cumulative.length - 1 && u >= cumulative[t]!) t++;
    out[i] = t;
  }
  return out;
}
