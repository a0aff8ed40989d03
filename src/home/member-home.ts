import { toAuditRows, type AuditRow } from '../admin/audit-rows';
import { AUDIT_CATEGORIES } from '../audit/audit-messages';
import type { Translate } from '../i18n/localization';
import type { Store, User } from '../store';
import { describeSource } from '../user-agent';

const SHOWN = 8;
const PASSWORD_SET_ACTIONS = ['password.changed', 'reset.completed', 'password.set_by_admin'] as const;
const OWN_SECURITY_ACTIONS = [
  ...AUDIT_CATEGORIES['sign-in'].actions,
  ...AUDIT_CATEGORIES.resets.actions,
  ...AUDIT_CATEGORIES.security.actions,
];

export interface MemberHome {
  /** When the password was last set, or null when the log has no password change for the account. */
  passwordSetAt: Date | null;
  sessions: { device: string; lastSeenAt: Date }[];
  recentEvents: AuditRow[];
}

/** A member's home: their password's age, where they are signed in, and recent events on their account. */
export async function describeMemberHome(
  store: Pick<Store, 'audit' | 'users' | 'sessions'>,
  user: User,
  now: Date,
  t: Translate,
): Promise<MemberHome> {
  const [lastSet, sessions, events] = await Promise.all([
    store.audit.list({ targetId: user.id, actions: PASSWORD_SET_ACTIONS }, 1, 1),
    store.sessions.listByUser(user.id, now),
    store.audit.list({ targetId: user.id, actions: OWN_SECURITY_ACTIONS }, 1, SHOWN),
  ]);
  return {
    passwordSetAt: lastSet.items[0]?.at ?? null,
    sessions: sessions.map((session) => ({
      device: describeSource(session.userAgent, session.ip, t),
      lastSeenAt: session.lastSeenAt,
    })),
    recentEvents: await toAuditRows(events.items, store.users, t),
  };
}
