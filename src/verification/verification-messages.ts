import type { VerificationChannel } from '../store';

/** How a code reached the user, or how the caller was checked, as the panel names it. */
export const CHANNEL_LABELS: Record<VerificationChannel, string> = {
  email: 'verification:channels.email',
  sms: 'verification:channels.sms',
  in_person: 'verification:channels.in_person',
};

/** "Caller verified by {agent} … at {at}", one sentence per way the caller was checked. */
export const VERIFIED_MESSAGES: Record<VerificationChannel, string> = {
  email: 'verification:verified.email',
  sms: 'verification:verified.sms',
  in_person: 'verification:verified.in_person',
};

/**
 * Every text of the caller-verification step, as catalog keys, keyed by outcome or refusal code; the
 * routes (and the API) translate them with the viewer's `t`. Arguments are named beside each key.
 */
export const VERIFICATION_MESSAGES = {
  turned_off: 'verification:errors.turned_off',
  own_account: 'verification:errors.own_account',
  more_privileges: 'verification:errors.more_privileges',
  account_ineligible: 'verification:errors.account_ineligible',
  channel_missing: 'verification:errors.channel_missing',
  email_unavailable: 'verification:errors.email_unavailable',
  sms_unavailable: 'verification:errors.sms_unavailable',
  /** `{count}`: minutes to wait. */
  too_many_codes: 'verification:errors.too_many_codes',
  /** `{to}`: the username address. */
  code_sent_email: 'verification:code_sent.email',
  /** `{lastDigits}`: the phone's last three digits. */
  code_sent_sms: 'verification:code_sent.sms',
  code_format: 'verification:errors.code_format',
  /** `{count}`: attempts left. */
  code_wrong: 'verification:errors.code_wrong',
  attempts_used_up: 'verification:errors.attempts_used_up',
  no_pending: 'verification:errors.no_pending',
  in_person_not_allowed: 'verification:errors.in_person_not_allowed',
  note_required: 'verification:errors.note_required',
  /** `{max}`: characters. */
  note_too_long: 'verification:errors.note_too_long',
  /** `{until}`: when the verification ends. */
  verified_until: 'verification:verified.until',
} as const;

export type VerificationRefusal =
  | 'turned_off'
  | 'own_account'
  | 'more_privileges'
  | 'account_ineligible'
  | 'email_unavailable'
  | 'sms_unavailable'
  | 'in_person_not_allowed';
