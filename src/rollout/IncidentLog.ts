/**
 * IncidentLog: the incidents on a rollout's target cohort, and when operators notice them.
 *
 * Idea. An incident happens at one time and is noticed at another: `detection` later, or at
 * once when the rollout's own check saw it (a prefill's test). Copying halts once any
 * incident has been noticed (while the cohort is not whole again); a `no-incidents` gate
 * fails when one has been noticed since the last gate that judged them; an analysis counts
 * the incidents noticed so far; the judge of the judges compares gate decisions with the
 * times they happened. So the log keeps both times of every incident, in order, and the
 * earliest notice not yet judged.
 *
 * Contract: `record` adds one incident (noticedMs ≥ happenedMs). Queries take the current
 * time and never change the log; only `judged` does (it forgets the unjudged notice, as a
 * hold that resumed the rollout has dealt with it). It decides nothing.
 */
export class IncidentLog {
  private readonly happenedAtMs: number[] = [];
  private readonly noticedAtMs: number[] = [];
  private firstNoticedMs = Number.POSITIVE_INFINITY;
  private unjudgedNoticedMs = Number.POSITIVE_INFINITY;

  record(happenedMs: number, noticedMs: number): void {
    this.happenedAtMs.push(happenedMs);
    this.noticedAtMs.push(noticedMs);
    this.firstNoticedMs = Math.min(this.firstNoticedMs, noticedMs);
    this.unjudgedNoticedMs = Math.min(this.unjudgedNoticedMs, noticedMs);
  }

  /** When each incident happened, in order (the judge's ground truth). */
  get happenedTimesMs(): readonly number[] {
    return this.happenedAtMs;
  }

  /** How many incidents operators have noticed by `nowMs`. */
  noticedBy(nowMs: number): number {
    return this.noticedAtMs.filter((t) => t <= nowMs).length;
  }

  /** Whether operators have noticed any incident by `nowMs`. */
  anyNoticedBy(nowMs: number): boolean {
    return this.firstNoticedMs <= nowMs;
  }

  /** Whether an incident not yet judged has been noticed by `nowMs`. */
  unjudgedNoticedBy(nowMs: number): boolean {
    return this.unjudgedNoticedMs <= nowMs;
  }

  /** The incidents so far have been dealt with (a hold resumed the rollout). */
  judged(): void {
    this.unjudgedNoticedMs = Number.POSITIVE_INFINITY;
  }
}
