import { toAuditRows, type AuditRow } from '../admin/audit-rows';
import { AUDIT_CATEGORIES } from '../audit/audit-messages';
import type { Translate } from '../i18n/localization';
import type { Store, User } from '../store';
import { describeAge, formatUtc } from '../time-format';
import { summarizeIp, summarizeUserAgent } from '../user-agent';

const SHOWN = 8;
const PASSWORD_SET_ACTIONS = ['password.changed', 'reset.completed', 'password.set_by_admin'] as const;
const OWN_SECURITY_ACTIONS = [
  ...AUDIT_CATEGORIES['sign-in'].actions,
  ...AUDIT_CATEGORIES.resets.actions,
  ...AUDIT_CATEGORIES.security.actions,
];

export interface MemberHome {
  /** "12 days ago (2026-11-24 09:30 UTC)", or null when the log has no password change for the account. */
  passwordAge: string | null;
  sessions: { device: string; lastSeen: string }[];
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
  const setAt = lastSet.items[0]?.at ?? null;
  return {
    passwordAge: setAt ? `${describeAge(setAt, now)} (${formatUtc(setAt)})` : null,
    sessions: sessions.map((session) => ({
      device: `${summarizeUserAgent(session.userAgent)} from ${summarizeIp(session.ip)}`,
      lastSeen: formatUtc(session.lastSeenAt),
    })),
    recentEvents: await toAuditRows(events.items, store.users, t),
  };
}
