/** Small, dependency-free statistics for the bench: percentiles and a bootstrap interval. */

/** Nearest-rank percentile (p in [0, 100]) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Seeded (mulberry32), so two runs over the same samples give the same interval. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resample(values: readonly number[], random: () => number): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[Math.floor(random() * values.length)]!;
  return out;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** median(a) − median(b) with a percentile bootstrap interval at `confidence` (each group resampled on its own). */
export function bootstrapMedianDifference(
  a: readonly number[],
  b: readonly number[],
  resamples: number,
  confidence = 0.95,
  random = seededRandom(20_240_601),
): Interval {
  const differences: number[] = [];
  for (let i = 0; i < resamples; i++) {
    differences.push(median(resample(a, random)) - median(resample(b, random)));
  }
  const tail = ((1 - confidence) / 2) * 100;
  return {
    estimate: median(a) - median(b),
    low: percentile(differences, tail),
    high: percentile(differences, 100 - tail),
  };
}
