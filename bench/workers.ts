/** Results of a bounded run: when each task finished and whether it counted as a success. */
export interface WorkerRun {
  startedAt: number;
  /** performance.now() of each successful completion, in order of completion. */
  successes: number[];
  failures: number;
  /** The first failure's message, for the report. */
  firstError: string | null;
  endedAt: number;
}

/**
 * Runs `task` over `items` with `concurrency` in flight, starting nothing after `budgetMs`:
 * every loop in the bench is bounded by both a count (the items) and a time.
 */
export async function runWorkers<T>(
  items: readonly T[],
  concurrency: number,
  budgetMs: number,
  task: (item: T) => Promise<boolean>,
): Promise<WorkerRun> {
  const run: WorkerRun = {
    startedAt: performance.now(),
    successes: [],
    failures: 0,
    firstError: null,
    endedAt: 0,
  };
  const deadline = run.startedAt + budgetMs;
  let next = 0;
  const worker = async () => {
    while (next < items.length && performance.now() < deadline) {
      const item = items[next++]!;
      try {
        if (await task(item)) run.successes.push(performance.now());
        else run.failures++;
      } catch (err) {
        run.failures++;
        run.firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  run.endedAt = performance.now();
  return run;
}

/**
 * Successes per second inside the window: from the start to the budget's end (or the last
 * success when the items ran out first). Work still in flight at the deadline is not counted.
 */
export function successRate(run: WorkerRun, budgetMs: number): number {
  const windowEnd = Math.min(run.startedAt + budgetMs, run.successes.at(-1) ?? run.startedAt);
  const counted = run.successes.filter((at) => at <= windowEnd).length;
  const seconds = (windowEnd - run.startedAt) / 1000;
  return seconds > 0 ? counted / seconds : 0;
}
