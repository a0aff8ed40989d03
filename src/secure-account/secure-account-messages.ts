import type { SecureAccountResult } from './secure-account';

type SecureAccountError = Extract<SecureAccountResult, { ok: false }>['error'];

/**
 * Every error text of the "this wasn't me" pages, as catalog keys, keyed by the use case's error codes;
 * routes translate them with the visitor's `req.t`.
 */
export const SECURE_ACCOUNT_MESSAGES: Record<SecureAccountError, string> = {
  link_invalid: 'secure:errors.link_invalid',
};
