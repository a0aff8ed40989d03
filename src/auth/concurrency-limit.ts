/** Runs at most `limit` tasks at a time; the others wait their turn, first come first served. */
export function createConcurrencyLimit(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running++;
    // A finishing task hands its slot straight to the next waiter, so `running` never drops between.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
