import { plural } from '../plural';
import { formatUtc } from '../time-format';

/**
 * Every user-facing text of sign-in, setup and the own-account pages, keyed by the error codes the
 * auth use cases return (and a few page outcomes); routes look texts up here.
 */
export const AUTH_MESSAGES = {
  missing_credentials: 'Enter your email address and your password.',
  invalid_credentials:
    'Incorrect email address or password. After repeated failures sign-in pauses for a while; you can also reset your password.',
  device_user: 'Device accounts cannot sign in to this website. Use your password in the mobile app.',
  account_disabled: 'This account is suspended or closed. Contact your help desk.',
  temporary_password_expired:
    'This temporary password has expired. Ask your help desk for a new one, or use "Forgot password".',
  no_permission: 'Your account does not have permission to do that.',

  current_password_incorrect: 'Your current password is not correct.',
  account_locked: (lockedUntil: Date | null) =>
    `Too many wrong passwords were entered for this account. Try again after ${formatUtc(lockedUntil)}.`,
  locked_out: (lockedUntil: Date) =>
    `The current password was entered wrong too many times, so you have been signed out on every device and sign-in is locked until ${formatUtc(lockedUntil)}. To get back in sooner, reset your password with "Forgot password".`,
  password_changed: 'Password changed. Your other devices have been signed out.',
  other_sessions_signed_out: (count: number) => `Signed out ${plural(count, 'other session')}.`,

  setup_closed: 'Setup is already complete. Sign in instead.',
  setup_token_incorrect:
    'That setup token is not correct. Copy it from data/setup-token or the start-up output.',
  username_not_email: 'Enter an email address, like name@example.org.',
  display_name_missing: 'Enter your name.',
  administrator_created: 'Administrator created. Sign in with your new password.',
} as const;
