/**
 * The small migration the CLI tests run compare and sweep on (300 mailboxes, a few seconds),
 * and the sweep they share: two takeover settings, two runs each, one thread.
 */
export const SMALL_MIGRATION = "test/fixtures/experiment/migration-small.yaml";

export const SMALL_SWEEP_ARGS = [
  "sweep",
  SMALL_MIGRATION,
  "--vary",
  "backends.legacy.takeover=none,2m",
  "--runs",
  "2",
  "--threads",
  "1",
];
