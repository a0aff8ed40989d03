import type { SentenceParts } from '../audit/audit-messages';
import { auditSentenceHtml } from '../audit/audit-sentence-html';
import { callerVerifiedOf, ticketRefOf } from '../audit/event-ticket';
import type { Translate } from '../i18n/localization';
import type { AuditEvent, User, UserRepository } from '../store';
import { describeSource } from '../user-agent';

export interface UserRef {
  id: string;
  /** Null when the id names no user (any more). */
  displayName: string | null;
  username: string | null;
}

/** One table row, formatted for the page; the view escapes every string. */
export interface AuditRow {
  seq: number;
  at: Date;
  actor: UserRef | null;
  ip: string;
  userAgent: string;
  /** "Chrome on Windows from 203.0.113.7": the raw address and user agent stay in `ip`, `userAgent` and the CSV. */
  source: string;
  /**
   * The event in plain language (src/audit/audit-messages.ts) as HTML, its names and codes isolated in
   * `<bdi>` (src/audit/audit-sentence-html.ts); `action` keeps the raw code.
   */
  sentenceHtml: string;
  action: string;
  target: UserRef | null;
  outcome: string;
  channel: string | null;
  /** The help-desk ticket of an admin reset, in its own column. */
  ticketRef: string | null;
  /** An admin reset's caller check (details.verified); null for other events. */
  callerVerified: boolean | null;
  /** `key=value` pairs separated by spaces, but for the ticket, which has its own column. */
  details: string;
}

function toUserRef(id: string | null, users: Map<string, User | null>): UserRef | null {
  if (id === null) return null;
  const user = users.get(id) ?? null;
  return { id, displayName: user?.displayName ?? null, username: user?.username ?? null };
}

function nameIn(t: Translate, ref: UserRef | null): string | null {
  if (!ref) return null;
  return ref.displayName ?? t('audit:people.deleted_account');
}

function formatDetails(details: AuditEvent['details']): string {
  return Object.entries(details)
    .filter(([key]) => key !== 'ticketRef')
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}

/** Looks up each distinct actor and target once per page (at most two per row); sentences in `t`'s language. */
export async function toAuditRows(
  events: AuditEvent[],
  userRepository: UserRepository,
  t: Translate,
): Promise<AuditRow[]> {
  const ids = [...new Set(events.flatMap((event) => [event.actorId, event.targetId]))].filter(
    (id): id is string => id !== null,
  );
  const found = await Promise.all(ids.map((id) => userRepository.findById(id)));
  const users = new Map(ids.map((id, index) => [id, found[index] ?? null]));
  return events.map((event) => {
    const actor = toUserRef(event.actorId, users);
    const target = toUserRef(event.targetId, users);
    const parts: SentenceParts = {
      actor: nameIn(t, actor),
      target: nameIn(t, target),
      outcome: event.outcome,
      channel: event.channel,
      details: event.details,
    };
    return {
      seq: event.seq,
      at: event.at,
      actor,
      ip: event.ip,
      userAgent: event.userAgent,
      source: describeSource(event.userAgent, event.ip, t),
      sentenceHtml: auditSentenceHtml(t, event.action, parts),
      action: event.action,
      target,
      outcome: event.outcome,
      channel: event.channel,
      ticketRef: ticketRefOf(event),
      callerVerified: callerVerifiedOf(event),
      details: formatDetails(event.details),
    };
  });
}
