/**
 * Fleet: the mailboxes, drawn straight into the per-group totals the model works with.
 *
 * The model never looks at one mailbox's size, inbound rate or logins: it works with
 * protection groups, and a group's figures are sums over its members (placement is
 * round-robin: mailbox m belongs to group m mod G). So each attribute is drawn in mailbox
 * order from its own stream and added to its group's total as it is drawn, with no
 * per-mailbox array. The sums are bit-identical to summing stored arrays group by group:
 * the same draws in the same order, each group's summands added in the same order (m = g,
 * g + G, …), logins rounded to float32 as the array stored them. PERF: at 9 M mailboxes
 * this saves 25 bytes per mailbox (~225 MB) and a pass over them.
 *
 * Contract: the same spec and seed give the same totals for a group count, whatever else the
 * run does: each attribute has its own stream, started afresh for each group count asked
 * for, so changing one distribution never reshuffles another. Lognormals use the ziggurat
 * normal (`zigguratNormal.ts`; 27 M draws are most of a 9 M-mailbox run). The one
 * per-mailbox array kept is the tier, and only when the scenario has more than one.
 */
import { type DistributionSpec, ownStreamFillerOf } from "../engine/distributions.js";
import { RandomStream, type RandomStreams } from "../engine/RandomStreams.js";
import type { FleetSpec } from "../scenario/schema.js";

/** Bytes of typed-array state per mailbox across the model: the tier (one byte) and headroom. */
export const BYTES_PER_MAILBOX = 1 + 8;

/** A fleet's figures summed per protection group (mailbox m is in group m mod groupCount). */
export interface GroupTotals {
  readonly mailboxes: Int32Array;
  readonly inboundPerDay: Float64Array;
  readonly loginsPerDay: Float64Array;
  readonly sizeBytes: Float64Array;
}

export class Fleet {
  readonly count: number;
  /** Tier index per mailbox (all zero, and never drawn, with a single tier). */
  readonly tier: Uint8Array;
  readonly tierNames: readonly string[];
  private readonly totalsByGroups = new Map<number, GroupTotals>();

  constructor(
    private readonly spec: FleetSpec,
    private readonly streams: RandomStreams,
  ) {
    this.count = spec.mailboxes;
    this.tierNames = spec.tiers.map((t) => t.name);
    this.tier = drawTiers(
      spec.mailboxes,
      spec.tiers.map((t) => t.share),
      streams.get("fleet/tier"),
    );
  }

  /** The per-group totals for `groupCount` groups, drawn on first use and kept. */
  groupTotals(groupCount: number): GroupTotals {
    let totals = this.totalsByGroups.get(groupCount);
    if (totals === undefined) {
      totals = this.drawTotals(groupCount);
      this.totalsByGroups.set(groupCount, totals);
    }
    return totals;
  }

  private drawTotals(groupCount: number): GroupTotals {
    const { spec } = this;
    const n = spec.mailboxes;
    const mailboxes = new Int32Array(groupCount);
    for (let g = 0; g < groupCount; g++)
      mailboxes[g] = Math.floor(n / groupCount) + (g < n % groupCount ? 1 : 0);
    const sizeBytes = new Float64Array(groupCount);
    const sizes = spec.sizes;
    if (sizes) {
      let g = 0;
      for (let m = 0; m < n; m++) {
        sizeBytes[g]! += sizes[m % sizes.length]!;
        g = g + 1 === groupCount ? 0 : g + 1;
      }
    } else {
      sumDraws(n, groupCount, spec.size, this.stream("fleet/size"), sizeBytes, false);
    }
    const inboundPerDay = new Float64Array(groupCount);
    sumDraws(n, groupCount, spec.inboundPerDay, this.stream("fleet/inbound"), inboundPerDay, false);
    const loginsPerDay = new Float64Array(groupCount);
    sumDraws(n, groupCount, spec.loginsPerDay, this.stream("fleet/logins"), loginsPerDay, true);
    return { mailboxes, inboundPerDay, loginsPerDay, sizeBytes };
  }

  /** A fresh stream for an attribute: the draws restart for every group count. */
  private stream(name: string): RandomStream {
    return new RandomStream(name, this.streams.seed);
  }
}

/** Draws per block: big enough to amortise the call, small enough to stay in cache. */
const BLOCK = 4096;

/**
 * Draws one value per mailbox in order (clamped at zero; rounded to float32 when
 * `asFloat32`, as a Float32Array used to store logins) and adds it to its group's total.
 */
function sumDraws(
  n: number,
  groupCount: number,
  spec: DistributionSpec,
  rng: RandomStream,
  out: Float64Array,
  asFloat32: boolean,
): void {
  const fill = ownStreamFillerOf(spec);
  const block = new Float64Array(Math.min(BLOCK, n));
  let g = 0;
  for (let first = 0; first < n; first += block.length) {
    const values = n - first < block.length ? block.subarray(0, n - first) : block;
    fill(rng, values);
    for (let i = 0; i < values.length; i++) {
      const value = Math.max(0, values[i]!);
      out[g]! += asFloat32 ? Math.fround(value) : value;
      g = g + 1 === groupCount ? 0 : g + 1;
    }
  }
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
