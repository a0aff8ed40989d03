import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { Store, User } from '../store';
import { isLockedOut, type RecordPasswordFailure } from './password-failures';
import type { PasswordHasher } from './password-hashing';
import type { PasswordFailure, PasswordPolicy } from './password-policy';
import type { ReplacePassword } from './replace-password';
import { revokeUserSessions } from './revoke-sessions';

export interface ChangePasswordInput {
  user: User;
  currentPassword: string;
  /** This session signed in with the temporary password moments ago: the current password is not asked again. */
  currentPasswordProven: boolean;
  password: string;
  confirmPassword: string;
  /** The session making the change stays signed in; every other one ends. */
  keepSid: string;
}

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; error: 'current_password_incorrect' }
  /** Locked before this attempt: the current password was not even checked. */
  | { ok: false; error: 'account_locked'; lockedUntil: Date | null }
  | { ok: false; error: 'password_rejected'; failures: PasswordFailure[] }
  /** That wrong current password locked the account, and every session of the user has ended. */
  | { ok: false; error: 'locked_out'; lockedUntil: Date };

export interface ChangePasswordDeps {
  store: Store;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
  recordPasswordFailure: RecordPasswordFailure;
  replacePassword: ReplacePassword;
}

export function createChangeOwnPassword(deps: ChangePasswordDeps) {
  const { store, hasher, policy, audit, clock } = deps;

  /**
   * Someone is guessing with a signed-in session, perhaps a stolen one: every session ends (not just this
   * one), and the lock keeps anyone from signing in again until it passes or the password is reset.
   */
  async function endEverySession(user: User, context: RequestContext, now: Date): Promise<void> {
    const { revoked } = await revokeUserSessions(store, user.id, now);
    const details = { revoked, scope: 'all', reason: 'locked' };
    await audit(
      { action: 'sessions.revoked', actorId: user.id, targetId: user.id, outcome: 'ok', details },
      context,
    );
  }

  /** The current password is checked only while sign-in would check it, and counts like a sign-in. */
  async function checkCurrentPassword(
    user: User,
    currentPassword: string,
    context: RequestContext,
    now: Date,
  ): Promise<ChangePasswordResult | null> {
    if (isLockedOut(user, now)) {
      await audit(
        { action: 'password.change_failed', actorId: user.id, targetId: user.id, outcome: 'locked' },
        context,
      );
      return { ok: false, error: 'account_locked', lockedUntil: user.lockedUntil };
    }
    if (!(await hasher.verify(user.passwordHash, currentPassword))) {
      const lockedUntil = await deps.recordPasswordFailure(user, 'ownPasswordChange', context, now);
      if (!lockedUntil) return { ok: false, error: 'current_password_incorrect' };
      await endEverySession(user, context, now);
      return { ok: false, error: 'locked_out', lockedUntil };
    }
    if (user.failedSignIns > 0) await store.users.clearFailedSignIns(user.id, now);
    return null;
  }

  return async function changeOwnPassword(
    input: ChangePasswordInput,
    context: RequestContext,
  ): Promise<ChangePasswordResult> {
    const { user } = input;
    const now = clock();
    const refused = input.currentPasswordProven
      ? null
      : await checkCurrentPassword(user, input.currentPassword, context, now);
    if (refused) return refused;
    const verdict = await policy.check(input.password, input.confirmPassword, user, context.locale);
    if (!verdict.ok) return { ok: false, error: 'password_rejected', failures: verdict.failures };
    const replaced = await deps.replacePassword(
      {
        user,
        password: input.password,
        reason: 'own_change',
        actorId: user.id,
        temporary: false,
        endSessions: { except: input.keepSid },
      },
      context,
    );
    await audit(
      {
        action: 'password.changed',
        actorId: user.id,
        targetId: user.id,
        outcome: 'ok',
        details: { sessionsRevoked: replaced.sessionsEnded },
      },
      context,
    );
    return { ok: true, sessionVersion: replaced.user.sessionVersion };
  };
}

export type ChangeOwnPassword = ReturnType<typeof createChangeOwnPassword>;
