import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { Localization } from '../i18n/localization';
import type { MailQueue } from '../outbox/mail-queue';
import type { EmailMessage } from '../outbox/outbox-message';
import { renderResetEmail } from '../mail/templates';
import type { ResetPurpose, Store, User } from '../store';
import type { ResetSecrets } from './secrets';

export interface ResetIssueOptions {
  purpose: ResetPurpose;
  ttlMs: number;
  /** Admin id, or null when users ask for themselves. */
  requestedBy: string | null;
}

export interface ResetIssuerDeps {
  store: Store;
  secrets: ResetSecrets;
  mailQueue: MailQueue;
  clock: Clock;
  /** The mail is written in the recipient's language and time zone. */
  localization: Localization;
  appUrl: string;
  reset: { codeAttempts: number };
}

type Recipient = Pick<User, 'id' | 'username' | 'displayName' | 'locale' | 'timeZone'>;

export function createResetIssuer(deps: ResetIssuerDeps) {
  /** Fresh secrets and the email that carries them, for a request not stored yet. */
  function draftReset(recipient: Recipient, options: ResetIssueOptions) {
    const now = deps.clock();
    const secrets = deps.secrets.issue();
    const expiresAt = new Date(now.getTime() + options.ttlMs);
    const email: EmailMessage = renderResetEmail(
      {
        to: recipient.username,
        displayName: recipient.displayName,
        link: `${deps.appUrl}/reset?token=${secrets.token}`,
        code: secrets.code,
        expiresAt,
        now,
        purpose: options.purpose,
        requestedByAdmin: options.requestedBy !== null,
        userId: recipient.id,
      },
      deps.localization.for({ locale: recipient.locale, timeZone: recipient.timeZone }),
    );
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

  return { issueReset };
}

export type ResetIssuer = ReturnType<typeof createResetIssuer>;
