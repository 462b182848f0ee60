/**
 * docs/validation.md#mm1-restores, #mg1-restores and #mmc-restores through the event engine: Poisson
 * restore requests, driven by a small arrival process on a `Simulation`, into the
 * RestoreScheduler, against the M/M/1, M/D/1 and M/G/1 (Pollaczek–Khinchine) results, M/G/1
 * processor sharing, and c capped streams as M/M/c (Erlang C); and the sample-path Little's
 * law for the restore queue (docs/validation.md#littles-law).
 *
 * Everything is seeded (named streams, fixed seeds), so each check is one deterministic run;
 * tolerances are 4 standard errors, estimated by batch means where no formula gives them.
 */
import { describe, expect, it } from "vitest";
import { exponential, lognormal } from "../../../src/engine/distributions.js";
import { type RandomStream, RandomStreams } from "../../../src/engine/RandomStreams.js";
import { Simulation } from "../../../src/engine/Simulation.js";
import { mean, sampleSd } from "../../../src/metrics/statistics.js";
import {
  RestoreScheduler,
  type RestoreSchedulerOptions,
} from "../../../src/model/recovery/RestoreScheduler.js";
import { zScore } from "../../helpers/fixtures.js";

const MS_PER_S = 1000;
const MS_PER_HOUR = 3_600_000;
const GB = 1e9;

interface Episode {
  sim: Simulation;
  scheduler: RestoreScheduler;
  /** Per job id: submission time (ms), size (bytes) and exact sojourn (ms; NaN until done). */
  submittedMs: Float64Array;
  sizeBytes: Float64Array;
  sojournMs: Float64Array;
  /** Jobs submitted. */
  submitted: () => number;
}

/**
 * Poisson restore requests: exponential gaps on an exact clock, each submitted at the next
 * whole ms (the engine's clock is integer ms; the gaps are tens of seconds, so the rounding
 * is negligible). Stops after `maxJobs` or at `arrivalsUntilMs`.
 */
function poissonEpisode(
  schedulerOptions: RestoreSchedulerOptions,
  arrivals: { meanGapMs: number; maxJobs: number; arrivalsUntilMs?: number; seed: number },
  drawSizeBytes: (rng: RandomStream) => number,
): Episode {
  const sim = new Simulation();
  const streams = new RandomStreams(arrivals.seed);
  const gapRng = streams.get("restore/arrivals");
  const sizeRng = streams.get("restore/sizes");
  const submittedMs = new Float64Array(arrivals.maxJobs);
  const sizeBytes = new Float64Array(arrivals.maxJobs);
  const sojournMs = new Float64Array(arrivals.maxJobs).fill(Number.NaN);
  const scheduler = new RestoreScheduler(sim, schedulerOptions, (id, completedAtMs) => {
    sojournMs[id] = completedAtMs - submittedMs[id]!;
  });
  const untilMs = arrivals.arrivalsUntilMs ?? Number.POSITIVE_INFINITY;
  let nextId = 0;
  let exactArrivalMs = exponential(gapRng, arrivals.meanGapMs);
  const arrive = sim.register("test/arrival", () => {
    const id = nextId++;
    submittedMs[id] = sim.nowMs;
    sizeBytes[id] = drawSizeBytes(sizeRng);
    scheduler.submit({ id, sizeBytes: sizeBytes[id]! });
    exactArrivalMs += exponential(gapRng, arrivals.meanGapMs);
    const atMs = Math.ceil(exactArrivalMs);
    if (nextId < arrivals.maxJobs && atMs <= untilMs) sim.at(atMs, arrive);
  });
  if (Math.ceil(exactArrivalMs) <= untilMs) sim.at(Math.ceil(exactArrivalMs), arrive);
  return { sim, scheduler, submittedMs, sizeBytes, sojournMs, submitted: () => nextId };
}

/** Mean and its standard error by batch means over `values` (in order, warm-up already cut). */
function batchMeans(values: ArrayLike<number>, batches: number): { mean: number; se: number } {
  const perBatch = Math.floor(values.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * perBatch; i < (b + 1) * perBatch; i++) sum += values[i]!;
    means.push(sum / perBatch);
  }
  return { mean: mean(means), se: sampleSd(means) / Math.sqrt(batches) };
}

function expectLittleIdentity(episode: Episode): void {
  const { sim, scheduler } = episode;
  expect(scheduler.queuedCount + scheduler.activeCount).toBe(0);
  const integral = scheduler.jobsInSystemIntegralMs(sim.nowMs);
  const sojourns = scheduler.completedSojournSumMs;
  expect(scheduler.completedCount).toBe(episode.submitted());
  expect(Math.abs(integral - sojourns)).toBeLessThanOrEqual(1e-9 * sojourns);
}

describe("M/M/1 restore stream (docs/validation.md#mm1-restores)", () => {
  it("λ = 0.8/h, mean service 1 h, FIFO: time-average L over [1000 h, 1e6 h] within ±0.17 of 4", () => {
    // B = 1 B/ms and a mean size of 3.6e6 B make the mean service time 1 h.
    const horizonMs = 1e6 * MS_PER_HOUR;
    const warmUpMs = 1000 * MS_PER_HOUR;
    const episode = poissonEpisode(
      { bandwidthBytesPerSec: 1000, parallelism: 1, order: "fifo", name: "restore" },
      { meanGapMs: MS_PER_HOUR / 0.8, maxJobs: 900_000, arrivalsUntilMs: horizonMs, seed: 41 },
      (rng) => exponential(rng, 3.6e6),
    );
    const { sim, scheduler } = episode;
    let integralAtWarmUp = Number.NaN;
    sim.callAt(warmUpMs, () => {
      integralAtWarmUp = scheduler.jobsInSystemIntegralMs(warmUpMs);
    });
    sim.run(horizonMs);
    const timeAverageL =
      (scheduler.jobsInSystemIntegralMs(horizonMs) - integralAtWarmUp) / (horizonMs - warmUpMs);
    // Whitt (1989): asymptotic variance of the time average 2ρ(1+ρ)/((1−ρ)⁴μ) = 1800 h.
    const sdL = Math.sqrt(1800 / ((horizonMs - warmUpMs) / MS_PER_HOUR));
    expect(episode.submitted()).toBeLessThan(900_000);
    expect(Math.abs(timeAverageL - 4)).toBeLessThanOrEqual(0.17);
    expect(zScore(timeAverageL, 4, sdL)).toBeLessThanOrEqual(4);
  });
});

describe("M/G/1 restores: λ = 0.02/s, lognormal(0, 1) GB sizes, B = 0.05 GB/s (docs/validation.md#mg1-restores)", () => {
  const bandwidthBytesPerSec = 0.05 * GB;
  const jobs = 400_000;
  const warmUpJobs = 4_000;
  const batches = 40;
  const arrivals = { meanGapMs: MS_PER_S / 0.02, maxJobs: jobs, seed: 43 };
  const lognormalSize = (rng: RandomStream) => lognormal(rng, 0, 1) * GB;

  /** Runs to empty and returns the per-job values after the warm-up. */
  function run(
    parallelism: number,
    drawSizeBytes: (rng: RandomStream) => number,
    value: (episode: Episode, id: number) => number,
  ): { mean: number; se: number } {
    const episode = poissonEpisode(
      { bandwidthBytesPerSec, parallelism, order: "fifo", name: "restore" },
      arrivals,
      drawSizeBytes,
    );
    episode.sim.run();
    expectLittleIdentity(episode);
    const values = new Float64Array(jobs - warmUpJobs);
    for (let id = warmUpJobs; id < jobs; id++) values[id - warmUpJobs] = value(episode, id);
    return batchMeans(values, batches);
  }

  const waitS = (episode: Episode, id: number) =>
    (episode.sojournMs[id]! - (episode.sizeBytes[id]! / bandwidthBytesPerSec) * MS_PER_S) / MS_PER_S;
  const responseS = (episode: Episode, id: number) => episode.sojournMs[id]! / MS_PER_S;

  it("FIFO, one stream: mean wait Wq = λE[S²]/(2(1−ρ)) = 86.80 s (P-K) within 4 SE", () => {
    const { mean, se } = run(1, lognormalSize, waitS);
    expect(zScore(mean, 86.7995, se)).toBeLessThanOrEqual(4);
  });

  it("FIFO, deterministic sizes of the same mean (M/D/1): Wq = ρD/(2(1−ρ)) = 31.93 s within 4 SE", () => {
    const meanSizeBytes = Math.exp(0.5) * GB;
    const { mean, se } = run(1, () => meanSizeBytes, waitS);
    expect(zScore(mean, 31.9317, se)).toBeLessThanOrEqual(4);
  });

  it("processor sharing: mean response E[S]/(1−ρ) = 96.84 s within 4 SE", () => {
    const { mean, se } = run(Number.POSITIVE_INFINITY, lognormalSize, responseS);
    expect(zScore(mean, 96.8379, se)).toBeLessThanOrEqual(4);
  });
});

describe("c capped streams are c servers: M/M/3 at λ = 2.4/h, μ = 1/h (docs/validation.md#mmc-restores)", () => {
  // Sizes exponential, mean 3.6e6 B; a stream moves 1 B/ms, so a restore takes 1 h on average.
  const streamBytesPerSec = 1000;
  const jobs = 400_000;
  const warmUpJobs = 4_000;
  const batches = 40;
  const arrivals = { meanGapMs: MS_PER_HOUR / 2.4, maxJobs: jobs, seed: 53 };
  const exponentialSize = (rng: RandomStream) => exponential(rng, 3.6e6);

  /** Runs to empty; per job after the warm-up: wait before service, waited at all, sojourn (h). */
  function run(options: RestoreSchedulerOptions): {
    waitH: Float64Array;
    waited: Float64Array;
    sojournH: Float64Array;
  } {
    const episode = poissonEpisode(options, arrivals, exponentialSize);
    episode.sim.run();
    expectLittleIdentity(episode);
    const n = jobs - warmUpJobs;
    const waitH = new Float64Array(n);
    const waited = new Float64Array(n);
    const sojournH = new Float64Array(n);
    for (let id = warmUpJobs; id < jobs; id++) {
      const sojournMs = episode.sojournMs[id]!;
      const waitMs = sojournMs - (episode.sizeBytes[id]! / streamBytesPerSec) * MS_PER_S;
      waitH[id - warmUpJobs] = waitMs / MS_PER_HOUR;
      // A job that found a free stream starts in its own ms; 1 ms absorbs the float rounding.
      waited[id - warmUpJobs] = waitMs > 1 ? 1 : 0;
      sojournH[id - warmUpJobs] = sojournMs / MS_PER_HOUR;
    }
    return { waitH, waited, sojournH };
  }

  const streams = () =>
    run({
      bandwidthBytesPerSec: 3 * streamBytesPerSec,
      streamBandwidthBytesPerSec: streamBytesPerSec,
      parallelism: 3,
      order: "fifo",
      name: "restore",
    });

  it("Erlang C: P(wait) = C(3, 2.4) = 288/445 = 0.6472 and Wq = C/(cμ − λ) = 96/89 h = 1.0787 h, each within 4 SE", () => {
    const { waitH, waited, sojournH } = streams();
    const wait = batchMeans(waitH, batches);
    const pWait = batchMeans(waited, batches);
    const sojourn = batchMeans(sojournH, batches);
    expect(zScore(pWait.mean, 288 / 445, pWait.se)).toBeLessThanOrEqual(4);
    expect(zScore(wait.mean, 96 / 89, wait.se)).toBeLessThanOrEqual(4);
    expect(zScore(sojourn.mean, 185 / 89, sojourn.se)).toBeLessThanOrEqual(4);
    // Not M/M/1 at rate cμ = 3/h (what one shared pool gives): W = 1/(3 − 2.4) = 1.667 h.
    expect(zScore(sojourn.mean, 5 / 3, sojourn.se)).toBeGreaterThan(10);
  });

  it("without the stream cap the same pool and parallelism is M/M/1 at rate cμ: W = 1/(cμ − λ) = 5/3 h within 4 SE", () => {
    const { sojournH } = run({
      bandwidthBytesPerSec: 3 * streamBytesPerSec,
      parallelism: 3,
      order: "fifo",
      name: "restore",
    });
    const sojourn = batchMeans(sojournH, batches);
    expect(zScore(sojourn.mean, 5 / 3, sojourn.se)).toBeLessThanOrEqual(4);
  });
});

describe("Little's law for the restore queue (docs/validation.md#littles-law)", () => {
  it("∫(jobs in system) dt = Σ sojourns to 1e-9 over a finished episode, for each discipline", () => {
    for (const [parallelism, order] of [
      [1, "fifo"],
      [3, "smallest-first"],
      [Number.POSITIVE_INFINITY, "fifo"],
    ] as const) {
      // Arrivals for 100,000 s (about 2,000 restores), then none: the queue drains to empty.
      const episode = poissonEpisode(
        { bandwidthBytesPerSec: 0.05 * GB, parallelism, order, name: "restore" },
        { meanGapMs: 50 * MS_PER_S, maxJobs: 10_000, arrivalsUntilMs: 100_000 * MS_PER_S, seed: 47 },
        (rng) => lognormal(rng, 0, 1) * GB,
      );
      episode.sim.run();
      expect(episode.submitted()).toBeGreaterThan(1_500);
      expectLittleIdentity(episode);
    }
  });
});
