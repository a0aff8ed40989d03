import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import type { ResetPurpose, Store, User } from '../store';
import type { PasswordHasher } from './password-hashing';

/** How users learn their password changed (the "your password was changed" email), and whether an admin did it. */
export type PasswordChangedNotifier = (
  user: User,
  context: RequestContext,
  by?: 'self' | 'admin',
) => Promise<void>;

/** Why the password changed: a reset or invitation link, the owner's own change, or an admin. */
type PasswordReplacementReason = ResetPurpose | 'own_change' | 'set_by_admin';

export interface PasswordReplacement {
  user: User;
  password: string;
  reason: PasswordReplacementReason;
  /** Who acts, for the audit log: the owner, an admin, or null for a visitor holding a reset link. */
  actorId: string | null;
  /** A temporary password must be changed at the next sign-in and stops working unused after a while. */
  temporary: boolean;
  /** Which sessions of the old password end: every one, every one but the caller's, or (admins may choose) none. */
  endSessions: 'all' | 'none' | { except: string };
  /** The reset request this write completes, already claimed by the caller. */
  consumesRequestId?: string;
}

export interface ReplacedPassword {
  user: User;
  sessionsEnded: number;
  /** When the temporary password stops working; null for a password the owner keeps. */
  expiresAt: Date | null;
}

export interface ReplacePasswordDeps {
  store: Store;
  hasher: PasswordHasher;
  audit: RecordAudit;
  clock: Clock;
  historySize: number;
  temporaryPasswordTtlMs: number;
  notifyPasswordChanged: PasswordChangedNotifier;
}

/**
 * Every password write goes through here — reset and invitation links, the owner's own change and
 * each admin method — so each gets the same consequences: the hash and history stored, must-change
 * and the temporary expiry set or cleared, the lockout cleared (all one atomic store write, which also
 * moves the session version on when sessions end), open reset links voided, session rows deleted and
 * audited, and the owner told.
 */
export function createReplacePassword(deps: ReplacePasswordDeps) {
  const { store, audit } = deps;

  async function endSessions(change: PasswordReplacement, context: RequestContext): Promise<number> {
    if (change.endSessions === 'none') return 0;
    const keepSid = change.endSessions === 'all' ? undefined : change.endSessions.except;
    const revoked = await store.sessions.deleteByUser(change.user.id, keepSid);
    if (revoked === 0) return 0;
    const details = { revoked, scope: keepSid ? 'others' : 'all', reason: change.reason };
    await audit(
      {
        action: 'sessions.revoked',
        actorId: change.actorId,
        targetId: change.user.id,
        outcome: 'ok',
        details,
      },
      context,
    );
    return revoked;
  }

  return async function replacePassword(
    change: PasswordReplacement,
    context: RequestContext,
  ): Promise<ReplacedPassword> {
    const hash = await deps.hasher.hash(change.password);
    const now = deps.clock();
    const expiresAt = change.temporary ? new Date(now.getTime() + deps.temporaryPasswordTtlMs) : null;
    const written = await store.users.changePassword(
      change.user.id,
      {
        hash,
        historySize: deps.historySize,
        mustChangePassword: change.temporary,
        passwordExpiresAt: expiresAt,
        revokeSessions: change.endSessions !== 'none',
      },
      now,
    );
    if (!written) throw new Error('user vanished during a password change');
    // Before voiding the rest: voiding ignores claims, so it would otherwise void this request too.
    if (change.consumesRequestId) await store.resetRequests.markConsumed(change.consumesRequestId, now);
    const byOwner = change.reason !== 'set_by_admin';
    // An invited account becomes active once its owner chooses a password; an admin's does not count.
    const activated = byOwner && written.status === 'pending';
    const user = activated ? ((await store.users.setStatus(written.id, 'active', now)) ?? written) : written;
    await store.resetRequests.voidAllForUser(user.id, now);
    const sessionsEnded = await endSessions(change, context);
    await deps.notifyPasswordChanged(user, context, byOwner ? 'self' : 'admin');
    return { user, sessionsEnded, expiresAt };
  };
}

export type ReplacePassword = ReturnType<typeof createReplacePassword>;
