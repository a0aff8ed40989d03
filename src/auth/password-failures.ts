import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Store, User } from '../store';

export interface LockoutPolicy {
  threshold: number;
  durationMs: number;
}

/** Where a user typed their own password wrong; each place keeps its audit action. */
const FAILURE_EVENTS = {
  signIn: { action: 'signin.failed', outcome: 'wrong_password' },
  ownPasswordChange: { action: 'password.change_failed', outcome: 'wrong_current' },
} as const;

export type PasswordCheck = keyof typeof FAILURE_EVENTS;

export function isLockedOut(user: User, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

export interface RecordPasswordFailureDeps {
  store: Store;
  audit: RecordAudit;
  lockout: LockoutPolicy;
}

/**
 * Every check of a user's own password — sign-in, and the current password when changing it — feeds one
 * counter and one lockout, so a stolen session cannot guess the password faster than sign-in allows.
 * Resolves to the end of the lock this failure started or extended, or null when the account is not locked.
 */
export function createRecordPasswordFailure({ store, audit, lockout }: RecordPasswordFailureDeps) {
  return async function recordPasswordFailure(
    user: User,
    check: PasswordCheck,
    context: RequestContext,
    now: Date,
  ): Promise<Date | null> {
    const failure = await store.users.recordFailedSignIn(user.id, lockout.threshold, lockout.durationMs, now);
    // Anonymous at sign-in; the signed-in user when they change their own password.
    const actorId = check === 'signIn' ? null : user.id;
    await audit({ ...FAILURE_EVENTS[check], actorId, targetId: user.id }, context);
    if (!failure?.lockedUntil || failure.lockedUntil <= now) return null;
    const details = { failedSignIns: failure.failedSignIns, lockedUntil: failure.lockedUntil.toISOString() };
    await audit(
      { action: 'account.locked', actorId, targetId: user.id, outcome: 'locked', details },
      context,
    );
    return failure.lockedUntil;
  };
}

export type RecordPasswordFailure = ReturnType<typeof createRecordPasswordFailure>;
