import type { Database } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 100;
/** If the worker stops, SQLite checkpoints by itself again once the WAL holds this many pages. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain JavaScript run as the worker's source, so it works from the build and under the test runner alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
// PASSIVE never waits for or blocks readers and writers; a round that finds another
// connection checkpointing simply leaves the rest to the next round.
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Who checkpoints this connection's WAL: a worker thread of its own (the default); a timer on this
 * thread's event loop, for a connection on a thread that does only background work; or another
 * connection of this process that does one of those (SQLite's own fallback still applies).
 */
export type WalCheckpoints = 'own-thread' | 'this-thread' | 'elsewhere';

export function startCheckpoints(db: Database, path: string, mode: WalCheckpoints): Checkpointer | null {
  if (path === ':memory:') return null;
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  if (mode === 'own-thread') return startCheckpointer(db, path);
  if (mode === 'elsewhere') return null;
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
    },
  };
}

/**
 * A checkpoint copies committed WAL pages into the database file and waits for the disk. Left to
 * SQLite (every 1,000 pages) it runs inside whichever commit crosses the threshold, on the event
 * loop: under POST /forgot load that stalled one request in about forty and set the p99. Here a
 * worker thread with its own connection checkpoints instead, off the request path.
 */
function startCheckpointer(db: Database, path: string): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), path, everyMs: CHECKPOINT_EVERY_MS },
  });
  // Never what keeps a process alive; close() stops it.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  return {
    async stop() {
      // Referenced again, or the process could end before the worker has closed its connection.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
