import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { Store, User } from '../store';
import { isAccountEligible } from './eligibility';
import { isLockedOut, type RecordPasswordFailure } from './password-failures';
import type { PasswordHasher } from './password-hashing';
import { normalizeUsername } from '../shared/username';

export type SignInResult =
  | { ok: true; user: User }
  | {
      ok: false;
      error: 'invalid_credentials' | 'device_user' | 'account_disabled' | 'temporary_password_expired';
    };

export interface SignInDeps {
  store: Store;
  hasher: PasswordHasher;
  audit: RecordAudit;
  clock: Clock;
  recordPasswordFailure: RecordPasswordFailure;
}

/**
 * Unknown user, wrong password and locked account give the same answer after the same argon2 work.
 * Only someone who proved the password learns more (device account, disabled, expired temporary password).
 */
export function createSignIn({ store, hasher, audit, clock, recordPasswordFailure }: SignInDeps) {
  async function verifiedOutcome(user: User, now: Date): Promise<SignInResult> {
    if (!isAccountEligible(user)) return { ok: false, error: 'account_disabled' };
    if (user.userType === 'device') return { ok: false, error: 'device_user' };
    if (user.mustChangePassword && user.passwordExpiresAt && user.passwordExpiresAt <= now) {
      return { ok: false, error: 'temporary_password_expired' };
    }
    return { ok: true, user };
  }

  return async function signIn(
    username: string,
    password: string,
    context: RequestContext,
  ): Promise<SignInResult> {
    const now = clock();
    const user = await store.users.findByUsername(normalizeUsername(username));
    const passwordMatches = await hasher.verify(user?.passwordHash ?? null, password);
    if (!user) {
      await audit(
        { action: 'signin.failed', actorId: null, targetId: null, outcome: 'unknown_user' },
        context,
      );
      return { ok: false, error: 'invalid_credentials' };
    }
    if (isLockedOut(user, now)) {
      await audit({ action: 'signin.failed', actorId: null, targetId: user.id, outcome: 'locked' }, context);
      return { ok: false, error: 'invalid_credentials' };
    }
    if (!passwordMatches) {
      await recordPasswordFailure(user, 'signIn', context, now);
      return { ok: false, error: 'invalid_credentials' };
    }
    const outcome = await verifiedOutcome(user, now);
    if (!outcome.ok) {
      await audit(
        { action: 'signin.refused', actorId: null, targetId: user.id, outcome: outcome.error },
        context,
      );
      return outcome;
    }
    if (hasher.needsRehash(user.passwordHash!)) {
      await store.users.replacePasswordHash(user.id, user.passwordHash!, await hasher.hash(password), now);
    }
    await store.users.recordSignIn(user.id, now);
    await audit({ action: 'signin.succeeded', actorId: user.id, targetId: user.id, outcome: 'ok' }, context);
    return outcome;
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
