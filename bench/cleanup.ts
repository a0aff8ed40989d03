/** Everything a run started, undone in reverse order exactly once: on success, on error, on a signal or the watchdog. */
export class Cleanup {
  private readonly steps: Array<() => Promise<void> | void> = [];
  private done: Promise<void> | null = null;

  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        await Promise.resolve()
          .then(step)
          .catch((err: unknown) => console.error('cleanup step failed:', err));
      }
    })();
    return this.done;
  }

  /** Signals and the watchdog end the run: clean up, then exit with `code`. */
  exitOn(signals: NodeJS.Signals[], budgetMs: number): void {
    const bail = (reason: string, code: number) => {
      console.error(`\nbench stopped: ${reason}`);
      void this.run().finally(() => process.exit(code));
    };
    for (const signal of signals) process.once(signal, () => bail(signal, 130));
    setTimeout(() => bail(`over its ${budgetMs / 1000} s budget`, 1), budgetMs).unref();
  }
}
