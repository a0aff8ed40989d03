import { below, round, type Figure, type FigureId } from './figures';
import { bootstrapMedianDifference, median, seededRandom } from './stats';

export interface GapSamples {
  existing: number[];
  unknown: number[];
}

/** Milliseconds one request took; `kind` 0 names an existing account, 1 an unknown one. */
export type TimeOne = (kind: 0 | 1, pair: number) => Promise<number>;

/**
 * One request at a time, existing and unknown accounts in pairs whose order is shuffled, so
 * background work (the outbox worker, a WAL checkpoint) lands on either kind alike rather than
 * always on the one that follows. Stops at `pairs` pairs or at the budget, whichever comes first.
 */
export async function samplePairs(pairs: number, budgetMs: number, timeOne: TimeOne): Promise<GapSamples> {
  const random = seededRandom(7);
  const samples: GapSamples = { existing: [], unknown: [] };
  const deadline = performance.now() + budgetMs;
  for (let pair = 0; pair < pairs && performance.now() < deadline; pair++) {
    const order: Array<0 | 1> = random() < 0.5 ? [0, 1] : [1, 0];
    for (const kind of order) {
      (kind === 0 ? samples.existing : samples.unknown).push(await timeOne(kind, pair));
    }
  }
  return samples;
}

/** Difference of medians with its bootstrap 95% interval; met when it is small, the interval holds 0 and every pair was taken. */
export function gapFigure(
  id: FigureId,
  label: string,
  samples: GapSamples,
  wanted: number,
  resamples: number,
  targetMs: number,
): Figure {
  const { existing, unknown } = samples;
  const gap = bootstrapMedianDifference(existing, unknown, resamples);
  const containsZero = gap.low <= 0 && gap.high >= 0;
  const detail =
    `existing ${round(median(existing), 3)} ms vs unknown ${round(median(unknown), 3)} ms, ` +
    `difference 95% CI [${round(gap.low, 3)}, ${round(gap.high, 3)}] ms` +
    `${containsZero ? ' (contains 0)' : ' (excludes 0)'}, n = ${existing.length} + ${unknown.length}`;
  const figure = below(id, label, round(Math.abs(gap.estimate), 3), 'ms', targetMs, detail);
  const met = figure.target!.met && containsZero && existing.length >= wanted;
  return { ...figure, target: { text: `< ${targetMs} ms, CI ∋ 0`, met } };
}
