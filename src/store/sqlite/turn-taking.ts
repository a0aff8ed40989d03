import type { Database, Statement } from 'better-sqlite3';
import { createTurnTaker, type WriteTurns } from '../write-turns';

type AnyStatement = Statement<unknown[], unknown>;
type AnyFunction = (...params: unknown[]) => unknown;

const TRANSACTION_VARIANTS = ['default', 'deferred', 'immediate', 'exclusive'] as const;

/**
 * SQLite lets one connection write at a time. A connection that finds the lock taken sleeps in
 * SQLite's busy handler, 1 ms, then 2, then 5… and on the web thread that sleep holds the event loop:
 * under /forgot load it spent 29 % of its time there, waiting on commits of the background
 * thread that take tens of microseconds. Connections of one process instead take turns through
 * shared memory, so a writer waits exactly as long as the other thread's write. Every statement
 * that changes the database, and every transaction as a whole, writes in its connection's turn;
 * reads never wait.
 */
export function takeTurnsWriting(db: Database, turns: WriteTurns): void {
  const inTurn = createTurnTaker(turns);
  const prepare = db.prepare.bind(db);
  const transaction = db.transaction.bind(db);

  db.prepare = ((source: string) => {
    const statement = prepare(source) as AnyStatement;
    if (!statement.readonly) {
      for (const method of ['run', 'get', 'all'] as const) {
        const unguarded = statement[method].bind(statement) as AnyFunction;
        statement[method] = ((...params: unknown[]) => inTurn(() => unguarded(...params))) as never;
      }
    }
    return statement;
  }) as Database['prepare'];

  db.transaction = ((fn: AnyFunction) => {
    const unguarded = transaction(fn);
    const guarded = (...params: unknown[]) => inTurn(() => unguarded(...params));
    for (const variant of TRANSACTION_VARIANTS) {
      Object.assign(guarded, {
        [variant]: (...params: unknown[]) => inTurn(() => unguarded[variant](...params)),
      });
    }
    return guarded;
  }) as Database['transaction'];
}
