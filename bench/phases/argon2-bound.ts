import { runWorkers, successRate, type WorkerRun } from '../workers';

const PREPARE_BUDGET_MS = 120_000;
/** Prepared work exceeds what the ceiling allows in the window, so the window, not the supply, ends the run. */
const SUPPLY_MARGIN = 1.5;

/** How many prepared requests a window of `budgetMs` at `perSecond` can use, plus a warm-up round. */
export function supplyFor(perSecond: number, budgetMs: number, warmUp: number, cap: number): number {
  return Math.min(cap, Math.ceil(perSecond * (budgetMs / 1000) * SUPPLY_MARGIN) + warmUp);
}

/** Prepares every item first (bounded in time), so the measured window holds only the POSTs. */
export async function prepareAll<T, P>(
  inputs: readonly T[],
  concurrency: number,
  prepare: (input: T) => Promise<P>,
): Promise<P[]> {
  const prepared: P[] = [];
  const run = await runWorkers(inputs, concurrency, PREPARE_BUDGET_MS, async (input) => {
    prepared.push(await prepare(input));
    return true;
  });
  if (run.failures > 0) throw new Error(`preparation failed: ${run.firstError}`);
  return prepared;
}

export interface BoundRun {
  rate: number;
  run: WorkerRun;
}

/** A warm-up round (the first zxcvbn and argon2 calls are slower), then the measured window. */
export async function measureBound<P>(
  prepared: readonly P[],
  concurrency: number,
  budgetMs: number,
  post: (item: P) => Promise<boolean>,
  /** Called between the warm-up and the window, e.g. to read a CPU counter. */
  atWindowStart: () => void = () => undefined,
): Promise<BoundRun> {
  const warmUp = prepared.slice(0, concurrency);
  const warm = await runWorkers(warmUp, concurrency, budgetMs, post);
  if (warm.failures > 0) throw new Error(`warm-up failed: ${warm.firstError}`);
  atWindowStart();
  const run = await runWorkers(prepared.slice(concurrency), concurrency, budgetMs, post);
  if (run.successes.length === 0) throw new Error(`no request succeeded: ${run.firstError}`);
  return { rate: successRate(run, budgetMs), run };
}

export function describeBound({ run }: BoundRun, concurrency: number): string {
  const failed = run.failures > 0 ? `, ${run.failures} failed (${run.firstError})` : '';
  return `${run.successes.length} ok${failed}, ${concurrency} in flight`;
}
