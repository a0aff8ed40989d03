import type { RecordAudit, RequestContext } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Store, User } from '../store';
import type { PasswordHasher } from './password-hashing';
import { passwordFieldErrors, type PasswordPolicy } from './password-policy';

export interface ChangePasswordInput {
  user: User;
  currentPassword: string;
  password: string;
  confirmPassword: string;
  /** The session making the change stays signed in; every other one ends. */
  keepSid: string;
}

export type ChangePasswordResult =
  | { ok: true; sessionVersion: number }
  | { ok: false; errors: { currentPassword?: string; password?: string[]; confirmPassword?: string } };

/** How users learn their password changed (the "your password was changed" email), and whether an admin did it. */
export type PasswordChangedNotifier = (
  user: User,
  context: RequestContext,
  by?: 'self' | 'admin',
) => Promise<void>;

export interface ChangePasswordDeps {
  store: Store;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
  historySize: number;
  notifyPasswordChanged: PasswordChangedNotifier;
}

export function createChangeOwnPassword(deps: ChangePasswordDeps) {
  const { store, hasher, policy, audit, clock } = deps;
  return async function changeOwnPassword(
    input: ChangePasswordInput,
    context: RequestContext,
  ): Promise<ChangePasswordResult> {
    const { user } = input;
    if (!(await hasher.verify(user.passwordHash, input.currentPassword))) {
      await audit(
        { action: 'password.change_failed', actorId: user.id, targetId: user.id, outcome: 'wrong_current' },
        context,
      );
      return { ok: false, errors: { currentPassword: 'Your current password is not correct.' } };
    }
    const verdict = await policy.check(input.password, input.confirmPassword, user);
    if (!verdict.ok) return { ok: false, errors: passwordFieldErrors(verdict.failures) };
    const now = clock();
    const updated = await store.users.changePassword(
      user.id,
      {
        hash: await hasher.hash(input.password),
        historySize: deps.historySize,
        mustChangePassword: false,
        passwordExpiresAt: null,
        revokeSessions: true,
      },
      now,
    );
    if (!updated) throw new Error('user vanished during password change');
    // An invited user an admin gave a temporary password becomes active once they choose their own.
    if (updated.status === 'pending') await store.users.setStatus(user.id, 'active', now);
    const revoked = await store.sessions.deleteByUser(user.id, input.keepSid);
    await audit(
      {
        action: 'password.changed',
        actorId: user.id,
        targetId: user.id,
        outcome: 'ok',
        details: { sessionsRevoked: revoked },
      },
      context,
    );
    await deps.notifyPasswordChanged(updated, context);
    return { ok: true, sessionVersion: updated.sessionVersion };
  };
}

export type ChangeOwnPassword = ReturnType<typeof createChangeOwnPassword>;
