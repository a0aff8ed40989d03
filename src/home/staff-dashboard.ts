import { describeDelivery, type Delivery } from '../admin/delivery-status';
import { toAuditRows, type AuditRow } from '../admin/audit-rows';
import type { Translate } from '../i18n/localization';
import type { AuditEvent, Store, User } from '../store';
import { DAY } from '../time';

const SHOWN = 8;
const RESET_ACTIONS = ['reset.requested', 'password.set_by_admin', 'sms.queued', 'reset.completed'] as const;
const FAILED_DELIVERY_ACTIONS = ['mail.failed', 'mail.expired', 'sms.failed', 'sms.expired'] as const;
const FAILED_DELIVERY_WINDOW_MS = 7 * DAY;

export interface DashboardReset {
  row: AuditRow;
  /** Null for events that queued no message (a one-click reset without email, a completed reset). */
  delivery: Delivery | null;
}

export interface LockedAccount {
  id: string;
  displayName: string;
  username: string;
  lockedUntil: Date;
}

export interface StaffDashboard {
  recentResets: DashboardReset[];
  failedDeliveries: AuditRow[];
  lockedAccounts: LockedAccount[];
  /** The audit log's category links, for admins (null for the help desk, who cannot read it). */
  auditLinks: { deliveries: string; resets: string } | null;
}

async function withDelivery(store: Pick<Store, 'outbox'>, row: AuditRow, event: AuditEvent) {
  const outboxId = typeof event.details.outboxId === 'string' ? event.details.outboxId : null;
  if (!outboxId) return { row, delivery: null };
  return { row, delivery: describeDelivery(outboxId, await store.outbox.findById(outboxId)) };
}

/** Accounts locked within the lockout period and still locked now, newest lock first, each once. */
async function findLockedAccounts(store: Pick<Store, 'audit' | 'users'>, now: Date, lockoutMs: number) {
  const locks = await store.audit.list(
    { action: 'account.locked', from: new Date(now.getTime() - lockoutMs) },
    1,
    50,
  );
  const ids = [
    ...new Set(locks.items.map((event) => event.targetId).filter((id): id is string => id !== null)),
  ];
  const users = await Promise.all(ids.map((id) => store.users.findById(id)));
  return users
    .filter((user): user is User & { lockedUntil: Date } =>
      Boolean(user?.lockedUntil && user.lockedUntil > now),
    )
    .slice(0, SHOWN)
    .map(({ id, displayName, username, lockedUntil }) => ({ id, displayName, username, lockedUntil }));
}

/**
 * The help desk's and admins' home: what was reset lately and whether its message arrived, messages that
 * need attention, and accounts locked right now. Read from the audit log and the outbox.
 */
export async function describeStaffDashboard(
  store: Pick<Store, 'audit' | 'users' | 'outbox'>,
  viewer: { canReadAudit: boolean },
  now: Date,
  lockoutMs: number,
  t: Translate,
): Promise<StaffDashboard> {
  const [resets, failures, lockedAccounts] = await Promise.all([
    store.audit.list({ actions: RESET_ACTIONS }, 1, SHOWN),
    store.audit.list(
      { actions: FAILED_DELIVERY_ACTIONS, from: new Date(now.getTime() - FAILED_DELIVERY_WINDOW_MS) },
      1,
      SHOWN,
    ),
    findLockedAccounts(store, now, lockoutMs),
  ]);
  const resetRows = await toAuditRows(resets.items, store.users, t);
  const recentResets = await Promise.all(
    resetRows.map((row, index) => withDelivery(store, row, resets.items[index]!)),
  );
  return {
    recentResets,
    failedDeliveries: await toAuditRows(failures.items, store.users, t),
    lockedAccounts,
    auditLinks: viewer.canReadAudit
      ? { deliveries: '/admin/audit?category=deliveries', resets: '/admin/audit?category=resets' }
      : null,
  };
}
