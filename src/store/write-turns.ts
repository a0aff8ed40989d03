import { threadId } from 'node:worker_threads';

/**
 * One word of memory that the threads of a process share to take turns writing to the store.
 * It holds 0 when no thread writes, otherwise the writing thread's holder id (its threadId + 1).
 * It is created once and handed to every thread that opens a connection.
 */
export type WriteTurns = SharedArrayBuffer;

const FREE = 0;
/**
 * Longer than any write takes. A thread that waited this long writes anyway and leaves the
 * waiting to the store itself (SQLite's busy timeout), which is also what another process gets.
 */
const LONGEST_WAIT_MS = 1_000;

export function createWriteTurns(): WriteTurns {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

const holderId = (thread: number) => thread + 1;

/**
 * Runs `write` in this thread's turn. Turns are re-entrant (a transaction's statements run in the
 * transaction's turn), and a thread that cannot get a turn in time writes without one.
 */
export function createTurnTaker(turns: WriteTurns): <T>(write: () => T) => T {
  const word = new Int32Array(turns);
  const me = holderId(threadId);
  let depth = 0;

  function acquire(): boolean {
    const deadline = performance.now() + LONGEST_WAIT_MS;
    for (;;) {
      const holder = Atomics.compareExchange(word, 0, FREE, me);
      if (holder === FREE) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      // Woken by the holder's release, at once: no polling, no sleep longer than the write.
      Atomics.wait(word, 0, holder, left);
    }
  }

  return function inTurn<T>(write: () => T): T {
    if (depth > 0) return write();
    const mine = acquire();
    depth += 1;
    try {
      return write();
    } finally {
      depth -= 1;
      if (mine) release(word, me);
    }
  };
}

function release(word: Int32Array, holder: number): void {
  if (Atomics.compareExchange(word, 0, holder, FREE) === holder) Atomics.notify(word, 0, 1);
}

/** For the thread that started another: frees a turn that thread held when it ended. */
export function releaseTurnOf(turns: WriteTurns, endedThreadId: number): void {
  release(new Int32Array(turns), holderId(endedThreadId));
}
