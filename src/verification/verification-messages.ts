import { plural } from '../plural';
import type { VerificationChannel } from '../store';

export const CHANNEL_LABELS: Record<VerificationChannel, string> = {
  email: 'email',
  sms: 'text message',
  in_person: 'in person',
};

/** Every text of the caller-verification step, keyed by outcome or refusal code. */
export const VERIFICATION_MESSAGES = {
  verify_first:
    'Verify the caller first: they read back a code sent to them, or you record an in-person check.',
  turned_off: 'Caller verification is turned off here.',
  own_account: 'You cannot verify yourself as a caller.',
  more_privileges: 'You cannot verify a caller for an account with more privileges than yours.',
  account_ineligible: 'Only active or pending accounts can be verified.',
  channel_missing: 'Choose how the code reaches the caller: email or text message.',
  email_unavailable: 'The username is not an email address, so no code can be emailed.',
  sms_unavailable: 'No text message can be sent: there is no valid phone on file or no SMS gateway.',
  too_many_codes: (minutes: number) =>
    `Too many codes were sent for this account or by you. Try again in ${plural(minutes, 'minute')}.`,
  code_sent: (channel: VerificationChannel, to: string) =>
    `A 6-digit code was sent by ${CHANNEL_LABELS[channel]} to ${to}. Ask the caller to read it to you.`,
  code_format: 'Enter the 6 digits the caller reads to you.',
  code_wrong: (attemptsLeft: number) =>
    `That code is not correct. ${plural(attemptsLeft, 'attempt')} left for this code.`,
  attempts_used_up:
    'That code is not correct, and it was the last attempt: this verification has ended. Send a new code if the caller is genuine.',
  no_pending: 'There is no code waiting for confirmation (it expired or was replaced). Send a new code.',
  in_person_not_allowed: 'You do not have permission to record an in-person verification.',
  note_required: 'Say what you checked, like "photo ID checked at the front desk".',
  note_too_long: (max: number) => `Keep the note to ${max} characters.`,
  verified: (agent: string, channel: VerificationChannel, at: string) =>
    `Caller verified by ${agent} via ${CHANNEL_LABELS[channel]} at ${at}.`,
  verified_until: (until: string) => `It allows one reset by you until ${until}.`,
  not_verified: 'Caller not verified.',
} as const;

export type VerificationRefusal =
  | 'turned_off'
  | 'own_account'
  | 'more_privileges'
  | 'account_ineligible'
  | 'email_unavailable'
  | 'sms_unavailable'
  | 'in_person_not_allowed';
