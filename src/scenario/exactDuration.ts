/**
 * exactDurationText: a duration in milliseconds written so that the scenario parser reads
 * back exactly the same number (`2589120000` → `"29d23h12m"`, `1500` → `"1s500ms"`).
 *
 * `formatDurationMs` rounds for people to read; a fault schedule printed for pasting into a
 * scenario must not round, or the pasted run would differ from the one that failed.
 */
const PARTS: readonly (readonly [string, number])[] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
  ["ms", 1],
];

export function exactDurationText(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`not a whole non-negative ms count: ${ms}`);
  if (ms === 0) return "0s";
  let rest = ms;
  let text = "";
  for (const [unit, size] of PARTS) {
    const whole = Math.floor(rest / size);
    if (whole > 0) text += `${whole}${unit}`;
    rest -= whole * size;
  }
  return text;
}
