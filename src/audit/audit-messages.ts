import { plural } from '../plural';
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

const CHANNELS: Record<string, string> = {
  email: 'by email',
  sms: 'by text message',
  in_person: 'in person',
};

const METHODS: Record<string, string> = {
  'reset-password': 'one click',
  'temp-password-sms': 'a temporary password by text message',
  password: 'a password they typed',
};

const REFUSALS: Record<string, string> = {
  device: 'device accounts cannot sign in',
  closed: 'the account is suspended or deleted',
  suspended: 'the account is suspended',
  deleted: 'the account is deleted',
  pending: 'the account has not been set up yet',
  temporary_expired: 'the temporary password had expired',
  no_password: 'the account has no password yet',
};

const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);
const who = (name: string | null) => name ?? 'Someone';
const whose = (name: string | null) => (name ? possessive(name) : 'an unknown account’s');
const account = (name: string | null) => name ?? 'an unknown account';
const via = (channel: string | null) => (channel && CHANNELS[channel] ? ` ${CHANNELS[channel]}` : '');
const sessions = (count: unknown) => (typeof count === 'number' ? plural(count, 'session') : 'sessions');

function adminReset({ actor, target, details }: SentenceParts): string {
  const notes = [METHODS[String(details.method)] ?? 'by the help desk'];
  if (details.emailed === true || details.sendEmail === true) notes.push('emailed');
  if (details.logoutSessions === true) notes.push(`${sessions(details.sessionsRevoked)} ended`);
  if (details.mustChangePassword === true) notes.push('must be changed at next sign-in');
  return `${who(actor)} reset ${whose(target)} password — ${notes.join(', ')}`;
}

function resetRequested({ actor, target, outcome, details }: SentenceParts): string {
  const by = actor
    ? `${actor} sent`
    : details.via === 'cli'
      ? 'The command line sent'
      : 'A reset link was sent';
  if (outcome !== 'sent')
    return `A password reset was asked for ${account(target)} (not sent: ${outcome.replaceAll('_', ' ')})`;
  return actor || details.via === 'cli'
    ? `${by} ${account(target)} a password reset link`
    : `${by} to ${account(target)} at their request`;
}

function signInFailed({ target, outcome }: SentenceParts): string {
  if (outcome === 'unknown_user') return 'Someone tried to sign in with a username that does not exist';
  if (outcome === 'locked')
    return `${possessive(account(target))} sign-in was refused: the account is locked`;
  return `Wrong password when signing in as ${account(target)}`;
}

function delivery(kind: string, verb: string) {
  return ({ target, details }: SentenceParts) => {
    const reason = typeof details.reason === 'string' ? ` (${details.reason})` : '';
    return `${kind} to ${account(target)} ${verb}${reason}`;
  };
}

/**
 * Each audit action as one sentence in plain language, for the audit page, the dashboard and a member's
 * own activity. The raw code stays in the CSV and beside the sentence. `tsc` refuses an action without one.
 */
export const AUDIT_SENTENCES: Record<AuditAction, (parts: SentenceParts) => string> = {
  'account.locked': ({ target, details }) =>
    `${account(target)} was locked after ${plural(Number(details.failedSignIns) || 0, 'wrong password')}`,
  'account.secured_by_user': ({ target }) =>
    `${account(target)} said “this wasn’t me”: the account was secured and every session ended`,
  'admin.created_by_script': ({ target }) => `The command line created the administrator ${account(target)}`,
  'api_token.created': ({ actor, details }) =>
    `${who(actor)} created the API token “${String(details.name ?? '')}” (${String(details.scopes ?? '')})`,
  'api_token.revoked': ({ actor }) => `${who(actor)} revoked an API token`,
  'authorization.refused': ({ actor, target }) =>
    `${who(actor)} was refused access to ${account(target)}: it has more privileges than theirs`,
  'invite.sent': ({ actor, target }) => `${who(actor)} invited ${account(target)} by email`,
  'mail.expired': delivery('An email', 'expired before it could be delivered'),
  'mail.failed': delivery('An email', 'could not be delivered'),
  'mail.retry': delivery('An email', 'failed and will be retried'),
  'mail.sent': delivery('An email', 'was delivered to the mail server'),
  'password.change_failed': ({ actor, outcome }) =>
    outcome === 'locked'
      ? `${who(actor)} could not change their password: the account is locked`
      : `${who(actor)} typed a wrong current password when changing their password`,
  'password.changed': ({ actor, details }) =>
    `${who(actor)} changed their own password` +
    (typeof details.sessionsRevoked === 'number' && details.sessionsRevoked > 0
      ? ` — ${sessions(details.sessionsRevoked)} ended`
      : ''),
  'password.handed_over': ({ actor, target, outcome, details }) =>
    outcome === 'closed'
      ? `${who(actor)} closed the one-click result for ${account(target)} without emailing it or ending sessions`
      : `${who(actor)} confirmed the one-click reset of ${account(target)} — ${[
          details.emailed === true ? 'emailed' : 'not emailed',
          details.logoutSessions === true ? `${sessions(details.sessionsRevoked)} ended` : 'sessions kept',
        ].join(', ')}`,
  'password.set_by_admin': adminReset,
  'preferences.changed': ({ actor }) => `${who(actor)} changed their own language and time zone`,
  'reset.code_failed': ({ target, details }) =>
    `A wrong reset code was typed for ${account(target)}` +
    (typeof details.attemptsLeft === 'number' ? ` (${plural(details.attemptsLeft, 'attempt')} left)` : ''),
  'reset.completed': ({ target, details }) =>
    details.purpose === 'invite'
      ? `${account(target)} accepted their invitation and chose a password`
      : `${account(target)} chose a new password with a reset link`,
  'reset.request_killed': ({ target }) =>
    `A reset link for ${account(target)} was cancelled after too many wrong codes`,
  'reset.requested': resetRequested,
  'sessions.revoked': ({ actor, target, details }) =>
    details.scope === 'others'
      ? `${who(actor)} signed out of ${sessions(details.revoked)} on other devices`
      : actor && actor === target
        ? `${who(actor)} signed out of ${sessions(details.revoked)} everywhere`
        : `${actor ? `${actor} ended` : 'Ended'} ${sessions(details.revoked)} of ${account(target)}`,
  'setup.completed': ({ actor }) => `${who(actor)} set up ResetDesk as the first administrator`,
  'signin.failed': signInFailed,
  'signin.refused': ({ target, outcome }) =>
    `${possessive(account(target))} sign-in was refused: ${REFUSALS[outcome] ?? outcome.replaceAll('_', ' ')}`,
  'signin.succeeded': ({ actor }) => `${who(actor)} signed in`,
  'sms.expired': delivery('A text message', 'expired before it could be delivered'),
  'sms.failed': delivery('A text message', 'could not be delivered'),
  'sms.queued': ({ actor, target }) =>
    `${who(actor)} sent ${account(target)} a temporary password by text message`,
  'sms.retry': delivery('A text message', 'failed and will be retried'),
  'sms.sent': delivery('A text message', 'was handed to the SMS gateway'),
  'user.created': ({ actor, target }) => `${who(actor)} created the account ${account(target)}`,
  'user.created_by_script': ({ target }) => `The command line created the account ${account(target)}`,
  'user.updated': ({ actor, target, details }) =>
    `${who(actor)} updated ${account(target)}` +
    (typeof details.fields === 'string' && details.fields
      ? ` (${details.fields.split(',').join(', ')})`
      : ''),
  'webhook.expired': delivery('A webhook', 'expired before it could be delivered'),
  'webhook.failed': delivery('A webhook', 'could not be delivered'),
  'webhook.retry': delivery('A webhook', 'failed and will be retried'),
  'webhook.sent': delivery('A webhook', 'was accepted by its receiver'),
  'webhook_endpoint.created': ({ actor, details }) =>
    `${who(actor)} added the webhook receiver ${String(details.url ?? '')}`,
  'webhook_endpoint.updated': ({ actor, details }) =>
    `${who(actor)} ${details.enabled === false ? 'disabled' : 'enabled'} a webhook receiver`,
  'verification.failed': ({ actor, target, outcome }) =>
    outcome === 'attempts_used_up'
      ? `${possessive(account(target))} verification code was typed wrong too often; ${who(actor)} must send a new one`
      : `${who(actor)} typed a wrong verification code for ${account(target)}`,
  'verification.in_person': ({ actor, target }) => `${who(actor)} verified ${account(target)} in person`,
  'verification.sent': ({ actor, target, channel }) =>
    `${who(actor)} sent ${account(target)} a verification code${via(channel)}`,
  'verification.succeeded': ({ actor, target, channel }) =>
    `${who(actor)} verified ${account(target)}${via(channel)}`,
};

export const AUDIT_CATEGORIES = {
  'sign-in': {
    label: 'Sign-in',
    actions: ['signin.succeeded', 'signin.failed', 'signin.refused', 'account.locked', 'setup.completed'],
  },
  resets: {
    label: 'Resets',
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
    label: 'Admin changes',
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
    label: 'Deliveries',
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
    label: 'Security',
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

export function describeAuditEvent(action: string, parts: SentenceParts): string {
  const sentence = (AUDIT_SENTENCES as Record<string, ((parts: SentenceParts) => string) | undefined>)[
    action
  ];
  return sentence ? sentence(parts) : `${who(parts.actor)}: ${action} (${parts.outcome})`;
}
