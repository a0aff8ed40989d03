import type { Translate } from '../i18n/localization';
import type { AuditDetails } from '../store';
import type { AuditAction } from './audit-actions';

/** The names a sentence uses, already resolved by the caller (null: nobody, e.g. an anonymous visitor). */
export interface SentenceParts {
  actor: string | null;
  target: string | null;
  outcome: string;
  channel: string | null;
  details: AuditDetails;
}

/**
 * Each audit action as one sentence in plain language (the `audit` catalog), for the audit page, the
 * dashboard and a member's own activity. The raw code stays in the CSV and beside the sentence. `tsc`
 * refuses an action without one; every sentence reads the values of `sentenceValues` it needs.
 */
export const AUDIT_SENTENCES: Record<AuditAction, string> = {
  'account.locked': 'audit:sentences.account_locked',
  'preferences.changed': 'audit:sentences.preferences_changed',
  'account.secured_by_user': 'audit:sentences.account_secured_by_user',
  'admin.created_by_script': 'audit:sentences.admin_created_by_script',
  'api_token.created': 'audit:sentences.api_token_created',
  'api_token.revoked': 'audit:sentences.api_token_revoked',
  'authorization.refused': 'audit:sentences.authorization_refused',
  'invite.sent': 'audit:sentences.invite_sent',
  'mail.expired': 'audit:sentences.mail_expired',
  'mail.failed': 'audit:sentences.mail_failed',
  'mail.retry': 'audit:sentences.mail_retry',
  'mail.sent': 'audit:sentences.mail_sent',
  'password.change_failed': 'audit:sentences.password_change_failed',
  'password.changed': 'audit:sentences.password_changed',
  'password.handed_over': 'audit:sentences.password_handed_over',
  'password.set_by_admin': 'audit:sentences.password_set_by_admin',
  'reset.code_failed': 'audit:sentences.reset_code_failed',
  'reset.completed': 'audit:sentences.reset_completed',
  'reset.request_killed': 'audit:sentences.reset_request_killed',
  'reset.requested': 'audit:sentences.reset_requested',
  'sessions.revoked': 'audit:sentences.sessions_revoked',
  'setup.completed': 'audit:sentences.setup_completed',
  'signin.failed': 'audit:sentences.signin_failed',
  'signin.refused': 'audit:sentences.signin_refused',
  'signin.succeeded': 'audit:sentences.signin_succeeded',
  'sms.expired': 'audit:sentences.sms_expired',
  'sms.failed': 'audit:sentences.sms_failed',
  'sms.queued': 'audit:sentences.sms_queued',
  'sms.retry': 'audit:sentences.sms_retry',
  'sms.sent': 'audit:sentences.sms_sent',
  'user.created': 'audit:sentences.user_created',
  'user.created_by_script': 'audit:sentences.user_created_by_script',
  'user.updated': 'audit:sentences.user_updated',
  'webhook.expired': 'audit:sentences.webhook_expired',
  'webhook.failed': 'audit:sentences.webhook_failed',
  'webhook.retry': 'audit:sentences.webhook_retry',
  'webhook.sent': 'audit:sentences.webhook_sent',
  'webhook_endpoint.created': 'audit:sentences.webhook_endpoint_created',
  'webhook_endpoint.updated': 'audit:sentences.webhook_endpoint_updated',
  'verification.failed': 'audit:sentences.verification_failed',
  'verification.in_person': 'audit:sentences.verification_in_person',
  'verification.sent': 'audit:sentences.verification_sent',
  'verification.succeeded': 'audit:sentences.verification_succeeded',
};

const METHODS: Record<string, string> = {
  'reset-password': 'audit:parts.method.reset_password',
  'temp-password-sms': 'audit:parts.method.temp_password_sms',
  password: 'audit:parts.method.password',
};

const REFUSALS: Record<string, string> = {
  device: 'audit:parts.refusal.device',
  closed: 'audit:parts.refusal.closed',
  suspended: 'audit:parts.refusal.suspended',
  deleted: 'audit:parts.refusal.deleted',
  pending: 'audit:parts.refusal.pending',
  temporary_expired: 'audit:parts.refusal.temporary_expired',
  no_password: 'audit:parts.refusal.no_password',
};

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function sessionsPhrase(t: Translate, count: unknown): string {
  return typeof count === 'number'
    ? t('audit:parts.sessions', { sessions: count })
    : t('audit:parts.sessions_unknown');
}

function adminResetNotes(t: Translate, details: AuditDetails): string[] {
  const method = METHODS[String(details.method)];
  const notes = [t(method ?? 'audit:parts.method.help_desk')];
  if (details.emailed === true || details.sendEmail === true) notes.push(t('audit:parts.emailed'));
  if (details.logoutSessions === true)
    notes.push(t('audit:parts.sessions_ended', { sessions: sessionsPhrase(t, details.sessionsRevoked) }));
  if (details.mustChangePassword === true) notes.push(t('audit:parts.must_change'));
  return notes;
}

function handoverNotes(t: Translate, details: AuditDetails): string[] {
  return [
    t(details.emailed === true ? 'audit:parts.emailed' : 'audit:parts.not_emailed'),
    details.logoutSessions === true
      ? t('audit:parts.sessions_ended', { sessions: sessionsPhrase(t, details.sessionsRevoked) })
      : t('audit:parts.sessions_kept'),
  ];
}

function requester(actor: string | null, details: AuditDetails): string {
  if (actor) return 'actor';
  return details.via === 'cli' ? 'cli' : 'visitor';
}

/**
 * Every value any sentence reads, from the event's parts. The sentences choose among outcomes and
 * details with ICU `select`, so one message per action covers each of its wordings.
 */
export function sentenceValues(t: Translate, parts: SentenceParts): Record<string, string | number> {
  const { actor, target, outcome, channel, details } = parts;
  const separator = t('audit:parts.list_separator');
  const refusal = REFUSALS[outcome];
  const sessionsRevoked = details.sessionsRevoked;
  return {
    actor: actor ?? t('audit:people.someone'),
    target: target ?? t('audit:people.unknown_account'),
    hasActor: yesNo(actor !== null),
    self: yesNo(actor !== null && actor === target),
    outcome,
    outcomeText: outcome.replaceAll('_', ' '),
    channel: channel ?? 'none',
    requester: requester(actor, details),
    purpose: String(details.purpose ?? ''),
    scope: String(details.scope ?? ''),
    failures: Number(details.failedSignIns) || 0,
    hasAttempts: yesNo(typeof details.attemptsLeft === 'number'),
    attemptsLeft: typeof details.attemptsLeft === 'number' ? details.attemptsLeft : 0,
    endedSessions: yesNo(typeof sessionsRevoked === 'number' && sessionsRevoked > 0),
    sessions: sessionsPhrase(t, sessionsRevoked),
    revoked: sessionsPhrase(t, details.revoked),
    notes: adminResetNotes(t, details).join(separator),
    handover: handoverNotes(t, details).join(separator),
    refusal: refusal ? t(refusal) : outcome.replaceAll('_', ' '),
    name: String(details.name ?? ''),
    scopes: String(details.scopes ?? ''),
    url: String(details.url ?? ''),
    enabled: yesNo(details.enabled !== false),
    hasFields: yesNo(typeof details.fields === 'string' && details.fields !== ''),
    fields: typeof details.fields === 'string' ? details.fields.split(',').join(separator) : '',
    hasReason: yesNo(typeof details.reason === 'string'),
    reason: typeof details.reason === 'string' ? details.reason : '',
  };
}

export const AUDIT_CATEGORIES = {
  'sign-in': {
    label: 'audit:categories.sign_in',
    actions: ['signin.succeeded', 'signin.failed', 'signin.refused', 'account.locked', 'setup.completed'],
  },
  resets: {
    label: 'audit:categories.resets',
    actions: [
      'reset.requested',
      'reset.completed',
      'reset.code_failed',
      'reset.request_killed',
      'password.set_by_admin',
      'password.handed_over',
      'password.changed',
      'password.change_failed',
      'sms.queued',
    ],
  },
  admin: {
    label: 'audit:categories.admin',
    actions: [
      'user.created',
      'user.updated',
      'preferences.changed',
      'user.created_by_script',
      'admin.created_by_script',
      'invite.sent',
      'api_token.created',
      'api_token.revoked',
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
    ],
  },
  deliveries: {
    label: 'audit:categories.deliveries',
    actions: [
      'mail.sent',
      'mail.retry',
      'mail.failed',
      'mail.expired',
      'sms.sent',
      'sms.retry',
      'sms.failed',
      'sms.expired',
      'webhook.sent',
      'webhook.retry',
      'webhook.failed',
      'webhook.expired',
    ],
  },
  security: {
    label: 'audit:categories.security',
    actions: [
      'account.secured_by_user',
      'authorization.refused',
      'sessions.revoked',
      'verification.sent',
      'verification.succeeded',
      'verification.failed',
      'verification.in_person',
    ],
  },
} as const satisfies Record<string, { label: string; actions: readonly AuditAction[] }>;

/** The sentence's key and values; an action this version does not know reads as its code. */
export function auditSentence(
  t: Translate,
  action: string,
  parts: SentenceParts,
): { key: string; values: Record<string, string | number> } {
  const key = (AUDIT_SENTENCES as Record<string, string | undefined>)[action];
  const values = sentenceValues(t, parts);
  return key ? { key, values } : { key: 'audit:sentences.unknown', values: { ...values, action } };
}

/** The event as plain text in `t`'s language. */
export function describeAuditEvent(t: Translate, action: string, parts: SentenceParts): string {
  const { key, values } = auditSentence(t, action, parts);
  return t(key, values);
}
