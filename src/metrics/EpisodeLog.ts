/**
 * EpisodeLog: finished episodes (outages, restores) as three parallel growable columns —
 * duration, weight (mailboxes), end time — never an object per episode, so a run with
 * millions of episodes costs three typed arrays.
 */
export class EpisodeLog {
  length = 0;
  durationMs = new Float64Array(64);
  weight = new Float64Array(64);
  endMs = new Float64Array(64);

  push(durationMs: number, weight: number, endMs: number): void {
    if (this.length === this.durationMs.length) this.grow();
    this.durationMs[this.length] = durationMs;
    this.weight[this.length] = weight;
    this.endMs[this.length] = endMs;
    this.length++;
  }

  /** Σ weight and Σ weight × duration over the episodes, summed in the order they came. */
  totals(): { weight: number; weightedDurationMs: number } {
    let weight = 0;
    let weightedDurationMs = 0;
    for (let i = 0; i < this.length; i++) {
      weight += this.weight[i]!;
      weightedDurationMs += this.weight[i]! * this.durationMs[i]!;
    }
    return { weight, weightedDurationMs };
  }

  private grow(): void {
    const grown = (old: Float64Array) => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    this.durationMs = grown(this.durationMs);
    this.weight = grown(this.weight);
    this.endMs = grown(this.endMs);
  }
}
