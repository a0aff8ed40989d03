import { describeAuditEvent } from '../audit/audit-messages';
import type { Translate } from '../i18n/localization';
import { callerVerifiedOf, ticketRefOf } from '../audit/event-ticket';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import { USER_STATUS_LABELS, USER_TYPE_LABELS } from '../auth/user-labels';
import type { AuditEvent, ResetRequest, Store, User } from '../store';
import { describeAdminMenu, type AdminActionsConfig } from './admin-menu';
import { describeDelivery } from './delivery-status';
import { formatUtc } from '../time-format';
import { maskNationalId, maskPhone } from './masking';
import type { VerificationPanel } from '../verification/verification-panel';

const RECENT_REQUESTS = 10;
const RECENT_EVENTS = 10;

const PURPOSE_LABELS: Record<ResetRequest['purpose'], string> = { reset: 'Reset', invite: 'Invitation' };

/** Newest first: a consumed request may also have expired since, but "consumed" is what matters. */
function describeRequestState(request: ResetRequest, now: Date): string {
  if (request.consumedAt) return `Consumed ${formatUtc(request.consumedAt)}`;
  if (request.voidedAt) return 'Voided (replaced or cancelled)';
  if (request.failedAttempts >= request.maxAttempts) return 'Attempts used up';
  if (request.expiresAt <= now) return 'Expired';
  return 'Open';
}

/** Display names of the admins and actors a page mentions, each looked up once. */
async function lookUpNames(
  store: Pick<Store, 'users'>,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await Promise.all(unique.map((id) => store.users.findById(id)));
  return new Map(unique.map((id, index) => [id, users[index]?.displayName ?? `Removed user ${id}`]));
}

async function describeRequests(
  store: Pick<Store, 'outbox'>,
  requests: ResetRequest[],
  names: Map<string, string>,
  now: Date,
) {
  const items = await Promise.all(
    requests.map((request) => (request.outboxId ? store.outbox.findById(request.outboxId) : null)),
  );
  return requests.map((request, index) => ({
    createdAt: formatUtc(request.createdAt),
    purpose: PURPOSE_LABELS[request.purpose],
    channel: 'Email',
    requestedBy: request.requestedBy ? (names.get(request.requestedBy) ?? '—') : 'Self (forgot password)',
    expiresAt: formatUtc(request.expiresAt),
    state: describeRequestState(request, now),
    delivery: describeDelivery(request.outboxId, items[index] ?? null),
  }));
}

/** "Caller not verified" is what an admin reset without a verification shows on the user page. */
function describeCallerCheck(event: AuditEvent): string {
  const verified = callerVerifiedOf(event);
  if (verified === null) return '—';
  return verified ? 'Verified' : 'Not verified';
}

function describeEvents(t: Translate, events: AuditEvent[], names: Map<string, string>, target: User) {
  return events.map((event) => ({
    at: formatUtc(event.at),
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
    caller: describeCallerCheck(event),
  }));
}

function describeProfile(target: User) {
  return {
    id: target.id,
    displayName: target.displayName,
    username: target.username,
    contactEmail: target.contactEmail,
    phone: maskPhone(target.phone),
    nationalId: maskNationalId(target.nationalId),
    typeLabel: USER_TYPE_LABELS[target.userType],
    status: target.status,
    statusLabel: USER_STATUS_LABELS[target.status],
    roles: target.roles.join(', ') || 'none',
    createdAt: formatUtc(target.createdAt),
  };
}

function describeSecurity(target: User, activeSessions: number, now: Date) {
  const locked = target.lockedUntil !== null && target.lockedUntil > now;
  return {
    lastSignIn: target.lastSignInAt ? formatUtc(target.lastSignInAt) : 'Never',
    locked,
    lockout: locked ? `Locked until ${formatUtc(target.lockedUntil)}` : 'Not locked',
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
  t: Translate,
) {
  const [sessions, requests, events] = await Promise.all([
    store.sessions.listByUser(target.id, now),
    store.resetRequests.listRecentForUser(target.id, RECENT_REQUESTS),
    store.audit.list({ targetId: target.id }, 1, RECENT_EVENTS),
  ]);
  const names = await lookUpNames(store, [
    ...requests.map((request) => request.requestedBy),
    ...events.items.map((event) => event.actorId),
  ]);
  return {
    user: describeProfile(target),
    security: describeSecurity(target, sessions.length, now),
    requests: await describeRequests(store, requests, names, now),
    events: describeEvents(t, events.items, names, target),
    auditHref: `/admin/audit?target=${encodeURIComponent(target.id)}`,
    menu: describeAdminMenu(viewer, target, config, Boolean(verification?.verified)),
    verification,
    ownAccount: viewer.id === target.id,
    canEdit: hasPermission(viewer, 'users:update') && holdsPermissionsOf(viewer, target.roles),
  };
}
