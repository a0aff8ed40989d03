import type { Store } from '../store';

/**
 * Revocation is two-fold: the session rows go, and the user's session version moves on so a
 * session any instance still holds in memory or in flight is refused on its next request.
 * `keepSid` survives (own password change, "sign out everywhere else") and is re-stamped by the caller.
 */
export async function revokeUserSessions(
  store: Pick<Store, 'users' | 'sessions'>,
  userId: string,
  now: Date,
  keepSid?: string,
): Promise<{ revoked: number; sessionVersion: number | null }> {
  const sessionVersion = await store.users.bumpSessionVersion(userId, now);
  const revoked = await store.sessions.deleteByUser(userId, keepSid);
  return { revoked, sessionVersion };
}
