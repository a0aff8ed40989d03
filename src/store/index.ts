import type { Store } from './store';
import type { WalCheckpoints } from './sqlite/checkpointer';
import type { WriteTurns } from './write-turns';

export type { Store } from './store';
export type { WalCheckpoints } from './sqlite/checkpointer';
export { createWriteTurns, releaseTurnOf, type WriteTurns } from './write-turns';
export * from './users';
export * from './reset-requests';
export * from './reset-intents';
export * from './sessions';
export * from './audit';
export * from './rate-limits';
export * from './outbox';
export * from './verifications';
export * from './secure-account-tokens';
export * from './security-alerts';
export * from './api-tokens';
export * from './idempotency-keys';
export * from './webhook-endpoints';

export interface StoreOptions {
  /** Set → MongoDB; otherwise the embedded SQLite file. */
  mongodbUri: string | null;
  sqlitePath: string;
  mongodbTimeoutMs: number;
  /** SQLite only: where the WAL is checkpointed (see SqliteOptions). */
  walCheckpoints?: WalCheckpoints;
  /** SQLite only: the turns this process's connections take writing (see SqliteOptions). */
  writeTurns?: WriteTurns;
}

/** Adapters are loaded lazily so an embedded install never loads mongoose, and vice versa. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.mongodbUri) {
    const { openMongoStore } = await import('./mongo/index.js');
    return openMongoStore(options.mongodbUri, { timeoutMs: options.mongodbTimeoutMs });
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  const { walCheckpoints, writeTurns } = options;
  return openSqliteStore(options.sqlitePath, { walCheckpoints, writeTurns });
}
