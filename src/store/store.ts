import type { ApiTokenRepository } from './api-tokens';
import type { AuditRepository } from './audit';
import type { IdempotencyKeyRepository } from './idempotency-keys';
import type { OutboxRepository } from './outbox';
import type { RateLimitRepository } from './rate-limits';
import type { ResetIntentRepository } from './reset-intents';
import type { ResetRequestRepository } from './reset-requests';
import type { SecureAccountTokenRepository } from './secure-account-tokens';
import type { SecurityAlertRepository } from './security-alerts';
import type { SessionRepository } from './sessions';
import type { UserRepository } from './users';
import type { VerificationRepository } from './verifications';
import type { WebhookEndpointRepository } from './webhook-endpoints';

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  readonly users: UserRepository;
  readonly resetRequests: ResetRequestRepository;
  readonly resetIntents: ResetIntentRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly rateLimits: RateLimitRepository;
  readonly outbox: OutboxRepository;
  readonly verifications: VerificationRepository;
  readonly secureAccountTokens: SecureAccountTokenRepository;
  readonly securityAlerts: SecurityAlertRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly idempotencyKeys: IdempotencyKeyRepository;
  readonly webhookEndpoints: WebhookEndpointRepository;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
