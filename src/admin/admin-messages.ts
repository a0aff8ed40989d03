import type { Translate } from '../i18n/localization';
import type { User } from '../store';
import { HOUR } from '../time';
import { TICKET_REF_MAX_LENGTH, type TicketRefConfig, type TicketRefError } from './ticket-ref';
import type { UpdateUserResult } from './update-user';

/** The "More options" menu entries and confirmation page titles, keyed by admin action: catalog keys. */
export const ADMIN_ACTION_LABELS = {
  'reset-link': 'admin:actions.reset_link',
  'reset-password': 'admin:actions.reset_password',
  'temp-password-sms': 'admin:actions.temp_password_sms',
  password: 'admin:actions.password',
  'sessions-revoke': 'admin:actions.sessions_revoke',
} as const;

/**
 * Why an admin action cannot be used on an account, keyed by the refusal codes of the admin menu and
 * the admin resets; shown on the menu, the confirmation page and after a refused POST.
 */
export const ADMIN_REFUSALS = {
  more_privileges: 'admin:refusals.more_privileges',
  account_ineligible: 'admin:refusals.account_ineligible',
  no_sms_gateway: 'admin:refusals.no_sms_gateway',
  // Help-desk agents cannot edit profiles: these name who can fix it, never a page that would be a 403 for them.
  no_phone: 'admin:refusals.no_phone',
  no_national_id: 'admin:refusals.no_national_id',
  username_not_email: 'admin:refusals.username_not_email',
  phone_invalid: 'admin:refusals.phone_invalid',
  verification_required: 'admin:refusals.verification_required',
} as const;

export type AdminRefusalCode = keyof typeof ADMIN_REFUSALS;

/** A refusal's text, filled in with the account it is about. */
export function describeRefusal(
  code: AdminRefusalCode,
  target: Pick<User, 'status' | 'username'>,
  t: Translate,
): string {
  return t(ADMIN_REFUSALS[code], { status: target.status, username: target.username });
}

/** Every other user-facing text of the admin pages, keyed by outcome: catalog keys, translated where shown. */
export const ADMIN_MESSAGES = {
  edit_more_privileges: 'admin:messages.edit_more_privileges',
  option_turned_off: 'admin:messages.option_turned_off',
  own_account: 'admin:messages.own_account',
  no_such_message: 'admin:messages.no_such_message',
  user_not_found: 'admin:messages.user_not_found',
  no_such_user: 'admin:messages.no_such_user',
  username_taken: 'admin:messages.username_taken',
  reset_link_sent: 'admin:messages.reset_link_sent',
  invitation_sent: 'admin:messages.invitation_sent',
  temporary_password_queued: 'admin:messages.temporary_password_queued',
  password_set: 'admin:messages.password_set',
  password_set_sessions_ended: 'admin:messages.password_set_sessions_ended',
  handover_decision: 'admin:messages.handover_decision',
  one_click_closed: 'admin:messages.one_click_closed',
  one_click_handover_gone: 'admin:messages.one_click_handover_gone',
  one_click_not_sent: 'admin:messages.one_click_not_sent',
  caller_verified: 'admin:messages.caller_verified',
  caller_not_verified: 'admin:messages.caller_not_verified',
  sessions_signed_out: 'admin:messages.sessions_signed_out',
} as const;

/** What the one-click dialog's Confirm did, in one flash message. */
export function describeOneClickConfirmed(
  emailedTo: string | null,
  sessionsEnded: number,
  t: Translate,
): string {
  return [
    emailedTo
      ? t('admin:messages.one_click_emailed', { to: emailedTo })
      : t('admin:messages.one_click_not_emailed'),
    sessionsEnded > 0
      ? t('admin:messages.one_click_sessions_ended', { count: sessionsEnded })
      : t('admin:messages.one_click_no_session_ended'),
  ].join(' ');
}

const FIELD_LABELS: Record<string, string> = {
  username: 'admin:saved_fields.username',
  displayName: 'admin:saved_fields.display_name',
  userType: 'admin:saved_fields.user_type',
  contactEmail: 'admin:saved_fields.contact_email',
  phone: 'admin:saved_fields.phone',
  nationalId: 'admin:saved_fields.national_id',
  roles: 'admin:saved_fields.roles',
  status: 'admin:saved_fields.status',
};

export function describeCreatedUser(user: User, invited: boolean, inviteTtlMs: number, t: Translate): string {
  if (!invited) return t('admin:messages.user_created', { name: user.displayName });
  const hours = Math.round(inviteTtlMs / HOUR);
  return t('admin:messages.user_created_and_invited', {
    name: user.displayName,
    username: user.username,
    hours,
  });
}

/** What an edit changed, in one flash message. */
export function describeSavedChanges(result: Extract<UpdateUserResult, { ok: true }>, t: Translate): string {
  if (result.changed.length === 0) return t('admin:messages.nothing_changed');
  const fields = result.changed
    .map((field) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field))
    .join(t('admin:messages.list_separator'));
  const parts = [t('admin:messages.fields_saved', { fields })];
  if (result.changed.includes('status'))
    parts.push(t('admin:messages.status_now', { status: result.user.status }));
  if (result.revokedSessions !== null) {
    parts.push(t(ADMIN_MESSAGES.sessions_signed_out, { count: result.revokedSessions }));
  }
  if (result.voidedRequests > 0) parts.push(t('admin:messages.links_cancelled'));
  return parts.join(' ');
}

/** The text under the ticket field, naming the field and, from the configured pattern, the form it takes. */
export function describeTicketError(error: TicketRefError, config: TicketRefConfig, t: Translate): string {
  const { example, patternSource: pattern } = config;
  if (error === 'ticket_required') {
    if (example) return t('admin:ticket.required_example', { example });
    if (pattern) return t('admin:ticket.required_pattern', { pattern });
    return t('admin:ticket.required');
  }
  if (example) return t('admin:ticket.format_example', { example });
  if (pattern) return t('admin:ticket.format_pattern', { pattern });
  return t('admin:ticket.format_length', { max: TICKET_REF_MAX_LENGTH });
}
