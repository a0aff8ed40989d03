import type { RecordAudit } from '../audit/audit-log';
import { isAccountEligible } from '../auth/eligibility';
import type { RequestContext } from '../request-context';
import { normalizeUsername } from '../shared/username';
import type { Clock } from '../clock';
import type { MailQueue } from '../outbox/mail-queue';
import type { EmailMessage } from '../outbox/outbox-message';
import { renderResetEmail } from '../mail/templates';
import type { ResetPurpose, Store, User } from '../store';
import { HOUR } from '../time';
import type { ResetSecrets } from './secrets';

/**
 * Stand-in account for requests that must not send: its rows match no user and expire unused. Its
 * id is stable per username, like a real account's, so asking again voids the decoy's earlier
 * request exactly as it would void a real one (and scans no other decoys).
 */
function decoyRecipient(id: string) {
  return { id, username: 'decoy@resetdesk.invalid', displayName: 'ResetDesk' };
}

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

type Recipient = Pick<User, 'id' | 'username' | 'displayName'>;

export function createResetIssuer(deps: RequestResetDeps) {
  /** Fresh secrets and the email that carries them, for a request not stored yet. */
  function draftReset(recipient: Recipient, options: ResetIssueOptions) {
    const now = deps.clock();
    const secrets = deps.secrets.issue();
    const expiresAt = new Date(now.getTime() + options.ttlMs);
    const email: EmailMessage = renderResetEmail({
      to: recipient.username,
      displayName: recipient.displayName,
      link: `${deps.appUrl}/reset?token=${secrets.token}`,
      code: secrets.code,
      expiresAt,
      now,
      purpose: options.purpose,
      requestedByAdmin: options.requestedBy !== null,
      userId: recipient.id,
    });
    return { now, secrets, expiresAt, email };
  }

  /** Stores the request, already linked to its mail, voiding the recipient's older ones. */
  async function storeRequest(
    recipient: Recipient,
    draft: ReturnType<typeof draftReset>,
    outboxId: string,
    options: ResetIssueOptions,
    context: RequestContext,
  ): Promise<string> {
    const request = await deps.store.resetRequests.create(
      {
        userId: recipient.id,
        tokenHash: draft.secrets.tokenHash,
        codeHash: draft.secrets.codeHash,
        purpose: options.purpose,
        requestedBy: options.requestedBy,
        ip: context.ip,
        userAgent: context.userAgent,
        outboxId,
        expiresAt: draft.expiresAt,
        maxAttempts: deps.reset.codeAttempts,
      },
      draft.now,
    );
    return request.id;
  }

  /** Queues the email, then stores the request with its outbox id; the caller audits. */
  async function issueReset(user: User, options: ResetIssueOptions, context: RequestContext) {
    const draft = draftReset(user, options);
    const outboxId = await deps.mailQueue.queue(
      { channel: 'email', ...draft.email },
      { usefulUntil: draft.expiresAt },
    );
    const requestId = await storeRequest(user, draft, outboxId, options, context);
    return { requestId, outboxId };
  }

  /** The same request-shaped work as issueReset, for a path that must look identical but send nothing. */
  async function rehearseReset(decoyId: string, options: ResetIssueOptions, context: RequestContext) {
    const recipient = decoyRecipient(decoyId);
    const draft = draftReset(recipient, options);
    const outboxId = await deps.mailQueue.rehearse(
      { channel: 'email', ...draft.email },
      { usefulUntil: draft.expiresAt },
    );
    const requestId = await storeRequest(recipient, draft, outboxId, options, context);
    return { requestId, outboxId };
  }

  return { issueReset, rehearseReset };
}

/**
 * Self-service request, constant-time by construction: every path does the same lookup, counter
 * write, rendering, encryption, outbox write and request write, then returns nothing the caller
 * could tell apart. Only an eligible, unthrottled account's mail is queued (sent later, off this
 * path); the others write a decoy outbox item that is never sent.
 */
export function createRequestReset(deps: RequestResetDeps) {
  const { issueReset, rehearseReset } = createResetIssuer(deps);

  async function decide(user: User | null, normalized: string): Promise<ResetOutcome> {
    const mails = await deps.store.rateLimits.hit(`reset-mail:${normalized}`, HOUR, deps.clock());
    if (!user) return 'unknown';
    if (!isAccountEligible(user)) return 'ineligible';
    return mails.count > deps.reset.mailsPerAccountHour ? 'throttled' : 'sent';
  }

  return async function requestReset(username: string, context: RequestContext): Promise<void> {
    const normalized = normalizeUsername(username);
    const user = await deps.store.users.findByUsername(normalized);
    // Made on every path, used or not, so no path skips the work.
    const decoyId = deps.secrets.decoyUserId(normalized);
    const outcome = await decide(user, normalized);
    const options = { purpose: 'reset' as const, ttlMs: deps.reset.ttlMs, requestedBy: null };
    const { outboxId } =
      outcome === 'sent'
        ? await issueReset(user!, options, context)
        : await rehearseReset(decoyId, options, context);
    // The same row on every path (a NULL target alone made unknown names measurably faster): an
    // unknown name is recorded under its stand-in id, which links repeated probes of one name
    // without revealing it, and a decoy's outbox id stands where a real one would.
    await deps.audit(
      {
        action: 'reset.requested',
        actorId: null,
        targetId: user?.id ?? decoyId,
        outcome,
        channel: 'email',
        details: { outboxId },
      },
      context,
    );
  };
}

export type RequestReset = ReturnType<typeof createRequestReset>;
