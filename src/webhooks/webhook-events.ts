import type { AuditEntry } from '../audit/audit-log';
import type { RequestContext } from '../request-context';

export const WEBHOOK_EVENT_TYPES = [
  'reset.requested',
  'reset.completed',
  'password.set_by_admin',
  'sessions.revoked',
  'account.locked',
  'account.secured_by_user',
  'verification.sent',
  'verification.succeeded',
  'verification.failed',
  'verification.in_person',
  'delivery.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Audit details that may leave the building: ids, the ticket, how it was done. Never a secret. */
const SHARED_DETAILS = [
  'ticketRef',
  'outboxId',
  'purpose',
  'method',
  'verified',
  'verificationId',
  'apiToken',
];

const FAILED_DELIVERIES = new Set(['mail.failed', 'mail.expired', 'sms.failed', 'sms.expired']);

/** A reset request for an unknown, ineligible or capped name: never announced. */
function isUnannouncedResetRequest(entry: AuditEntry): boolean {
  return entry.action === 'reset.requested' && entry.outcome !== 'sent';
}

function eventTypeOf(entry: AuditEntry): WebhookEventType | null {
  // Only a real, eligible account's request is announced: an unknown or refused name never is.
  if (isUnannouncedResetRequest(entry)) return null;
  if (FAILED_DELIVERIES.has(entry.action)) return 'delivery.failed';
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(entry.action)
    ? (entry.action as WebhookEventType)
    : null;
}

export interface WebhookEvent {
  type: WebhookEventType;
  data: Record<string, string | number | boolean | null>;
}

/** The webhook an audit event announces, or null; its data is ids, type, actor and ticket only. */
export function toWebhookEvent(entry: AuditEntry, context: RequestContext): WebhookEvent | null {
  const type = eventTypeOf(entry);
  if (!type) return null;
  const details = entry.details ?? {};
  const shared = Object.fromEntries(
    SHARED_DETAILS.filter((key) => details[key] !== undefined).map((key) => [key, details[key] ?? null]),
  );
  return {
    type,
    data: {
      action: entry.action,
      targetId: entry.targetId,
      actorId: entry.actorId,
      outcome: entry.outcome,
      channel: entry.channel ?? null,
      ...shared,
      ...(context.apiToken && { apiToken: context.apiToken.name }),
    },
  };
}
