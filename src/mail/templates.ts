import { join } from 'node:path';
import type { Localized } from '../i18n/localization';
import { PROJECT_ROOT } from '../project-root';
import type { EmailMessage, SmsMessage } from '../outbox/outbox-message';
import { createTemplates } from '../web/view-engine';
import { mailText } from './mail-text';

export interface ResetEmailInput {
  /** The stored username of the account: reset mail never goes anywhere else. */
  to: string;
  displayName: string;
  /** `APP_URL/reset?token=…`, built from APP_URL only. */
  link: string;
  code: string;
  expiresAt: Date;
  purpose: 'reset' | 'invite';
  requestedByAdmin: boolean;
  userId: string;
  /** When the mail is written, for "in N minutes/hours/days"; pass clock(). */
  now: Date;
}

export interface PasswordChangedEmailInput {
  to: string;
  displayName: string;
  changedAt: Date;
  by: 'self' | 'admin';
  userId: string;
  /** The single-use "this wasn't me" link, `APP_URL/secure-account?token=…`. */
  secureAccountLink: string;
}

export interface TemporaryPasswordInput {
  /** The username address for email, the E.164 phone for SMS. */
  to: string;
  username: string;
  displayName: string;
  password: string;
  expiresAt: Date;
  appUrl: string;
  userId: string;
}

const emailViews = join(PROJECT_ROOT, 'views', 'emails');

/** Plain-text parts use the same `<%= %>` tags, without HTML escaping. */
const keepText = (value: unknown) => String(value);

// Compiled once each, partials too; a mail reads its values as `mail.…`.
const parts = {
  html: createTemplates(emailViews, { localsName: 'mail', strict: true }),
  text: createTemplates(emailViews, { localsName: 'mail', strict: true, escape: keepText }),
};

function render(name: string, part: 'html' | 'text', data: Record<string, unknown>): string {
  return parts[part].render(join(emailViews, `${name}.${part}.ejs`), data, true);
}

/** Both parts of one mail, in the recipient's language: `subject` is already translated. */
function renderParts(
  name: string,
  recipient: Localized,
  data: Record<string, unknown> & { subject: string },
) {
  const locals = { ...mailText(recipient), ...data };
  return { subject: data.subject, text: render(name, 'text', locals), html: render(name, 'html', locals) };
}

/** A name is a single line in a mail: no line breaks or control characters from a profile field. */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
}

/** A page of the app, for a mail: `appUrl` with or without a trailing slash. */
function appPage(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, '')}${path}`;
}

/** The page a user reaches without the link (username + code): the link without its token. */
function stripQuery(link: string): string {
  const url = new URL(link);
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The link + 6-digit code mail (forgot password, admin "send reset link", invitation), in the
 * recipient's language and time zone.
 */
export function renderResetEmail(input: ResetEmailInput, recipient: Localized): EmailMessage {
  const subject =
    input.purpose === 'invite'
      ? recipient.t('mail:reset.subject_invite')
      : recipient.t('mail:reset.subject_reset');
  const parts = renderParts('reset', recipient, {
    subject,
    purpose: input.purpose,
    requestedByAdmin: input.requestedByAdmin,
    displayName: oneLine(input.displayName),
    username: input.to,
    link: input.link,
    code: input.code,
    resetPage: stripQuery(input.link),
    expiresAt: recipient.formatDeadline(input.expiresAt, input.now),
    expiresIn: recipient.formatDuration(input.expiresAt.getTime() - input.now.getTime()),
  });
  return {
    to: input.to,
    ...parts,
    userId: input.userId,
    kind: input.purpose === 'invite' ? 'invite' : 'reset_link',
  };
}

/**
 * Tells the account owner their password changed. Its one secret is the "this wasn't me" link, which
 * can only lock the account: no password, reset token or code.
 */
export function renderPasswordChangedEmail(
  input: PasswordChangedEmailInput,
  recipient: Localized,
): EmailMessage {
  const parts = renderParts('password-changed', recipient, {
    subject: recipient.t('mail:password_changed.subject'),
    displayName: oneLine(input.displayName),
    username: input.to,
    changedAt: recipient.formatDateTime(input.changedAt),
    byAdmin: input.by === 'admin',
    secureAccountLink: input.secureAccountLink,
  });
  return { to: input.to, ...parts, userId: input.userId, kind: 'password_changed' };
}

/** The credentials an admin chose to send with a one-click reset (to the username address). */
export function renderTemporaryPasswordEmail(
  input: TemporaryPasswordInput,
  recipient: Localized,
): EmailMessage {
  const parts = renderParts('temporary-password', recipient, {
    subject: recipient.t('mail:temporary_password.subject'),
    displayName: oneLine(input.displayName),
    username: input.username,
    password: input.password,
    loginPage: appPage(input.appUrl, '/login'),
    expiresAt: recipient.formatDateTime(input.expiresAt),
  });
  return { to: input.to, ...parts, userId: input.userId, kind: 'temporary_password' };
}

/** One short text: who it is from, the password, where to sign in, and that it expires. */
export function renderTemporaryPasswordSms(input: TemporaryPasswordInput, recipient: Localized): SmsMessage {
  return {
    to: input.to,
    body: recipient.t('sms:temporary_password', {
      password: input.password,
      loginPage: appPage(input.appUrl, '/login'),
      username: input.username,
      expiresAt: recipient.formatDateTime(input.expiresAt),
    }),
    userId: input.userId,
    kind: 'temporary_password',
  };
}

export interface SecurityAlertEmailInput {
  /** The admin's username address. */
  to: string;
  displayName: string;
  /** One sentence naming what happened, in the recipient's language. */
  what: string;
  target: { id: string; username: string; displayName: string };
  /** Who did it, already worded ("Grace Admin (grace@…)" or "the account's owner"). */
  actor: string;
  at: Date;
  appUrl: string;
}

/** Tells an admin something needs their attention, with a link to the user's page: never a secret. */
export function renderSecurityAlertEmail(input: SecurityAlertEmailInput, recipient: Localized): EmailMessage {
  const parts = renderParts('security-alert', recipient, {
    subject: recipient.t('mail:security_alert.subject', {
      name: oneLine(input.target.displayName || input.target.username),
    }),
    displayName: oneLine(input.displayName),
    what: oneLine(input.what),
    targetName: oneLine(input.target.displayName),
    targetUsername: input.target.username,
    actor: oneLine(input.actor),
    at: recipient.formatDateTime(input.at),
    userPage: appPage(input.appUrl, `/admin/users/${encodeURIComponent(input.target.id)}`),
  });
  return { to: input.to, ...parts, userId: input.target.id, kind: 'security_alert' };
}

export interface VerificationCodeInput {
  /** The username address for email, the E.164 phone on file for SMS. */
  to: string;
  displayName: string;
  /** The help-desk agent asking: the user knows whom they should be talking to. */
  agentName: string;
  code: string;
  expiresAt: Date;
  /** When the message is written: the expiry reads as a time of day while it is the same day. */
  now: Date;
  userId: string;
  /** The single-use "this wasn't me" link, `APP_URL/secure-account?token=…`. */
  secureAccountLink: string;
}

/** The caller-verification code: to be read to the named agent only during a call the user is on. */
export function renderVerificationCodeEmail(
  input: VerificationCodeInput,
  recipient: Localized,
): EmailMessage {
  const parts = renderParts('verification-code', recipient, {
    subject: recipient.t('mail:verification_code.subject'),
    displayName: oneLine(input.displayName),
    agentName: oneLine(input.agentName),
    code: input.code,
    expiresAt: recipient.formatDeadline(input.expiresAt, input.now),
    secureAccountLink: input.secureAccountLink,
  });
  return { to: input.to, ...parts, userId: input.userId, kind: 'verification_code' };
}

export function renderVerificationCodeSms(input: VerificationCodeInput, recipient: Localized): SmsMessage {
  return {
    to: input.to,
    body: recipient.t('sms:verification_code', {
      code: input.code,
      agent: oneLine(input.agentName),
      link: input.secureAccountLink,
    }),
    userId: input.userId,
    kind: 'verification_code',
  };
}
