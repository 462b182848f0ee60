/**
 * A standard normal by the ziggurat method (Marsaglia & Tsang 2000, in Doornik's 2005 ZIGNOR
 * form with 128 layers): exact, and in ~99% of draws one uniform, a multiply and a compare —
 * no logarithm, square root or cosine, which is what makes Box–Muller cost.
 *
 * PERF: the layer index and the position inside it come from disjoint bits of one 53-bit
 * uniform (the top 7 bits pick the layer, the remaining 46 the position), so the common
 * case consumes exactly one uniform. Rejections and the tail consume more: the number of
 * uniforms per draw varies, so use this only on a stream of its own (a fleet attribute),
 * where that cannot shift anyone else's draws. `standardNormal` (Box–Muller, exactly two
 * uniforms) stays the sampler for shared streams.
 *
 * Contract: returns N(0, 1) variates; the tables are built once at module load.
 */
import type { Rng } from "./RandomStreams.js";

const LAYERS = 128;
/** Start of the tail, and the common area of each layer, for 128 layers (Doornik 2005). */
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;

const { edge, ratio } = buildTables();

function buildTables(): { edge: Float64Array; ratio: Float64Array } {
  const x = new Float64Array(LAYERS + 1);
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  x[0] = LAYER_AREA / f; // the bottom layer: a box plus the tail, as wide as its area requires
  x[1] = TAIL_START;
  x[LAYERS] = 0;
  for (let i = 2; i < LAYERS; i++) {
    x[i] = Math.sqrt(-2 * Math.log(LAYER_AREA / x[i - 1]! + f));
    f = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  const r = new Float64Array(LAYERS);
  for (let i = 0; i < LAYERS; i++) r[i] = x[i + 1]! / x[i]!;
  return { edge: x, ratio: r };
}

export function zigguratNormal(rng: Rng): number {
  for (;;) {
    const scaled = rng.next() * LAYERS;
    const layer = Math.floor(scaled);
    const u = 2 * (scaled - layer) - 1;
    // Inside the layer's rectangle that lies wholly under the curve: accept at once.
    if (Math.abs(u) < ratio[layer]!) return u * edge[layer]!;
    if (layer === 0) return tail(rng, u < 0);
    // In the wedge between the rectangle and the curve: accept under the curve.
    const x = u * edge[layer]!;
    const f0 = Math.exp(-0.5 * (edge[layer]! * edge[layer]! - x * x));
    const f1 = Math.exp(-0.5 * (edge[layer + 1]! * edge[layer + 1]! - x * x));
    if (f1 + rng.next() * (f0 - f1) < 1) return x;
  }
}

/** Beyond TAIL_START: Marsaglia's exact tail method (1 − u lies in (0, 1], so logs are finite). */
function tail(rng: Rng, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(1 - rng.next()) / TAIL_START;
    y = Math.log(1 - rng.next());
  } while (-2 * y < x * x);
  return negative ? x - TAIL_START : TAIL_START - x;
}
