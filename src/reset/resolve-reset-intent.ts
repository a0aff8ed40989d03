import type { RecordAudit } from '../audit/audit-log';
import { isAccountEligible } from '../auth/eligibility';
import type { Clock } from '../clock';
import type { TextSealer } from '../outbox/text-sealer';
import type { RequestContext } from '../request-context';
import type { ResetIntent, Store, User } from '../store';
import { HOUR } from '../time';
import type { ResetIssuer } from './reset-issuer';
import type { ResetSecrets } from './secrets';

export type ResetOutcome = 'sent' | 'unknown' | 'ineligible' | 'throttled';

export interface ResolveResetIntentDeps {
  store: Pick<Store, 'users' | 'rateLimits'>;
  sealer: TextSealer;
  secrets: ResetSecrets;
  issuer: ResetIssuer;
  audit: RecordAudit;
  clock: Clock;
  reset: { ttlMs: number; mailsPerAccountHour: number };
}

/**
 * What a /forgot request leads to, decided off the request path: the lookup, eligibility, the
 * per-account cap, and for an eligible account under the cap a new request and its mail. Every
 * outcome is audited with the context of the original request. An unknown name leaves that audit
 * event and nothing else, under its stand-in id, which links repeated asks for one name without
 * revealing it. The caller deletes the intent afterwards.
 */
export function createResolveResetIntent(deps: ResolveResetIntentDeps) {
  async function decide(user: User | null, normalized: string): Promise<ResetOutcome> {
    if (!user) return 'unknown';
    const mails = await deps.store.rateLimits.hit(`reset-mail:${normalized}`, HOUR, deps.clock());
    if (!isAccountEligible(user)) return 'ineligible';
    return mails.count > deps.reset.mailsPerAccountHour ? 'throttled' : 'sent';
  }

  /** Throws SealError when the intent cannot be opened (another OUTBOX_KEY, or altered). */
  return async function resolveResetIntent(intent: ResetIntent): Promise<ResetOutcome> {
    const normalized = deps.sealer.open(intent.sealedUsername);
    const context: RequestContext = { ip: intent.ip, userAgent: intent.userAgent };
    const user = await deps.store.users.findByUsername(normalized);
    const outcome = await decide(user, normalized);
    const issued =
      outcome === 'sent'
        ? await deps.issuer.issueReset(
            user!,
            { purpose: 'reset', ttlMs: deps.reset.ttlMs, requestedBy: null },
            context,
          )
        : null;
    await deps.audit(
      {
        action: 'reset.requested',
        actorId: null,
        targetId: user?.id ?? deps.secrets.standInUserId(normalized),
        outcome,
        channel: 'email',
        ...(issued && { details: { outboxId: issued.outboxId } }),
      },
      context,
    );
    return outcome;
  };
}

export type ResolveResetIntent = ReturnType<typeof createResolveResetIntent>;
