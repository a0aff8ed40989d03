import { plural } from '../plural';

/**
 * Every user-facing text of the reset pages, keyed by the error codes of the reset use cases and the
 * form checks; routes look texts up here, tests assert on the codes and these texts.
 */
export const RESET_MESSAGES = {
  request_invalid:
    'This reset link or code is no longer valid: it may have expired, been used already, or been replaced by a newer one. Request a new one.',
  too_many_attempts:
    'Too many wrong codes. For your security this reset has been cancelled. Request a new link and code.',
  code_incorrect: (attemptsLeft: number) =>
    `That code is not correct. You have ${plural(attemptsLeft, 'attempt')} left.`,
  /** The username + code path's one answer to every failure, so it never tells whether an account exists. */
  code_not_accepted:
    'That code is not correct or has expired. Check the newest email, or ask for a new code.',
  code_format: 'Enter the 6-digit code from the email.',
  username_missing: 'Enter the email address you sign in with.',
  completed:
    'Your password has been changed and you have been signed out everywhere. Sign in with your new password.',
} as const;
