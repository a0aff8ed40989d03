export interface RoundResult {
  /** Items the round looked at; 0 means nothing was due and the loop rests until its next poll. */
  handled: number;
  /** Items it counts as done (what drain() adds up). */
  done: number;
}

export interface PollingLoop {
  /** Runs rounds every pollMs until stop(); rounds never overlap. */
  start(): void;
  /** Runs rounds as soon as the current task is done (or right after the round in progress). */
  wake(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
  /** Runs rounds until one handles nothing (at most 100); returns the sum of their `done`. */
  drain(): Promise<number>;
}

export interface PollingLoopOptions {
  pollMs: number;
  runRound(): Promise<RoundResult>;
  onError(err: unknown): void;
}

const MAX_ROUNDS = 100;

/** The schedule the outbox and reset-intent workers share: poll, wake on demand, one round at a time. */
export function createPollingLoop({ pollMs, runRound, onError }: PollingLoopOptions): PollingLoop {
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let busy = false;
  let wokenWhileBusy = false;
  // A wake already scheduled: further wakes must not push it back, or steady traffic would starve it.
  let wakeScheduled = false;
  // Every round runs after the previous one: polling, waking and drain() share this chain.
  let running: Promise<unknown> = Promise.resolve();

  async function runRounds(keepGoing: () => boolean): Promise<number> {
    let done = 0;
    for (let round = 0; round < MAX_ROUNDS && keepGoing(); round++) {
      const result = await runRound();
      done += result.done;
      if (result.handled === 0) break;
      // Between rounds, let waiting requests run: a backlog must not hold the event loop. A timer
      // rather than setImmediate, so tests with fake timers control it like the polls.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return done;
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = running.then(task, task);
    running = next.catch(() => undefined);
    return next;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(poll, delayMs);
    timer.unref();
  }

  function poll(): void {
    timer = null;
    wakeScheduled = false;
    busy = true;
    wokenWhileBusy = false;
    exclusive(() => runRounds(() => !stopped))
      .catch(onError)
      .finally(() => {
        busy = false;
        schedule(wokenWhileBusy ? 0 : pollMs);
      });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(pollMs);
    },
    wake() {
      if (stopped) return;
      if (busy) {
        wokenWhileBusy = true;
        return;
      }
      if (wakeScheduled) return;
      wakeScheduled = true;
      // A timer, not a direct call: the request that rang finishes its answer first, so the work it
      // asked for never delays that answer (nor tells a caller what kind of work it was).
      if (timer) clearTimeout(timer);
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      wakeScheduled = false;
      await running;
    },
    drain() {
      return exclusive(() => runRounds(() => true));
    },
  };
}
