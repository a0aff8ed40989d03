import { describeAuditEvent } from '../audit/audit-messages';
import { callerVerifiedOf, ticketRefOf } from '../audit/event-ticket';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import type { Localized, Translate } from '../i18n/localization';
import type { AuditEvent, ResetRequest, Store, User } from '../store';
import { describeAdminMenu, type AdminActionsConfig } from './admin-menu';
import { USER_STATUS_LABELS, USER_TYPE_LABELS } from '../auth/user-labels';
import { ROLE_LABELS } from './user-labels';
import { describeDelivery } from './delivery-status';
import { maskNationalId, maskPhone } from './masking';
import type { VerificationPanel } from '../verification/verification-panel';

const RECENT_REQUESTS = 10;
const RECENT_EVENTS = 10;

const PURPOSE_LABELS: Record<ResetRequest['purpose'], string> = {
  reset: 'admin-users:detail.purposes.reset',
  invite: 'admin-users:detail.purposes.invite',
};

/** Newest first: a consumed request may also have expired since, but "consumed" is what matters. */
function describeRequestState(request: ResetRequest, now: Date, { t, formatDateTime }: Localized): string {
  if (request.consumedAt) {
    return t('admin-users:detail.request_states.consumed', { at: formatDateTime(request.consumedAt) });
  }
  if (request.voidedAt) return t('admin-users:detail.request_states.voided');
  if (request.failedAttempts >= request.maxAttempts)
    return t('admin-users:detail.request_states.attempts_used_up');
  if (request.expiresAt <= now) return t('admin-users:detail.request_states.expired');
  return t('admin-users:detail.request_states.open');
}

/** Display names of the admins and actors a page mentions, each looked up once. */
async function lookUpNames(
  store: Pick<Store, 'users'>,
  ids: (string | null)[],
  t: Translate,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await Promise.all(unique.map((id) => store.users.findById(id)));
  return new Map(
    unique.map((id, index) => [
      id,
      users[index]?.displayName ?? t('admin-users:detail.removed_user', { id }),
    ]),
  );
}

async function describeRequests(
  store: Pick<Store, 'outbox'>,
  requests: ResetRequest[],
  names: Map<string, string>,
  now: Date,
  localized: Localized,
) {
  const { t, formatDateTime } = localized;
  const items = await Promise.all(
    requests.map((request) => (request.outboxId ? store.outbox.findById(request.outboxId) : null)),
  );
  return requests.map((request, index) => ({
    createdAt: formatDateTime(request.createdAt),
    purpose: t(PURPOSE_LABELS[request.purpose]),
    channel: t('admin-users:detail.channel_email'),
    requestedBy: request.requestedBy
      ? (names.get(request.requestedBy) ?? '—')
      : t('admin-users:detail.asked_by_self'),
    expiresAt: formatDateTime(request.expiresAt),
    state: describeRequestState(request, now, localized),
    delivery: describeDelivery(request.outboxId, items[index] ?? null, localized),
  }));
}

/** "Caller not verified" is what an admin reset without a verification shows on the user page. */
function describeCallerCheck(event: AuditEvent, t: Translate): string {
  const verified = callerVerifiedOf(event);
  if (verified === null) return '—';
  return verified ? t('admin-users:detail.caller_verified') : t('admin-users:detail.caller_not_verified');
}

function describeEvents(
  events: AuditEvent[],
  names: Map<string, string>,
  target: User,
  { t, formatDateTime }: Localized,
) {
  return events.map((event) => ({
    at: formatDateTime(event.at),
    action: event.action,
    sentence: describeAuditEvent(t, event.action, {
      actor: event.actorId ? (names.get(event.actorId) ?? null) : null,
      target: target.displayName,
      outcome: event.outcome,
      channel: event.channel,
      details: event.details,
    }),
    outcome: event.outcome,
    ticketRef: ticketRefOf(event),
    caller: describeCallerCheck(event, t),
  }));
}

function describeProfile(target: User, { t, formatDateTime }: Localized) {
  return {
    id: target.id,
    displayName: target.displayName,
    username: target.username,
    contactEmail: target.contactEmail,
    phone: maskPhone(target.phone),
    nationalId: maskNationalId(target.nationalId),
    typeLabel: t(USER_TYPE_LABELS[target.userType]),
    status: target.status,
    statusLabel: t(USER_STATUS_LABELS[target.status]),
    roles:
      target.roles.map((role) => t(ROLE_LABELS[role])).join(t('admin:messages.list_separator')) ||
      t('admin-users:roles.none'),
    createdAt: formatDateTime(target.createdAt),
  };
}

function describeSecurity(target: User, activeSessions: number, now: Date, { t, formatDateTime }: Localized) {
  const locked = target.lockedUntil !== null && target.lockedUntil > now;
  return {
    lastSignIn: target.lastSignInAt ? formatDateTime(target.lastSignInAt) : t('admin-users:detail.never'),
    locked,
    lockout: locked
      ? t('admin-users:detail.locked_until', { at: formatDateTime(target.lockedUntil) })
      : t('admin-users:detail.not_locked'),
    failedSignIns: target.failedSignIns,
    activeSessions,
    hasPassword: target.passwordHash !== null,
    mustChangePassword: target.mustChangePassword,
  };
}

/** Everything the user detail page shows, as plain strings; the full phone and national ID never leave here. */
export async function describeUserDetail(
  store: Pick<Store, 'users' | 'sessions' | 'resetRequests' | 'audit' | 'outbox'>,
  config: AdminActionsConfig,
  target: User,
  viewer: User,
  now: Date,
  verification: VerificationPanel | null,
  localized: Localized,
) {
  const { t } = localized;
  const [sessions, requests, events] = await Promise.all([
    store.sessions.listByUser(target.id, now),
    store.resetRequests.listRecentForUser(target.id, RECENT_REQUESTS),
    store.audit.list({ targetId: target.id }, 1, RECENT_EVENTS),
  ]);
  const names = await lookUpNames(
    store,
    [...requests.map((request) => request.requestedBy), ...events.items.map((event) => event.actorId)],
    t,
  );
  return {
    user: describeProfile(target, localized),
    security: describeSecurity(target, sessions.length, now, localized),
    requests: await describeRequests(store, requests, names, now, localized),
    events: describeEvents(events.items, names, target, localized),
    auditHref: `/admin/audit?target=${encodeURIComponent(target.id)}`,
    menu: describeAdminMenu(viewer, target, config, Boolean(verification?.verified), t),
    verification,
    ownAccount: viewer.id === target.id,
    canEdit: hasPermission(viewer, 'users:update') && holdsPermissionsOf(viewer, target.roles),
  };
}
