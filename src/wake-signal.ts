/**
 * A doorbell inside one process: the code that adds work rings it, and the worker that does the
 * work (listening) starts a round at once instead of waiting for its next poll. Other processes
 * never hear it; their workers find the work when they poll.
 */
export interface WakeSignal {
  ring(): void;
  listen(listener: () => void): void;
}

export function createWakeSignal(): WakeSignal {
  const listeners: Array<() => void> = [];
  return {
    ring() {
      for (const listener of listeners) listener();
    },
    listen(listener) {
      listeners.push(listener);
    },
  };
}
