/*
 * MongoStore: the production adapter, safe with several app instances on one replica set.
 *
 * Every guarantee in the port is kept by a single-document atomic operation (findOneAndUpdate with
 * the precondition in its filter, or an update pipeline that reads the current values), never by
 * read-then-write in the app, and never by multi-document transactions (which would need a replica
 * set even in development). The one exception is the audit chain, whose next event depends on the
 * last one: it appends optimistically and relies on the unique seq index to refuse a lost race (see
 * audit.ts). TTL indexes only tidy up; every expiry check is in the queries, because the TTL monitor
 * runs about once a minute.
 */
import type { Store } from '../store';
import { createApiTokenRepository, defineApiTokenModel } from './api-tokens';
import { createAuditRepository, defineAuditEventModel } from './audit';
import { connect, describeFailure } from './connection';
import { createIdempotencyKeyRepository, defineIdempotencyKeyModel } from './idempotency-keys';
import { backfillUsefulUntil, createOutboxRepository, defineOutboxModel, deleteDecoys } from './outbox';
import { createRateLimitRepository, defineRateLimitModel } from './rate-limits';
import { createResetIntentRepository, defineResetIntentModel } from './reset-intents';
import { createResetRequestRepository, defineResetRequestModel, deleteDecoyRequests } from './reset-requests';
import { createSecureAccountTokenRepository, defineSecureAccountTokenModel } from './secure-account-tokens';
import { createSecurityAlertRepository, defineSecurityAlertModel } from './security-alerts';
import { createSessionRepository, defineSessionModel } from './sessions';
import { defineUserModel } from './user-schema';
import { createUserRepository } from './users';
import { createVerificationRepository, defineVerificationModel } from './verifications';
import { createWebhookEndpointRepository, defineWebhookModels } from './webhook-endpoints';

export async function openMongoStore(uri: string, options: { timeoutMs: number }): Promise<Store> {
  const connection = await connect(uri, options.timeoutMs);
  const users = defineUserModel(connection);
  const resetRequests = defineResetRequestModel(connection);
  const resetIntents = defineResetIntentModel(connection);
  const sessions = defineSessionModel(connection);
  const auditEvents = defineAuditEventModel(connection);
  const rateLimits = defineRateLimitModel(connection);
  const outbox = defineOutboxModel(connection);
  const verifications = defineVerificationModel(connection);
  const secureAccountTokens = defineSecureAccountTokenModel(connection);
  const securityAlerts = defineSecurityAlertModel(connection);
  const apiTokens = defineApiTokenModel(connection);
  const idempotencyKeys = defineIdempotencyKeyModel(connection);
  const webhooks = defineWebhookModels(connection);
  try {
    // init() resolves once the collection exists and its schema indexes are built; uniqueness and
    // TTL depend on them, so the store is not handed out before.
    await Promise.all([
      users.init(),
      resetRequests.init(),
      resetIntents.init(),
      sessions.init(),
      auditEvents.init(),
      rateLimits.init(),
      outbox.init(),
      verifications.init(),
      secureAccountTokens.init(),
      securityAlerts.init(),
      apiTokens.init(),
      idempotencyKeys.init(),
      webhooks.endpoints.init(),
      webhooks.statuses.init(),
    ]);
    await backfillUsefulUntil(outbox);
    await Promise.all([deleteDecoys(outbox), deleteDecoyRequests(resetRequests)]);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw describeFailure('cannot prepare MongoDB collections', error, uri);
  }

  let closed = false;
  return {
    kind: 'mongo',
    users: createUserRepository(users),
    resetRequests: createResetRequestRepository(resetRequests),
    resetIntents: createResetIntentRepository(resetIntents),
    sessions: createSessionRepository(sessions),
    audit: createAuditRepository(auditEvents),
    rateLimits: createRateLimitRepository(rateLimits),
    outbox: createOutboxRepository(outbox),
    verifications: createVerificationRepository(verifications),
    secureAccountTokens: createSecureAccountTokenRepository(secureAccountTokens),
    securityAlerts: createSecurityAlertRepository(securityAlerts),
    apiTokens: createApiTokenRepository(apiTokens),
    idempotencyKeys: createIdempotencyKeyRepository(idempotencyKeys),
    webhookEndpoints: createWebhookEndpointRepository(webhooks),
    async ping() {
      if (closed || !connection.db) throw new Error('the MongoDB store is closed');
      await connection.db.admin().ping();
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  };
}
