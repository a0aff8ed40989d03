import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../store';
import { createApiTokenRepository } from './api-tokens';
import { createAuditRepository } from './audit';
import { startCheckpoints, type WalCheckpoints } from './checkpointer';
import { createIdempotencyKeyRepository } from './idempotency-keys';
import { migrate } from './migrations';
import { createOutboxRepository } from './outbox';
import { createRateLimitRepository } from './rate-limits';
import { createResetIntentRepository } from './reset-intents';
import { createResetRequestRepository } from './reset-requests';
import { createSecureAccountTokenRepository } from './secure-account-tokens';
import { createSecurityAlertRepository } from './security-alerts';
import { createSessionRepository } from './sessions';
import { takeTurnsWriting } from './turn-taking';
import { createUserRepository } from './users';
import { createVerificationRepository } from './verifications';
import { createWebhookEndpointRepository } from './webhook-endpoints';
import type { WriteTurns } from '../write-turns';

export interface SqliteOptions {
  walCheckpoints?: WalCheckpoints;
  /** Shared with this process's other connections, so their writers take turns (see turn-taking.ts). */
  writeTurns?: WriteTurns;
}

/** Opens (creating if needed) the embedded store; several processes may share one file through WAL. */
export function openSqliteStore(path: string, options: SqliteOptions = {}): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (options.writeTurns) takeTurnsWriting(db, options.writeTurns);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // Safe with WAL: a crash or power loss can lose the last commits, never corrupt the file; only
  // checkpoints wait for the disk, not every commit (which FULL would make each request do).
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const checkpointer = startCheckpoints(db, path, options.walCheckpoints ?? 'own-thread');

  return {
    kind: 'sqlite',
    users: createUserRepository(db),
    resetRequests: createResetRequestRepository(db),
    resetIntents: createResetIntentRepository(db),
    sessions: createSessionRepository(db),
    audit: createAuditRepository(db),
    rateLimits: createRateLimitRepository(db),
    outbox: createOutboxRepository(db),
    verifications: createVerificationRepository(db),
    secureAccountTokens: createSecureAccountTokenRepository(db),
    securityAlerts: createSecurityAlertRepository(db),
    apiTokens: createApiTokenRepository(db),
    idempotencyKeys: createIdempotencyKeyRepository(db),
    webhookEndpoints: createWebhookEndpointRepository(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
