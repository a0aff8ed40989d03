/**
 * The catalog keys of sign-in, setup and the own-account pages, by the error codes the auth use cases
 * return (and a few page outcomes); routes translate them with `req.t` where they raise them.
 */
export const AUTH_MESSAGES = {
  missing_credentials: 'auth:errors.missing_credentials',
  invalid_credentials: 'auth:errors.invalid_credentials',
  device_user: 'auth:errors.device_user',
  account_disabled: 'auth:errors.account_disabled',
  temporary_password_expired: 'auth:errors.temporary_password_expired',
  no_permission: 'auth:errors.no_permission',

  current_password_incorrect: 'account:errors.current_password_incorrect',
  /** These two with `{ until }`: the end of the lock, in the viewer's zone. */
  account_locked: 'account:errors.account_locked',
  locked_out: 'account:errors.locked_out',
  password_changed: 'account:password.changed',
  /** With `{ count }`. */
  other_sessions_signed_out: 'account:sessions.signed_out_others',

  setup_closed: 'auth:errors.setup_closed',
  setup_token_incorrect: 'auth:errors.setup_token_incorrect',
  username_not_email: 'auth:errors.username_not_email',
  display_name_missing: 'auth:errors.display_name_missing',
  administrator_created: 'auth:setup.created',

  preferences_saved: 'account:preferences.saved',
  unknown_language: 'account:preferences.unknown_language',
  unknown_time_zone: 'account:preferences.unknown_time_zone',
} as const;
