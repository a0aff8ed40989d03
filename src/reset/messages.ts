import { plural } from '../plural';

/** Every user-facing reset message in one place; routes pick by error code, tests assert on codes and these texts. */
export const RESET_MESSAGES = {
  forgotSent:
    "If an account exists for that address, we've sent it an email with a link and a 6-digit code. They expire in {minutes} minutes.",
  requestInvalid:
    'This reset link or code is no longer valid: it may have expired, been used already, or been replaced by a newer one. Request a new one.',
  tooManyAttempts:
    'Too many wrong codes. For your security this reset has been cancelled. Request a new link and code.',
  codeFormat: 'Enter the 6-digit code from the email.',
  /** The username + code path's one answer to every failure, so it never tells whether an account exists. */
  codeNotAccepted: 'That code is not correct or has expired. Check the newest email, or ask for a new code.',
  usernameMissing: 'Enter the email address you sign in with.',
  completed:
    'Your password has been changed and you have been signed out everywhere. Sign in with your new password.',
} as const;

export function codeIncorrectMessage(attemptsLeft: number): string {
  return `That code is not correct. You have ${plural(attemptsLeft, 'attempt')} left.`;
}

/** a•••@example.org: enough for the owner to recognise, little for a shoulder-surfer. */
export function maskUsername(username: string): string {
  const [local = '', domain = ''] = username.split('@');
  return `${[...local][0] ?? ''}•••@${domain}`;
}
