import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type TemplateFunction } from 'ejs';
import { PROJECT_ROOT } from '../project-root';
import { describeDuration } from '../time-format';
import type { EmailMessage, SmsMessage } from '../outbox/outbox-message';

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
  /** When the mail is written, for "in N minutes/hours/days"; pass clock() (defaults to the system time). */
  now?: Date;
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
const compiled = new Map<string, TemplateFunction>();

/** Plain-text parts use the same `<%= %>` tags, without HTML escaping. */
const keepText = (value: unknown) => String(value);

function render(name: string, part: 'html' | 'text', data: Record<string, unknown>): string {
  const file = join(emailViews, `${name}.${part}.ejs`);
  let template = compiled.get(file);
  if (!template) {
    template = compile(readFileSync(file, 'utf8'), {
      filename: file,
      strict: true,
      localsName: 'mail',
      ...(part === 'text' && { escape: keepText }),
    });
    compiled.set(file, template);
  }
  return template(data);
}

/** A name is a single line in a mail: no line breaks or control characters from a profile field. */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
}

function formatTime(at: Date): string {
  return `${at.toISOString().slice(11, 16)} UTC`;
}

function formatDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 10)} at ${formatTime(at)}`;
}

/** The time alone while it is still today (UTC); with its date once the link outlives the day. */
function formatExpiry(expiresAt: Date, now: Date): string {
  const sameDay = expiresAt.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return sameDay
    ? formatTime(expiresAt)
    : `${formatTime(expiresAt)} on ${expiresAt.toISOString().slice(0, 10)}`;
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

const RESET_SUBJECTS = {
  reset: 'Reset your ResetDesk password',
  invite: 'Set up your ResetDesk account',
} as const;

/** The link + 6-digit code mail (forgot password, admin "send reset link", invitation). */
export function renderResetEmail(input: ResetEmailInput): EmailMessage {
  const subject = RESET_SUBJECTS[input.purpose];
  const now = input.now ?? new Date();
  const data = {
    subject,
    purpose: input.purpose,
    requestedByAdmin: input.requestedByAdmin,
    displayName: oneLine(input.displayName),
    username: input.to,
    link: input.link,
    code: input.code,
    resetPage: stripQuery(input.link),
    expiresAt: formatExpiry(input.expiresAt, now),
    expiresIn: describeDuration(input.expiresAt.getTime() - now.getTime()),
  };
  return {
    to: input.to,
    subject,
    text: render('reset', 'text', data),
    html: render('reset', 'html', data),
    userId: input.userId,
    kind: input.purpose === 'invite' ? 'invite' : 'reset_link',
  };
}

/**
 * Tells the account owner their password changed. Its one secret is the "this wasn't me" link, which
 * can only lock the account: no password, reset token or code.
 */
export function renderPasswordChangedEmail(input: PasswordChangedEmailInput): EmailMessage {
  const subject = 'Your ResetDesk password was changed';
  const data = {
    subject,
    displayName: oneLine(input.displayName),
    username: input.to,
    changedAt: formatDateTime(input.changedAt),
    byAdmin: input.by === 'admin',
    secureAccountLink: input.secureAccountLink,
  };
  return {
    to: input.to,
    subject,
    text: render('password-changed', 'text', data),
    html: render('password-changed', 'html', data),
    userId: input.userId,
    kind: 'password_changed',
  };
}

/** The credentials an admin chose to send with a one-click reset (to the username address). */
export function renderTemporaryPasswordEmail(input: TemporaryPasswordInput): EmailMessage {
  const subject = 'Your temporary ResetDesk password';
  const data = {
    subject,
    displayName: oneLine(input.displayName),
    username: input.username,
    password: input.password,
    loginPage: appPage(input.appUrl, '/login'),
    expiresAt: formatDateTime(input.expiresAt),
  };
  return {
    to: input.to,
    subject,
    text: render('temporary-password', 'text', data),
    html: render('temporary-password', 'html', data),
    userId: input.userId,
    kind: 'temporary_password',
  };
}

/** One short text: who it is from, the password, where to sign in, and that it expires. */
export function renderTemporaryPasswordSms(input: TemporaryPasswordInput): SmsMessage {
  const loginPage = appPage(input.appUrl, '/login');
  return {
    to: input.to,
    body:
      `ResetDesk temporary password:\n${input.password}\n` +
      `Sign in at ${loginPage} as ${input.username} and choose a new one. ` +
      `Expires ${formatDateTime(input.expiresAt)}.`,
    userId: input.userId,
    kind: 'temporary_password',
  };
}

export interface SecurityAlertEmailInput {
  /** The admin's username address. */
  to: string;
  displayName: string;
  /** One sentence naming what happened (admin-messages.ts, keyed by alert kind). */
  what: string;
  target: { id: string; username: string; displayName: string };
  /** Who did it, already worded ("Grace Admin (grace@…)" or "the account's owner"). */
  actor: string;
  at: Date;
  appUrl: string;
}

/** Tells an admin something needs their attention, with a link to the user's page: never a secret. */
export function renderSecurityAlertEmail(input: SecurityAlertEmailInput): EmailMessage {
  const subject = `ResetDesk security alert: ${oneLine(input.target.displayName || input.target.username)}`;
  const data = {
    subject,
    displayName: oneLine(input.displayName),
    what: oneLine(input.what),
    targetName: oneLine(input.target.displayName),
    targetUsername: input.target.username,
    actor: oneLine(input.actor),
    at: formatDateTime(input.at),
    userPage: appPage(input.appUrl, `/admin/users/${encodeURIComponent(input.target.id)}`),
  };
  return {
    to: input.to,
    subject,
    text: render('security-alert', 'text', data),
    html: render('security-alert', 'html', data),
    userId: input.target.id,
    kind: 'security_alert',
  };
}

export interface VerificationCodeInput {
  /** The username address for email, the E.164 phone on file for SMS. */
  to: string;
  displayName: string;
  /** The help-desk agent asking: the user knows whom they should be talking to. */
  agentName: string;
  code: string;
  expiresAt: Date;
  userId: string;
  /** The single-use "this wasn't me" link, `APP_URL/secure-account?token=…`. */
  secureAccountLink: string;
}

/** The caller-verification code: to be read to the named agent only during a call the user is on. */
export function renderVerificationCodeEmail(input: VerificationCodeInput): EmailMessage {
  const subject = 'Your ResetDesk verification code';
  const data = {
    subject,
    displayName: oneLine(input.displayName),
    agentName: oneLine(input.agentName),
    code: input.code,
    expiresAt: formatTime(input.expiresAt),
    secureAccountLink: input.secureAccountLink,
  };
  return {
    to: input.to,
    subject,
    text: render('verification-code', 'text', data),
    html: render('verification-code', 'html', data),
    userId: input.userId,
    kind: 'verification_code',
  };
}

export function renderVerificationCodeSms(input: VerificationCodeInput): SmsMessage {
  return {
    to: input.to,
    body:
      `ResetDesk code ${input.code} for ${oneLine(input.agentName)} at your help desk. ` +
      `Read it to them only if you are on the phone with them now. ` +
      `Did not call? Do not share it; tell us: ${input.secureAccountLink}`,
    userId: input.userId,
    kind: 'verification_code',
  };
}
