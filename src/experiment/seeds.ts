/**
 * The seeds of an experiment's runs: the heart of common random numbers (docs/experiments.md#seeds-common-random-numbers).
 *
 * Run i (counted from 1) of every strategy, and of every sweep point, uses the seed
 * `<base seed>/<i>` — e.g. base 2023 gives 2023/1, 2023/2, … . Each run's random streams are
 * seeded from its seed and the stream's name, so run i of big-bang and run i of dual-write
 * meet the same node crashes, the same bug threshold and the same vendor fix delay, and
 * their difference measures the strategy, not the luck of the draw. The seed is a plain
 * string, so `maildrill run <file> --strategy X --seed 2023/7` replays run 7 of strategy X.
 *
 * Contract: `runSeeds(base, runs)` depends only on its arguments.
 */
export const SEED_RULE = "run i (from 1) of every strategy and grid point uses the seed `<baseSeed>/<i>`";

function runSeed(baseSeed: string | number, run: number): string {
  return `${baseSeed}/${run}`;
}

/** The seeds of runs 1..`runs` of an experiment with base seed `baseSeed` (`SEED_RULE`). */
export function runSeeds(baseSeed: string | number, runs: number): string[] {
  return Array.from({ length: runs }, (_, i) => runSeed(baseSeed, i + 1));
}
