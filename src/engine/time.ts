/**
 * Simulated time.
 *
 * A run measures time as an integer number of milliseconds since its start, held in an
 * ordinary JavaScript number. Integers are exact up to 2^53 ms (about 285,000 years), so
 * sums and differences of times never round, and two runs that schedule the same events
 * compare times bit-for-bit. Nothing in the engine reads the wall clock.
 *
 * Contract: every constant is an exact integer count of milliseconds; a duration in other
 * units is converted by multiplying and rounding once, at the edge (scenario parsing).
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;
