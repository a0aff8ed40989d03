/**
 * Every user-facing text of the reset pages, as catalog keys, keyed by the error codes of the reset use
 * cases and the form checks; routes translate them with the visitor's `req.t`.
 */
export const RESET_MESSAGES = {
  request_invalid: 'reset:errors.request_invalid',
  too_many_attempts: 'reset:errors.too_many_attempts',
  /** `{count}`: attempts left. */
  code_incorrect: 'reset:errors.code_incorrect',
  /** The username + code path's one answer to every failure, so it never tells whether an account exists. */
  code_not_accepted: 'reset:errors.code_not_accepted',
  code_format: 'reset:errors.code_format',
  username_missing: 'reset:errors.username_missing',
  completed: 'reset:completed',
} as const;
