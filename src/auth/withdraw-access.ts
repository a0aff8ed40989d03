import type { Store } from '../store';
import { revokeUserSessions } from './revoke-sessions';

export interface WithdrawnAccess {
  revokedSessions: number;
  voidedResetLinks: number;
  voidedVerifications: number;
}

/**
 * What an account that may no longer sign in or reset (suspended, deleted) still holds is taken away:
 * its sessions, its open reset and invitation links, and any caller verification an agent holds for
 * it. An admin closing the account and its owner securing it ("this wasn't me") both end here.
 */
export async function withdrawAccountAccess(
  store: Pick<Store, 'users' | 'sessions' | 'resetRequests' | 'verifications'>,
  userId: string,
  now: Date,
): Promise<WithdrawnAccess> {
  const { revoked } = await revokeUserSessions(store, userId, now);
  const voidedResetLinks = await store.resetRequests.voidAllForUser(userId, now);
  const voidedVerifications = await store.verifications.voidAllForUser(userId, now);
  return { revokedSessions: revoked, voidedResetLinks, voidedVerifications };
}
