import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import { isAccountEligible } from '../auth/eligibility';
import { withdrawAccountAccess } from '../auth/withdraw-access';
import type { Clock } from '../clock';
import type { AuditDetails, Store, User } from '../store';
import type { UserChanges } from './user-form';

export interface UpdateUserDeps {
  store: Store;
  audit: RecordAudit;
  clock: Clock;
}

export type UpdateUserResult =
  | { ok: true; user: User; changed: string[]; revokedSessions: number | null; voidedRequests: number }
  | { ok: false; error: 'username_taken' | 'not_found' };

/**
 * Applies a validated edit. The profile write goes first and alone can fail (username taken), so a
 * refused edit changes nothing. The audit names the changed fields, never their values.
 */
export function createUserUpdater({ store, audit, clock }: UpdateUserDeps) {
  async function writeProfile(target: User, changes: UserChanges, now: Date) {
    if (Object.keys(changes.patch).length === 0) return { ok: true as const, user: target };
    const result = await store.users.updateProfile(target.id, changes.patch, now);
    return result ?? { ok: false as const, error: 'not_found' as const };
  }

  return async function updateUserAccount(
    target: User,
    changes: UserChanges,
    admin: User,
    context: RequestContext,
  ): Promise<UpdateUserResult> {
    const nothing = { changed: [], revokedSessions: null, voidedRequests: 0 };
    if (changes.changed.length === 0) return { ok: true, user: target, ...nothing };
    const now = clock();
    const written = await writeProfile(target, changes, now);
    if (!written.ok) return written;
    const user = changes.status ? await store.users.setStatus(target.id, changes.status, now) : written.user;
    if (!user) return { ok: false, error: 'not_found' };
    // A status that may no longer sign in or reset also ends what the account already holds.
    const closed = changes.status !== null && !isAccountEligible({ status: changes.status });
    // A closed account keeps nothing; a link mailed to the old address must stop working.
    const withdrawn = closed ? await withdrawAccountAccess(store, target.id, now) : null;
    const voidedRequests =
      withdrawn?.voidedResetLinks ??
      (changes.patch.username ? await store.resetRequests.voidAllForUser(target.id, now) : 0);
    const base = { actorId: admin.id, targetId: target.id, outcome: 'ok' };
    const statusDetails: AuditDetails = changes.status
      ? { statusFrom: target.status, statusTo: changes.status }
      : {};
    const details = { fields: changes.changed.join(','), ...statusDetails, voidedRequests };
    await audit({ ...base, action: 'user.updated', details }, context);
    if (!withdrawn)
      return { ok: true, user, changed: changes.changed, revokedSessions: null, voidedRequests };
    const revoked = withdrawn.revokedSessions;
    await audit(
      { ...base, action: 'sessions.revoked', details: { revoked, scope: 'all', reason: changes.status } },
      context,
    );
    return { ok: true, user, changed: changes.changed, revokedSessions: revoked, voidedRequests };
  };
}

export type UpdateUserAccount = ReturnType<typeof createUserUpdater>;
