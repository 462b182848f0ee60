/**
 * BounceLog: the bounces settled so far, kept with their times, so that "how many messages
 * bounced between two times" can be read mid-run (the `bounces` analysis metric,
 * docs/model.md#metric-analysis).
 *
 * Idea. DeferredMail settles an outage's mail when the outage ends, in pieces of the arrival
 * axis: a piece either leaves all at one time (`exitAtMs`) or each message a fixed shift after
 * its own arrival (`exitShiftMs`, e.g. the sender's lifetime). The log keeps each bounced
 * piece as numbers. A piece leaving at one time counts whole when that time is in the asked
 * window; a shifted piece counts by the share of the diurnal rate over the arrivals whose
 * bounce time falls in it — the model keeps no individual message times, so a piece cut by
 * the window counts fractionally, by the same profile its messages were drawn from.
 *
 * Contract: reads only — it draws nothing and tells nobody, so logging moves no result of the
 * run. It sees an outage's bounces only once that outage has been settled; the world adds
 * the open outages' expected bounces (openOutageBounces.ts).
 */
import type { ExitBatch } from "../WorldObserver.js";
import type { DiurnalProfile } from "./DiurnalProfile.js";

export class BounceLog {
  private readonly counts: number[] = [];
  private readonly arrivalStartMs: number[] = [];
  private readonly arrivalEndMs: number[] = [];
  /** The exit time of a piece that leaves at once, else NaN. */
  private readonly exitAtMs: number[] = [];
  /** The shift after arrival of a piece whose messages each leave on their own, else NaN. */
  private readonly exitShiftMs: number[] = [];

  constructor(private readonly diurnal: DiurnalProfile) {}

  add(batch: ExitBatch): void {
    this.counts.push(batch.count);
    this.arrivalStartMs.push(batch.arrivalStartMs);
    this.arrivalEndMs.push(batch.arrivalEndMs);
    this.exitAtMs.push(batch.exitAtMs ?? Number.NaN);
    this.exitShiftMs.push(batch.exitShiftMs ?? Number.NaN);
  }

  /** Messages bounced at a time in [fromMs, toMs], among the pieces logged so far. */
  bouncedBetween(fromMs: number, toMs: number): number {
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) {
      const count = this.counts[i]!;
      const exitAtMs = this.exitAtMs[i]!;
      if (!Number.isNaN(exitAtMs)) {
        if (exitAtMs >= fromMs && exitAtMs <= toMs) total += count;
        continue;
      }
      const shiftMs = this.exitShiftMs[i]!;
      const startMs = this.arrivalStartMs[i]!;
      const endMs = this.arrivalEndMs[i]!;
      const loMs = Math.max(startMs, fromMs - shiftMs);
      const hiMs = Math.min(endMs, toMs - shiftMs);
      if (hiMs <= loMs) {
        // An instant piece (or one whose rate is zero throughout) counts whole or not at all.
        if (startMs === endMs && startMs + shiftMs >= fromMs && startMs + shiftMs <= toMs) total += count;
        continue;
      }
      const whole = this.diurnal.integralMs(startMs, endMs);
      total +=
        whole > 0
          ? (count * this.diurnal.integralMs(loMs, hiMs)) / whole
          : count * ((hiMs - loMs) / (endMs - startMs));
    }
    return total;
  }
}
