import type { AuditRepository } from './audit';
import type { OutboxRepository } from './outbox';
import type { RateLimitRepository } from './rate-limits';
import type { ResetRequestRepository } from './reset-requests';
import type { SessionRepository } from './sessions';
import type { UserRepository } from './users';

export interface Store {
  readonly kind: 'sqlite' | 'mongo';
  readonly users: UserRepository;
  readonly resetRequests: ResetRequestRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly rateLimits: RateLimitRepository;
  readonly outbox: OutboxRepository;
  /** Throws when the store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
