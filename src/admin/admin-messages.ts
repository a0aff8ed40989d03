import { USER_STATUS_LABELS } from '../auth/user-labels';
import { plural } from '../plural';
import type { User, UserStatus } from '../store';
import { HOUR } from '../time';
import { TICKET_REF_MAX_LENGTH, type TicketRefConfig, type TicketRefError } from './ticket-ref';
import type { UpdateUserResult } from './update-user';
import { VERIFICATION_MESSAGES } from '../verification/verification-messages';

/** The "More options" menu entries and confirmation page titles, keyed by admin action. */
export const ADMIN_ACTION_LABELS = {
  'reset-link': 'Send reset link',
  'reset-password': 'Reset password',
  'temp-password-sms': 'Set temporary password and send by SMS',
  password: 'Set password',
  'sessions-revoke': 'Sign out all sessions',
} as const;

/**
 * Why an admin action cannot be used on an account, keyed by the refusal codes of the admin menu and
 * the admin resets; shown on the menu, the confirmation page and after a refused POST.
 */
export const ADMIN_REFUSALS = {
  more_privileges: 'You cannot reset an account with more privileges than yours.',
  account_ineligible: (target: { status: UserStatus }) =>
    `This account is ${USER_STATUS_LABELS[target.status].toLowerCase()}: only active or pending accounts can be reset or signed out.`,
  no_sms_gateway:
    'Text messages cannot be sent from this installation: no SMS gateway is set up. Use another option.',
  // Help-desk agents cannot edit profiles: these name who can fix it, never a page that would be a 403 for them.
  no_phone: 'No phone number on file. Someone who can edit users (an administrator) must add one first.',
  no_national_id:
    'This account has no national ID (IQAMA) on file, and its password resets to it. Someone who can edit users (an administrator) must add it first.',
  username_not_email: (target: { username: string }) =>
    `The username ${target.username} is not a valid email address, so no email can be sent. Someone who can edit users (an administrator) must correct it first.`,
  phone_invalid:
    'The phone number on file is not a valid international number (like +966501234567). Someone who can edit users (an administrator) must correct it first.',
  verification_required: VERIFICATION_MESSAGES.verify_first,
} as const;

export type AdminRefusalCode = keyof typeof ADMIN_REFUSALS;

/** A refusal's text, filled in with the account it is about. */
export function describeRefusal(code: AdminRefusalCode, target: Pick<User, 'status' | 'username'>): string {
  const message = ADMIN_REFUSALS[code];
  return typeof message === 'function' ? message(target) : message;
}

/** Every other user-facing text of the admin pages, keyed by outcome. */
export const ADMIN_MESSAGES = {
  edit_more_privileges: 'You cannot change an account with more privileges than yours.',
  option_turned_off: 'That option is turned off here.',
  own_account: 'These options are not available for your own account: use My account → Change password.',
  no_such_message: 'There is no such message.',
  user_not_found: 'This user no longer exists.',
  no_such_user: 'There is no user with this id. Search for them on the Users page.',
  username_taken: 'This username is already in use by another account. Search for it on the Users page.',

  reset_link_sent: (to: string, lifetime: string) =>
    `Reset link and code sent to ${to}. They work for ${lifetime}.`,
  invitation_sent: (to: string, lifetime: string) =>
    `Invitation and code sent to ${to}. They work for ${lifetime}.`,
  temporary_password_queued: 'Temporary password set and queued by SMS. The user must change it at sign-in.',
  password_set: 'Password set.',
  one_click_confirmed: (emailedTo: string | null, sessionsEnded: number) =>
    [
      emailedTo ? `The new password was queued by email to ${emailedTo}.` : 'No email was sent.',
      sessionsEnded > 0
        ? `${plural(sessionsEnded, 'session was', 'sessions were')} signed out.`
        : 'No session was ended.',
    ].join(' '),
  handover_decision: 'Choose Confirm or Close.',
  one_click_closed:
    'Closed: nothing was emailed and no session was ended. The new password stays set; the user must change it when they sign in.',
  one_click_handover_gone:
    'This password can no longer be sent from here: its dialog was already answered, or 5 minutes passed. The password itself is set; to email one to the user, reset again.',
  one_click_not_sent: (reason: string) =>
    `Nothing was sent and no session was ended: ${reason} The new password stays set.`,
  caller_verified: 'Caller verified.',
  caller_not_verified: 'Caller not verified.',
  password_set_sessions_ended: (count: number) =>
    `Password set. ${plural(count, 'session was', 'sessions were')} signed out.`,
  sessions_signed_out: (count: number) => `Signed out ${plural(count, 'session')}.`,

  user_created: (displayName: string) =>
    `Created ${displayName} (pending). No invitation was sent: use More options → Send reset link when they are ready.`,
  user_created_and_invited: (displayName: string, username: string, hours: number) =>
    `Created ${displayName} (pending). An invitation is on its way to ${username}; its link and code work for ${plural(hours, 'hour')}.`,
  nothing_changed: 'Nothing changed.',
  fields_saved: (fields: string) => `Saved ${fields}.`,
  status_now: (status: UserStatus) => `The account is now ${USER_STATUS_LABELS[status].toLowerCase()}.`,
  links_cancelled: 'Open reset and invitation links were cancelled.',
} as const;

const FIELD_LABELS: Record<string, string> = {
  username: 'username',
  displayName: 'name',
  userType: 'user type',
  contactEmail: 'contact email',
  phone: 'phone',
  nationalId: 'national ID',
  roles: 'role',
  status: 'status',
};

export function describeCreatedUser(user: User, invited: boolean, inviteTtlMs: number): string {
  if (!invited) return ADMIN_MESSAGES.user_created(user.displayName);
  const hours = Math.round(inviteTtlMs / HOUR);
  return ADMIN_MESSAGES.user_created_and_invited(user.displayName, user.username, hours);
}

/** What an edit changed, in one flash message. */
export function describeSavedChanges(result: Extract<UpdateUserResult, { ok: true }>): string {
  if (result.changed.length === 0) return ADMIN_MESSAGES.nothing_changed;
  const fields = result.changed.map((field) => FIELD_LABELS[field] ?? field).join(', ');
  const parts = [ADMIN_MESSAGES.fields_saved(fields)];
  if (result.changed.includes('status')) parts.push(ADMIN_MESSAGES.status_now(result.user.status));
  if (result.revokedSessions !== null) {
    parts.push(ADMIN_MESSAGES.sessions_signed_out(result.revokedSessions));
  }
  if (result.voidedRequests > 0) parts.push(ADMIN_MESSAGES.links_cancelled);
  return parts.join(' ');
}

/** The texts under the ticket field, naming the field and, from the configured pattern, the form it takes. */
const TICKET_MESSAGES: Record<TicketRefError, (config: TicketRefConfig) => string> = {
  ticket_required: ({ example, patternSource }) => {
    if (example) return `Enter the ticket reference, like ${example}.`;
    if (patternSource) return `Enter the ticket reference, matching the pattern ${patternSource}.`;
    return 'Enter the ticket reference of this request.';
  },
  ticket_format: ({ example, patternSource }) => {
    if (example) return `The ticket reference must look like ${example}.`;
    if (patternSource) return `The ticket reference must match the pattern ${patternSource}.`;
    return `The ticket reference must be one line of at most ${TICKET_REF_MAX_LENGTH} characters.`;
  },
};

export function describeTicketError(error: TicketRefError, config: TicketRefConfig): string {
  return TICKET_MESSAGES[error](config);
}
