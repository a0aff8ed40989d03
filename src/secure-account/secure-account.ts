import type { RecordAudit } from '../audit/audit-log';
import type { RaiseSecurityAlert } from '../audit/security-alerts';
import { withdrawAccountAccess } from '../auth/withdraw-access';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import type { Store } from '../store';

export interface SecureAccountDeps {
  store: Pick<Store, 'secureAccountTokens' | 'users' | 'sessions' | 'resetRequests' | 'verifications'>;
  audit: RecordAudit;
  clock: Clock;
  raiseAlert: RaiseSecurityAlert;
}

/** One code for unknown, expired, used and closed-account links alike, so the page tells nothing apart. */
export type SecureAccountResult = { ok: true } | { ok: false; error: 'link_invalid' };

/** Why the account is suspended, on the audit event and the alert (the user record has no reason field). */
const REASON = 'reported_by_user';

/**
 * "This wasn't me": the owner of a mailed link locks the account. It never signs anyone in and returns
 * nothing about the account, so a link in the wrong hands can do no more than lock it.
 */
export function createSecureAccount({ store, audit, clock, raiseAlert }: SecureAccountDeps) {
  /** A usable link whose account still exists; a deleted account has nothing left to secure. */
  async function findUsableLink(tokenHash: string | null, now: Date) {
    if (!tokenHash) return null;
    const token = await store.secureAccountTokens.findUsable(tokenHash, now);
    const user = token ? await store.users.findById(token.userId) : null;
    return token && user && user.status !== 'deleted' ? { token, user } : null;
  }

  async function isUsable(tokenHash: string | null): Promise<boolean> {
    return (await findUsableLink(tokenHash, clock())) !== null;
  }

  async function secureAccount(
    tokenHash: string | null,
    context: RequestContext,
  ): Promise<SecureAccountResult> {
    const now = clock();
    const link = await findUsableLink(tokenHash, now);
    // Use before securing, so of concurrent confirms exactly one writes the audit event and the alert.
    if (!link || !(await store.secureAccountTokens.use(link.token.id, now))) {
      return { ok: false, error: 'link_invalid' };
    }
    const { token, user } = link;
    const userId = user.id;
    // Suspended first: from here on no sign-in, reset or session of this account is accepted.
    await store.users.setStatus(userId, 'suspended', now);
    const withdrawn = await withdrawAccountAccess(store, userId, now);
    const revoked = withdrawn.revokedSessions;
    const base = { actorId: null, targetId: userId, outcome: 'ok' };
    if (revoked > 0) {
      await audit(
        { ...base, action: 'sessions.revoked', details: { revoked, scope: 'all', reason: REASON } },
        context,
      );
    }
    const details = {
      reason: REASON,
      link: token.reason,
      statusFrom: user.status,
      ...withdrawn,
    };
    await audit({ ...base, action: 'account.secured_by_user', details }, context);
    await raiseAlert({ kind: 'account_secured_by_user', targetId: userId, actorId: null, details });
    return { ok: true };
  }

  return { isUsable, secureAccount };
}

export type SecureAccount = ReturnType<typeof createSecureAccount>;
