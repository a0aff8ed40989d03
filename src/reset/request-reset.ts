import type { RecordAudit, RequestContext } from '../audit/audit-log';
import { normalizeUsername } from '../auth/username';
import type { Clock } from '../clock';
import type { MailQueue } from '../mail/mail-queue';
import { renderResetEmail } from '../mail/templates';
import type { ResetPurpose, Store, User } from '../store';
import type { ResetSecrets } from './secrets';

const HOUR = 60 * 60_000;

export interface ResetIssueOptions {
  purpose: ResetPurpose;
  ttlMs: number;
  /** Admin id, or null when users ask for themselves. */
  requestedBy: string | null;
}

export interface RequestResetDeps {
  store: Store;
  secrets: ResetSecrets;
  mailQueue: MailQueue;
  audit: RecordAudit;
  clock: Clock;
  appUrl: string;
  reset: { ttlMs: number; codeAttempts: number; mailsPerAccountHour: number };
}

export type ResetOutcome = 'sent' | 'unknown' | 'ineligible' | 'throttled';

export function isEligibleForReset(user: User): boolean {
  return user.status === 'active' || user.status === 'pending';
}

/** Stores a new request (voiding older ones) and queues the one email with link + code. */
export function createResetIssuer(deps: RequestResetDeps) {
  return async function issueReset(
    user: User,
    options: ResetIssueOptions,
    context: RequestContext,
  ): Promise<string> {
    const now = deps.clock();
    const secrets = deps.secrets.issue();
    const request = await deps.store.resetRequests.create(
      {
        userId: user.id,
        tokenHash: secrets.tokenHash,
        codeHash: secrets.codeHash,
        purpose: options.purpose,
        requestedBy: options.requestedBy,
        ip: context.ip,
        userAgent: context.userAgent,
        outboxId: null,
        expiresAt: new Date(now.getTime() + options.ttlMs),
        maxAttempts: deps.reset.codeAttempts,
      },
      now,
    );
    const email = renderResetEmail({
      to: user.username,
      displayName: user.displayName,
      link: `${deps.appUrl}/reset?token=${secrets.token}`,
      code: secrets.code,
      expiresAt: request.expiresAt,
      now,
      purpose: options.purpose,
      requestedByAdmin: options.requestedBy !== null,
      userId: user.id,
    });
    const outboxId = await deps.mailQueue.queue({ channel: 'email', ...email });
    await deps.store.resetRequests.attachOutboxItem(request.id, outboxId);
    await deps.audit(
      {
        action: 'mail.queued',
        actorId: options.requestedBy,
        targetId: user.id,
        outcome: 'queued',
        channel: 'email',
        details: { outboxId, kind: options.purpose },
      },
      context,
    );
    return request.id;
  };
}

/**
 * Self-service request. Every path does the same lookup and counter write and returns nothing,
 * so the caller's response cannot differ; mail is only queued, never sent on the request path.
 */
export function createRequestReset(deps: RequestResetDeps) {
  const issueReset = createResetIssuer(deps);

  async function decide(user: User | null, normalized: string): Promise<ResetOutcome> {
    const mails = await deps.store.rateLimits.hit(`reset-mail:${normalized}`, HOUR, deps.clock());
    if (!user) return 'unknown';
    if (!isEligibleForReset(user)) return 'ineligible';
    return mails.count > deps.reset.mailsPerAccountHour ? 'throttled' : 'sent';
  }

  return async function requestReset(username: string, context: RequestContext): Promise<void> {
    const normalized = normalizeUsername(username);
    const user = await deps.store.users.findByUsername(normalized);
    const outcome = await decide(user, normalized);
    if (outcome === 'sent') {
      await issueReset(user!, { purpose: 'reset', ttlMs: deps.reset.ttlMs, requestedBy: null }, context);
    }
    await deps.audit(
      { action: 'reset.requested', actorId: null, targetId: user?.id ?? null, outcome, channel: 'email' },
      context,
    );
  };
}

export type RequestReset = ReturnType<typeof createRequestReset>;
export type IssueReset = ReturnType<typeof createResetIssuer>;
